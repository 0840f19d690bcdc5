package io.querylens.exporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link Report}'s findings as {@code querylens-report.sarif}, a SARIF 2.1.0 log for code
 * scanning (GitHub, GitLab) and IDEs: each finding at the line of application code that caused it.
 *
 * <p>The log has one run. Its {@code tool.driver.rules} hold one rule per {@link FindingType}, in
 * the enum's order, whether or not the report has findings of that type, so a rule's index is the
 * same in every log this version writes; a type this version does not know (read from a report of a
 * later version) gets a plain rule after them. Each finding becomes one result with its rule, level,
 * a message (what, how often, in which unit of work, the normalized statement, and the fix), its
 * call site as location, the rest of its application stack as related locations, a stable partial
 * fingerprint and its figures as properties. The log carries no literal or bind value: the report
 * has none, and nothing is added.
 *
 * <p>A call site {@code com.acme.shop.OrderService.listOrders(OrderService.java:42)} is the source
 * file {@code com/acme/shop/OrderService.java} (a nested class {@code Outer$Inner} is in its outer
 * class's file), looked up under each source root in turn. Under the first root that holds it, the
 * location's URI is the file's path relative to the working directory when it is inside it, else
 * its absolute {@code file:} URI. With no source roots, or when no root holds the file, it is {@code
 * src/main/java/com/acme/shop/OrderService.java}, relative to the {@code SRCROOT} base (the project
 * directory). Relative URIs always name the {@code SRCROOT} base, which the run declares.
 *
 * <p>Thread-safe: the writer is immutable, and each {@link #render} works on its own state. Not on
 * any hot path; a render looks each source file up once.
 *
 * @since 0.1
 */
public final class SarifReportWriter {
  /** The SARIF file's name inside the report directory. */
  public static final String FILE_NAME = "querylens-report.sarif";

  /** The SARIF version written. */
  static final String SARIF_VERSION = "2.1.0";

  /** The {@code $schema} of the log: SchemaStore's copy of the OASIS SARIF 2.1.0 schema. */
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

  /** The key of the finding's identity in each result's {@code partialFingerprints}. */
  static final String FINGERPRINT_KEY = "queryLensFinding/v1";

  /** The base that relative location URIs are relative to: the project's directory. */
  static final String SRCROOT = "SRCROOT";

  /** Where a call site's source file is assumed to be when no source root holds it. */
  static final String DEFAULT_SOURCE_DIR = "src/main/java/";

  // semver.org's regular expression; SARIF wants semanticVersion to be one.
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(-((0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(\\+([0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*))?");

  // A stack frame as Finding.stack holds it: Class.method(File.java:line). Frames without a file
  // or a line ("Unknown Source") cannot be located and are left out.
  private static final Pattern FRAME = Pattern.compile("(.+)\\.([^.(]+)\\(([^():]+):(\\d{1,9})\\)");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<Path> sourceRoots;
  private final Path workingDirectory;
  private final ObjectWriter writer;

  /**
   * Creates a writer that looks call sites up under {@code sourceRoots}.
   *
   * @param sourceRoots the application's source directories, such as {@code src/main/java}, tried
   *     in order; relative ones resolve against the working directory; may be empty
   */
  public SarifReportWriter(List<Path> sourceRoots) {
    this(sourceRoots, Path.of(""));
  }

  /** For tests: a writer with a chosen working directory. */
  SarifReportWriter(List<Path> sourceRoots, Path workingDirectory) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    List<Path> roots = new ArrayList<>();
    for (Path root : Objects.requireNonNull(sourceRoots, "sourceRoots")) {
      roots.add(this.workingDirectory.resolve(root).normalize());
    }
    this.sourceRoots = List.copyOf(roots);
    this.writer = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();
  }

  /**
   * Returns the report's findings as a pretty-printed SARIF 2.1.0 log, ending with a newline.
   *
   * <p>Looks each call site's source file up under the source roots (see the class description),
   * so the result depends on the files present when it is called.
   *
   * @param report the report
   * @return the SARIF text
   * @throws UncheckedIOException if Jackson cannot write the tree (a bug)
   */
  public String render(Report report) {
    Objects.requireNonNull(report, "report");
    Map<String, Integer> ruleIndexes = new LinkedHashMap<>();
    ArrayNode rules = rules(report.findings(), ruleIndexes);
    Map<String, Artifact> artifacts = new HashMap<>();
    ArrayNode results = NODES.arrayNode();
    for (Finding finding : report.findings()) {
      // Code scanning (GitHub) refuses a whole log if one result has no location: a finding without an
      // application line stays in the JSON and HTML reports only.
      if (finding.callSite() != null) {
        results.add(result(finding, ruleIndexes.get(finding.type()), artifacts));
      }
    }

    ObjectNode driver = NODES.objectNode();
    driver.put("name", "QueryLens");
    String version = report.agent().version();
    driver.put("version", version);
    if (SEMVER.matcher(version).matches()) {
      driver.put("semanticVersion", version);
    }
    driver.set("rules", rules);

    ObjectNode run = NODES.objectNode();
    run.set("tool", NODES.objectNode().set("driver", driver));
    run.set(
        "originalUriBaseIds",
        NODES.objectNode()
            .set(
                SRCROOT,
                NODES.objectNode()
                    .set(
                        "description",
                        message(
                            "The project directory: the application's working directory, where"
                                + " src/main/java is."))));
    run.set("results", results);

    ObjectNode log = NODES.objectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", SARIF_VERSION);
    log.set("runs", NODES.arrayNode().add(run));
    try {
      return writer.writeValueAsString(log) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("querylens - could not write the SARIF report", e);
    }
  }

  /**
   * Writes the report to {@code <reportDir>/querylens-report.sarif} through {@link ReportFiles}:
   * atomically replacing any earlier one, readable by its owner only where the file system allows.
   *
   * @param report the report
   * @param reportDir the directory to write into, created if missing; relative paths resolve
   *     against the working directory
   * @return the absolute path of the written file
   * @throws IOException if the directory cannot be created or the file cannot be written
   */
  public Path write(Report report, Path reportDir) throws IOException {
    return ReportFiles.write(reportDir, FILE_NAME, render(report).getBytes(StandardCharsets.UTF_8));
  }

  private static ArrayNode rules(List<Finding> findings, Map<String, Integer> indexes) {
    ArrayNode rules = NODES.arrayNode();
    for (FindingType type : FindingType.values()) {
      indexes.put(type.name(), rules.size());
      rules.add(rule(type.name(), type.severity(), SarifRuleText.of(type)));
    }
    // Types of a later version, sorted so that their indexes do not depend on the findings' order.
    Map<String, String> unknown = new TreeMap<>();
    for (Finding finding : findings) {
      if (!indexes.containsKey(finding.type())) {
        unknown.putIfAbsent(finding.type(), finding.severity());
      }
    }
    for (Map.Entry<String, String> type : unknown.entrySet()) {
      indexes.put(type.getKey(), rules.size());
      rules.add(rule(type.getKey(), type.getValue(), SarifRuleText.unknown(type.getKey())));
    }
    return rules;
  }

  private static ObjectNode rule(String id, String severity, SarifRuleText text) {
    ObjectNode rule = NODES.objectNode();
    rule.put("id", id);
    rule.put("name", pascalCase(id));
    rule.set("shortDescription", message(text.shortDescription()));
    rule.set("fullDescription", message(text.fullDescription()));
    ObjectNode help = NODES.objectNode();
    help.put("text", text.helpText());
    help.put("markdown", text.helpMarkdown());
    rule.set("help", help);
    rule.set("defaultConfiguration", NODES.objectNode().put("level", level(severity)));
    ArrayNode tags = NODES.arrayNode();
    text.tags().forEach(tags::add);
    rule.set("properties", NODES.objectNode().set("tags", tags));
    return rule;
  }

  private ObjectNode result(Finding finding, int ruleIndex, Map<String, Artifact> artifacts) {
    ObjectNode result = NODES.objectNode();
    result.put("ruleId", finding.type());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(finding.severity()));
    result.set("message", message(SarifMessage.of(finding)));
    Finding.CallSite site = finding.callSite();
    if (site != null) {
      ObjectNode location = NODES.objectNode();
      location.set(
          "physicalLocation",
          physicalLocation(sourcePath(site.className(), site.fileName()), site.lineNumber(), artifacts));
      ObjectNode logical = NODES.objectNode();
      logical.put("name", site.methodName());
      logical.put("fullyQualifiedName", site.className() + "." + site.methodName());
      logical.put("kind", "function");
      location.set("logicalLocations", NODES.arrayNode().add(logical));
      result.set("locations", NODES.arrayNode().add(location));
      ArrayNode related = relatedLocations(finding.stack(), artifacts);
      if (!related.isEmpty()) {
        result.set("relatedLocations", related);
      }
    }
    result.set("partialFingerprints", NODES.objectNode().put(FINGERPRINT_KEY, fingerprint(finding)));
    result.set("properties", properties(finding));
    return result;
  }

  private ArrayNode relatedLocations(List<String> stack, Map<String, Artifact> artifacts) {
    ArrayNode related = NODES.arrayNode();
    // The first frame is the call site itself, already the primary location.
    for (int i = 1; i < stack.size(); i++) {
      Matcher frame = FRAME.matcher(stack.get(i));
      if (!frame.matches()) {
        continue;
      }
      ObjectNode location = NODES.objectNode();
      location.put("id", i);
      location.set(
          "physicalLocation",
          physicalLocation(
              sourcePath(frame.group(1), frame.group(3)), Integer.parseInt(frame.group(4)), artifacts));
      location.set("message", message("called from " + frame.group(1) + "." + frame.group(2)));
      related.add(location);
    }
    return related;
  }

  private ObjectNode physicalLocation(String sourcePath, int line, Map<String, Artifact> artifacts) {
    Artifact artifact = artifacts.computeIfAbsent(sourcePath, this::locate);
    ObjectNode artifactLocation = NODES.objectNode();
    artifactLocation.put("uri", artifact.uri());
    if (artifact.relative()) {
      artifactLocation.put("uriBaseId", SRCROOT);
    }
    ObjectNode physical = NODES.objectNode();
    physical.set("artifactLocation", artifactLocation);
    if (line >= 1) { // negative when unknown; SARIF lines start at 1
      physical.set("region", NODES.objectNode().put("startLine", line));
    }
    return physical;
  }

  /** Finds the source file under the roots; see the class description. */
  private Artifact locate(String sourcePath) {
    for (Path root : sourceRoots) {
      Path file = root.resolve(sourcePath).normalize();
      // startsWith: a file name from a report read back must not lead out of the root.
      if (file.startsWith(root) && Files.isRegularFile(file)) {
        if (file.startsWith(workingDirectory)) {
          return new Artifact(encodePath(workingDirectory.relativize(file)), true);
        }
        return new Artifact(file.toUri().toString(), false);
      }
    }
    return new Artifact(encodePath(Path.of(DEFAULT_SOURCE_DIR).resolve(sourcePath)), true);
  }

  /**
   * The source file of a class, relative to a source root: {@code com/acme/Outer.java} for {@code
   * com.acme.Outer$Inner} compiled from {@code Outer.java}. Without a file name (no debug
   * information) the outer class's name with {@code .java} is the best guess.
   */
  static String sourcePath(String className, String fileName) {
    int dot = className.lastIndexOf('.');
    String directory = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
    String file;
    if (fileName != null && !fileName.isBlank()) {
      // A SourceFile attribute is a bare name; keep only that if a report says otherwise.
      file = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    } else {
      String simple = className.substring(dot + 1);
      int dollar = simple.indexOf('$');
      file = (dollar > 0 ? simple.substring(0, dollar) : simple) + ".java";
    }
    return directory + file;
  }

  /** A relative path as a URI reference: {@code /} between segments, the rest percent-encoded. */
  private static String encodePath(Path relative) {
    StringBuilder uri = new StringBuilder();
    for (Path segment : relative) {
      if (uri.length() > 0) {
        uri.append('/');
      }
      for (byte b : segment.toString().getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        // ':' is encoded too: in a first segment it would read as a URI scheme.
        if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@".indexOf(c) >= 0)) {
          uri.append(c);
        } else {
          uri.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
        }
      }
    }
    return uri.toString();
  }

  /**
   * The finding's identity across runs: the SHA-256 of its type, statement fingerprint (or pool),
   * the class and method of its call site, and its scope name: what the agent aggregates a finding
   * on, except the line. Code scanning matches a result to the same alert of an earlier run by
   * these fingerprints; with the line in it, adding one line above a method would close every alert
   * in it and open new ones. Two call sites of one statement in one method share the fingerprint
   * and are then told apart by their locations.
   */
  static String fingerprint(Finding finding) {
    Finding.CallSite site = finding.callSite();
    String identity =
        finding.type()
            + "|"
            + (finding.fingerprint() != null
                ? finding.fingerprint()
                : finding.pool() != null ? finding.pool() : "")
            + "|"
            + (site == null ? "" : site.className() + "." + site.methodName())
            + "|"
            + (finding.scope() == null ? "" : finding.scope());
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
      throw new IllegalStateException("querylens - SHA-256 is not available", e);
    }
  }

  private static ObjectNode properties(Finding finding) {
    ObjectNode properties = NODES.objectNode();
    properties.put("count", finding.count());
    properties.put("occurrences", finding.occurrences());
    properties.put("totalMs", finding.totalMs());
    putIfPresent(properties, "scope", finding.scope());
    putIfPresent(properties, "scopeKind", finding.scopeKind());
    putIfPresent(properties, "statement", finding.statement());
    putIfPresent(properties, "fingerprint", finding.fingerprint());
    if (finding.durationMs() != null) {
      properties.put("durationMs", finding.durationMs());
    }
    if (finding.p50Ms() != null) {
      properties.put("p50Ms", finding.p50Ms());
    }
    if (finding.running() != null) {
      properties.put("running", finding.running());
    }
    putIfPresent(properties, "thread", finding.thread());
    putIfPresent(properties, "pool", finding.pool());
    putIfPresent(properties, "lockedRelation", finding.lockedRelation());
    putIfPresent(properties, "lockMode", finding.lockMode());
    if (finding.parameters() != null) {
      // captureParameters=true only; the values were masked by the agent before any report saw them
      finding.parameters().forEach(properties.putArray("parameters")::add);
    }
    if (finding.parent() != null) {
      properties.put("parentFingerprint", finding.parent().fingerprint());
      properties.put("parentRows", finding.parent().rows());
    }
    properties.put("firstSeen", finding.firstSeen());
    properties.put("lastSeen", finding.lastSeen());
    return properties;
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static ObjectNode message(String text) {
    return NODES.objectNode().put("text", text);
  }

  /** SARIF's level for a QueryLens severity; an unknown severity is a warning. */
  static String level(String severity) {
    switch (severity) {
      case "ERROR":
        return "error";
      case "INFO":
        return "note";
      default:
        return "warning";
    }
  }

  /** {@code N_PLUS_ONE} as {@code NPlusOne}. */
  static String pascalCase(String typeName) {
    StringBuilder name = new StringBuilder();
    for (String word : typeName.split("_")) {
      if (!word.isEmpty()) {
        name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return name.toString();
  }

  /** Where a source file is, as a location URI; relative ones are relative to {@link #SRCROOT}. */
  private record Artifact(String uri, boolean relative) {}
}
