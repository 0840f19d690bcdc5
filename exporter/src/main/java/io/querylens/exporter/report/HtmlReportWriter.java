package io.querylens.exporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link Report} as {@code querylens-report.html}: one self-contained page for people, with
 * its styles, script and charts inline, that loads nothing from the network and works when opened
 * from {@code file://}, on a machine without access to the internet or to QueryLens.
 *
 * <p>The page is a fixed template holding the report's JSON, exactly as {@link JsonReportWriter}
 * writes it, and a script that renders it in the browser. The JSON is the one source, so the HTML
 * of a report read back from JSON (the command line's {@code render}, for instance of a merged
 * report) shows the same as the agent's own, and the template tolerates the fields a version adds or
 * leaves out (a version 1 report has no latency histogram). Statement texts come from the
 * application and may hold anything, {@code </script>} included: the JSON is escaped so that it
 * cannot end its {@code <script>} element, and the page inserts every text as text, never as
 * markup.
 *
 * <p>Thread-safe: the writer holds only immutable state and each {@link #render} builds its own
 * string. Not on any hot path.
 *
 * @since 0.1
 */
public final class HtmlReportWriter {
  /** The report's file name inside the report directory. */
  public static final String FILE_NAME = "querylens-report.html";

  /** Where the report's JSON goes in the template: the whole content of its data element. */
  static final String PLACEHOLDER = "/*QUERYLENS_REPORT_JSON*/";

  private static final String TEMPLATE_RESOURCE = FILE_NAME;

  // Read once and kept: the template is a resource of this jar and never changes while it runs.
  // Written by whichever thread reads it first; a race only reads the same resource twice.
  private static volatile Template template;

  private final JsonReportWriter json = new JsonReportWriter();
  private final ObjectMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * Creates a writer. Cheap, and never fails: the template is read on the first {@link #render},
   * so that a broken installation fails the HTML report alone, not the reports written with it.
   */
  public HtmlReportWriter() {}

  /**
   * Returns the report as a complete HTML page.
   *
   * @param report the report
   * @return the page, UTF-8 text
   * @throws IllegalStateException if the template is missing from the class path (an incomplete
   *     QueryLens jar)
   * @throws UncheckedIOException if Jackson cannot serialize the report (a bug in the model)
   */
  public String render(Report report) {
    return template().fill(json.toJson(Objects.requireNonNull(report, "report")));
  }

  /**
   * Returns the page for a report already in JSON, such as one read from a file.
   *
   * <p>Checks only that the text is one JSON object; the page shows whatever fields it has, so a
   * report of another schema version renders as far as its fields are known. The JSON is embedded
   * compacted, as Jackson reads it.
   *
   * @param reportJson the report's JSON text
   * @return the page, UTF-8 text
   * @throws IllegalArgumentException if the text is not JSON, or is JSON but not an object
   * @throws IllegalStateException if the template is missing from the class path
   */
  public String render(String reportJson) {
    Objects.requireNonNull(reportJson, "reportJson");
    JsonNode tree;
    try {
      tree = mapper.readTree(reportJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "querylens - the report to render is not JSON ("
              + e.getOriginalMessage()
              + "); give the querylens-report.json the agent wrote",
          e);
    }
    if (tree == null || !tree.isObject()) {
      String kind =
          tree == null || tree.isMissingNode()
              ? "empty"
              : tree.getNodeType().toString().toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException(
          "querylens - the report to render must be a JSON object but was "
              + kind
              + "; give the querylens-report.json the agent wrote");
    }
    try {
      return template().fill(mapper.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      // A tree Jackson has just read always writes back.
      throw new UncheckedIOException("querylens - could not write the report's JSON", e);
    }
  }

  /**
   * Writes the report to {@code <reportDir>/querylens-report.html} through {@link ReportFiles}:
   * atomically replacing any earlier one, readable by its owner only where the file system allows.
   *
   * @param report the report
   * @param reportDir the directory to write into, created if missing; relative paths resolve
   *     against the working directory
   * @return the absolute path of the written file
   * @throws IOException if the directory cannot be created or the file cannot be written
   * @throws IllegalStateException if the template is missing from the class path
   */
  public Path write(Report report, Path reportDir) throws IOException {
    return ReportFiles.write(reportDir, FILE_NAME, render(report).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Makes JSON text safe as the content of a {@code <script>} element: no {@code </script>} or
   * {@code <!--} can end or change it. {@code <}, {@code >} and {@code &} occur in JSON only inside
   * strings, where a JSON escape stands for the same character. U+2028 and U+2029 are escaped as
   * well, since script parsers before ES2019 took them for line ends. Package-private for tests.
   */
  static String escapeForScript(String json) {
    StringBuilder out = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<':
          out.append("\\u003c");
          break;
        case '>':
          out.append("\\u003e");
          break;
        case '&':
          out.append("\\u0026");
          break;
        case '\u2028':
          out.append("\\u2028");
          break;
        case '\u2029':
          out.append("\\u2029");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  private static Template template() {
    Template loaded = template;
    if (loaded == null) {
      loaded = Template.load();
      template = loaded;
    }
    return loaded;
  }

  /** The page around the placeholder. */
  private record Template(String head, String tail) {

    String fill(String reportJson) {
      String data = escapeForScript(reportJson);
      return new StringBuilder(head.length() + data.length() + tail.length())
          .append(head)
          .append(data)
          .append(tail)
          .toString();
    }

    static Template load() {
      String text;
      try (InputStream in = HtmlReportWriter.class.getResourceAsStream(TEMPLATE_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(missing("is not on the class path"));
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(missing("cannot be read: " + e.getMessage()), e);
      }
      int at = text.indexOf(PLACEHOLDER);
      if (at < 0 || text.indexOf(PLACEHOLDER, at + 1) >= 0) {
        throw new IllegalStateException(missing("does not hold " + PLACEHOLDER + " exactly once"));
      }
      return new Template(text.substring(0, at), text.substring(at + PLACEHOLDER.length()));
    }

    private static String missing(String what) {
      return "querylens - the HTML report template io/querylens/exporter/report/"
          + TEMPLATE_RESOURCE
          + " "
          + what
          + "; the QueryLens jar is incomplete: rebuild or download it again";
    }
  }
}
