package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportWriterTest {
  private static final String HOSTILE =
      "select /* </script><script>alert(1)</script> */ <b>name</b> from t where a & b\u2028";

  // The one URI the page may hold: the SVG namespace, an identifier that is never fetched.
  private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"querylens-data\">(.*?)</script>", Pattern.DOTALL);

  private final HtmlReportWriter writer = new HtmlReportWriter();
  private final ObjectMapper mapper = new ObjectMapper();

  @TempDir Path dir;

  private static Report hostileReport() {
    return SampleReports.of(
        SampleReports.summary(3, 1, 1.5, 0),
        List.of(SampleReports.query(HOSTILE, 3, 1.5, 0.5, 0.9)));
  }

  private static String embeddedData(String page) {
    Matcher matcher = DATA.matcher(page);
    assertThat(matcher.find()).as("the page has its data element").isTrue();
    return matcher.group(1);
  }

  @Test
  void thePageLoadsNothingFromTheNetwork() {
    String page = writer.render(SampleReports.assembled());

    String withoutNamespace = page.replace(SVG_NAMESPACE, "");
    assertThat(withoutNamespace)
        .startsWith("<!DOCTYPE html>")
        .doesNotContain("http://", "https://", "ftp://")
        .doesNotContain("<link", "@import", "url(", "srcset")
        .doesNotContainPattern("(?i)\\s(src|href|action|poster|data)\\s*=")
        .doesNotContainPattern("(?i)<(iframe|object|embed|img|base)\\b");
    // Defence in depth: even markup that slipped in could not fetch anything.
    assertThat(page).contains("default-src 'none'");
  }

  @Test
  void theDataElementHoldsTheReportAsTheJsonWriterWritesIt() throws IOException {
    Report report = SampleReports.assembled();

    String page = writer.render(report);

    JsonNode embedded = mapper.readTree(embeddedData(page));
    assertThat(embedded).isEqualTo(mapper.readTree(new JsonReportWriter().toJson(report)));
    assertThat(page).doesNotContain(HtmlReportWriter.PLACEHOLDER);
  }

  @Test
  void aStatementThatClosesTheScriptElementIsEmbeddedEscaped() throws IOException {
    String page = writer.render(hostileReport());

    assertThat(page)
        .doesNotContain("</script><script>alert(1)")
        .doesNotContain("<b>name")
        .doesNotContain("\u2028")
        .contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e")
        .contains("\\u003cb\\u003ename\\u003c/b\\u003e")
        .contains("a \\u0026 b\\u2028");
    // The escapes are JSON's own: the statement reads back as it was.
    assertThat(mapper.readTree(embeddedData(page)).at("/queries/0/statement").asText()).isEqualTo(HOSTILE);
  }

  @Test
  void escapingForScriptLeavesEverythingElseAlone() {
    assertThat(HtmlReportWriter.escapeForScript("{\"a\":\"<!--x-->&\u2029é\"}"))
        .isEqualTo("{\"a\":\"\\u003c!--x--\\u003e\\u0026\\u2029é\"}");
  }

  @Test
  void aReportInJsonRendersTheSameAsTheReport() {
    Report report = hostileReport();
    String json = new JsonReportWriter().toJson(report);

    String fromJson = writer.render(json);

    assertThat(fromJson).doesNotContain("</script><script>alert(1)");
    assertThat(embeddedDataTree(fromJson)).isEqualTo(embeddedDataTree(writer.render(report)));
  }

  private JsonNode embeddedDataTree(String page) {
    try {
      return mapper.readTree(embeddedData(page));
    } catch (IOException e) {
      throw new AssertionError("the embedded data is not JSON", e);
    }
  }

  @Test
  void renderingTextThatIsNotJsonFailsSayingSo() {
    assertThatThrownBy(() -> writer.render("querylens-report.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("querylens - the report to render is not JSON (")
        .hasMessageEndingWith("); give the querylens-report.json the agent wrote");
    assertThatThrownBy(() -> writer.render("{\"schemaVersion\": 2} trailing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("querylens - the report to render is not JSON (");
  }

  @Test
  void renderingJsonThatIsNotAnObjectFailsSayingWhatItWas() {
    assertThatThrownBy(() -> writer.render("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "querylens - the report to render must be a JSON object but was array; give the"
                + " querylens-report.json the agent wrote");
    assertThatThrownBy(() -> writer.render("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "querylens - the report to render must be a JSON object but was empty; give the"
                + " querylens-report.json the agent wrote");
  }

  @Test
  void anEmptyReportRenders() throws IOException {
    Report empty = SampleReports.of(SampleReports.summary(0, 0, 0, 0), List.<QueryEntry>of());

    String page = writer.render(empty);

    JsonNode data = mapper.readTree(embeddedData(page));
    assertThat(data.get("queries")).isEmpty();
    assertThat(data.get("findings")).isEmpty();
  }

  @Test
  void theTemplateHoldsThePlaceholderOnceAsTheWholeDataElement() throws IOException {
    String template;
    try (InputStream in = HtmlReportWriter.class.getResourceAsStream(HtmlReportWriter.FILE_NAME)) {
      assertThat(in).as("the template is on the class path").isNotNull();
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(template.split(Pattern.quote(HtmlReportWriter.PLACEHOLDER), -1)).hasSize(2);
    assertThat(embeddedData(template)).isEqualTo(HtmlReportWriter.PLACEHOLDER);
  }

  @Test
  void writeCreatesAnOwnerOnlyFileNamedForTheHtmlReport() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions are not supported here");
    Path file = dir.resolve(HtmlReportWriter.FILE_NAME);
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Report report = SampleReports.assembled();

    Path written = writer.write(report, dir);

    assertThat(written).isEqualTo(file.toAbsolutePath());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(written)).isEqualTo(writer.render(report));
  }

  @Test
  void writeReplacesTheFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Report next = SampleReports.assembled();
    Path first = writer.write(hostileReport(), dir);
    String firstContent = Files.readString(first);
    Object firstFile = Files.readAttributes(first, BasicFileAttributes.class).fileKey();

    try (InputStream reader = Files.newInputStream(first)) {
      Path second = writer.write(next, dir);

      // Renamed over, not rewritten in place: a reader that had the old file open reads all of it.
      assertThat(new String(reader.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(firstContent);
      assertThat(second).isEqualTo(first);
      assertThat(Files.readString(second)).isEqualTo(writer.render(next));
      if (firstFile != null) {
        assertThat(Files.readAttributes(second, BasicFileAttributes.class).fileKey())
            .isNotEqualTo(firstFile);
      }
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(first);
    }
  }
}
