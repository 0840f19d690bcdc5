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
      rules.add(rule(type.name(), type.severity(), RuleText.of(type)));
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
      rules.add(rule(type.getKey(), type.getValue(), RuleText.unknown(type.getKey())));
    }
    return rules;
  }

  private static ObjectNode rule(String id, String severity, RuleText text) {
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
    result.set("message", message(ResultMessage.of(finding)));
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

  /** The one or two sentences of a result's message, then the finding's suggestion. */
  private static final class ResultMessage {
    private ResultMessage() {}

    static String of(Finding finding) {
      FindingType type = type(finding.type());
      StringBuilder text = new StringBuilder();
      text.append(type == null ? finding.type() : RuleText.of(type).title()).append(": ");
      String noun = type == null ? "execution" : RuleText.of(type).noun();
      text.append(plural(finding.count(), noun));
      if (Boolean.TRUE.equals(finding.running()) && finding.durationMs() != null) {
        text.append(", running for ").append(ms(finding.durationMs())).append(" so far");
      } else if (finding.durationMs() != null) {
        text.append(", the longest ").append(ms(finding.durationMs()));
        if (finding.p50Ms() != null) {
          text.append(" (median of all its executions ").append(ms(finding.p50Ms())).append(')');
        }
      } else {
        text.append(", ")
            .append(ms(finding.totalMs()))
            .append(type == FindingType.POOL_WAIT ? " waiting" : " in the database");
      }
      if (finding.scope() != null) {
        text.append(", in ");
        if (finding.occurrences() > 1) {
          text.append(finding.occurrences()).append(" runs of ");
        }
        text.append(scopeKind(finding.scopeKind())).append(' ').append(quote(finding.scope()));
      }
      if (finding.thread() != null) {
        text.append(", on thread ").append(quote(finding.thread()));
      }
      Finding.Blocker blocker = finding.blocker();
      if (blocker != null && blocker.thread() != null) {
        text.append(", blocked by thread ").append(quote(blocker.thread()));
        if (blocker.callSite() != null) {
          text.append(" at ").append(blocker.callSite());
        }
      }
      if (finding.pool() != null) {
        text.append(", for a connection from pool ").append(quote(finding.pool()));
      }
      if (finding.statement() != null) {
        text.append(": ").append(quote(finding.statement()));
      }
      text.append(". ").append(finding.suggestion().strip());
      return oneLine(text.toString());
    }

    private static FindingType type(String name) {
      for (FindingType type : FindingType.values()) {
        if (type.name().equals(name)) {
          return type;
        }
      }
      return null;
    }

    private static String scopeKind(String kind) {
      if (kind == null) {
        return "scope";
      }
      switch (kind) {
        case "request":
        case "transaction":
        case "test":
          return kind;
        case "thread":
          return "thread window";
        default:
          return "scope";
      }
    }

    private static String plural(long count, String noun) {
      return String.format(Locale.ROOT, "%,d ", count) + noun + (count == 1 ? "" : "s");
    }

    private static String ms(double millis) {
      return String.format(Locale.ROOT, "%,.1f ms", millis);
    }

    private static String quote(String text) {
      return "\"" + text + "\"";
    }

    /** Line breaks to spaces and other control characters out, so the message reads as one line. */
    private static String oneLine(String text) {
      StringBuilder line = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          if (line.length() > 0 && line.charAt(line.length() - 1) != ' ') {
            line.append(' ');
          }
        } else if (!Character.isISOControl(c)) {
          line.append(c);
        }
      }
      return line.toString().strip();
    }
  }

  /**
   * What a rule says: a title and noun for result messages, descriptions, help in Markdown (the
   * plain-text help is the same without its markup), and tags. The texts follow docs/findings.md.
   */
  private record RuleText(
      String title,
      String noun,
      String shortDescription,
      String fullDescription,
      String helpMarkdown,
      List<String> tags) {

    private static final List<String> PERFORMANCE = List.of("performance", "database");
    private static final List<String> CONCURRENCY = List.of("reliability", "database", "concurrency");

    String helpText() {
      return helpMarkdown.replace("**", "").replace("`", "");
    }

    static RuleText unknown(String type) {
      String description =
          "A finding of type " + type + ", which this version of QueryLens does not describe.";
      return new RuleText(
          type,
          "execution",
          description,
          description,
          description
              + " The report was written by a later version; see the documentation of that version.",
          List.of("database"));
    }

    // A switch expression without default: a new FindingType does not compile until it has a rule.
    static RuleText of(FindingType type) {
      return switch (type) {
        case N_PLUS_ONE -> new RuleText(
            "N+1 query",
            "execution",
            "A query ran once per row of an earlier result (N+1).",
            "One line of code ran the same query once per row of an earlier result, instead of"
                + " fetching all the rows it needed at once: one round trip per row instead of one in"
                + " all.",
            "One line of code ran the same `SELECT` once per row of an earlier result, instead of"
                + " fetching all the rows it needed at once: one round trip to the database per row"
                + " instead of one in all, so the cost grows with the number of rows.\n\n"
                + "QueryLens reports it when, in one unit of work (a request, a test, a transaction or"
                + " a named scope), the same `SELECT` from the same line runs at least"
                + " `nPlusOneThreshold` times (default 3) with at least two distinct sets of parameters."
                + " Batched fetches (an `IN` list of several bind markers, an array parameter),"
                + " `executeBatch` and paging are not counted.\n\n"
                + "**How to fix it:** load the rows in one query.\n\n"
                + "- Spring Data: `findAllById(ids)`, or a query method with `JOIN FETCH` or"
                + " `@EntityGraph` that returns them with the parent.\n"
                + "- Hibernate or another JPA provider: `JOIN FETCH` or `@EntityGraph` on the parent"
                + " query; or `@BatchSize` on the association, or `hibernate.default_batch_fetch_size`,"
                + " to load it in batches.\n"
                + "- Spring `JdbcTemplate`: join the two queries into one, or run this query once for"
                + " all the parent's keys (`NamedParameterJdbcTemplate` expands a collection bound to"
                + " `IN (:ids)`).\n"
                + "- Plain JDBC: join the two queries into one, or run this query once with an `IN`"
                + " list of the parent's keys.",
            PERFORMANCE);
        case REPEATED_QUERY -> new RuleText(
            "Repeated query",
            "execution",
            "The same query with the same parameters ran more than once in one unit of work.",
            "The same query with the same parameters ran more than once in one unit of work, and"
                + " the unit of work wrote nothing in between: unless another transaction changed the"
                + " rows, the second run returned what the first already had.",
            "The same query with the same parameters ran more than once in one unit of work, and"
                + " the unit of work wrote nothing in between: unless another transaction changed the"
                + " rows, the second run returned what the first already had.\n\n"
                + "QueryLens reports it when, in one unit of work, a `SELECT` that reads from a table"
                + " runs at least twice with the same parameters and no `INSERT`, `UPDATE`, `DELETE`,"
                + " `MERGE` or procedure `CALL` ran between the two. Parameters are compared by a hash;"
                + " their values are never stored. A `SELECT` without a `FROM` and sequence fetches are"
                + " not counted.\n\n"
                + "**How to fix it:** keep the first result and hand it to the code that needs it"
                + " again, or cache it: with Hibernate or Spring Data, the second-level or query cache;"
                + " with Spring, `@Cacheable`.",
            PERFORMANCE);
        case UNBATCHED_WRITES -> new RuleText(
            "Unbatched writes",
            "single-row write",
            "Rows were written one statement at a time instead of in a JDBC batch.",
            "One line of code wrote rows one statement at a time, each a round trip to the"
                + " database, where a JDBC batch would send them together.",
            "One line of code wrote rows one statement at a time, each a round trip to the"
                + " database, where a JDBC batch would send them together.\n\n"
                + "QueryLens reports it when, in one unit of work, the same `INSERT`, `UPDATE`,"
                + " `DELETE` or `MERGE` from the same line is executed on its own, writing a single"
                + " row, at least `unbatchedWriteThreshold` times (default 10). Executions through"
                + " `executeBatch` and multi-row inserts are already batched and not counted.\n\n"
                + "**How to fix it:** send the rows in batches.\n\n"
                + "- Spring Data, Hibernate or another JPA provider: `hibernate.jdbc.batch_size` with"
                + " `hibernate.order_inserts` and `hibernate.order_updates`; and `SEQUENCE` ids,"
                + " because `IDENTITY` ids disable insert batching.\n"
                + "- Spring `JdbcTemplate`: `JdbcTemplate.batchUpdate`, or a multi-row `INSERT`.\n"
                + "- Plain JDBC: `PreparedStatement.addBatch()` for each row, then `executeBatch()`;"
                + " or a multi-row `INSERT`.",
            PERFORMANCE);
        case DEADLOCK -> new RuleText(
            "Deadlock",
            "failed execution",
            "The database broke a deadlock by failing this statement.",
            "The database broke a deadlock by failing this statement; its transaction was rolled"
                + " back.",
            "Two or more transactions each held a lock another one needed, so the database chose"
                + " one of them, failed its statement and rolled its transaction back. QueryLens"
                + " recognises the failure by its SQLSTATE and vendor code (PostgreSQL `40P01`, MySQL"
                + " and MariaDB error 1213, SQL Server error 1205, Oracle ORA-00060, H2 `40001`); on"
                + " PostgreSQL the JSON report names the other sessions of the deadlock.\n\n"
                + "**How to fix it:** have transactions that touch the same rows lock them in one"
                + " consistent order (for instance, sort the keys before updating), keep transactions"
                + " short, and do not call slow services or wait for users while holding locks. Retry"
                + " a transaction that fails with a deadlock.",
            CONCURRENCY);
        case LOCK_TIMEOUT -> new RuleText(
            "Lock timeout",
            "failed execution",
            "The statement gave up waiting for a lock another transaction held.",
            "The statement gave up waiting for a lock another transaction held.",
            "The statement failed because it waited for a row or table lock longer than the"
                + " database's lock timeout (such as `lock_timeout` on PostgreSQL or"
                + " `innodb_lock_wait_timeout` on MySQL and MariaDB). QueryLens recognises the failure"
                + " by its SQLSTATE and vendor code.\n\n"
                + "**How to fix it:** find the transaction that held the lock (a `LOCK_WAIT` finding"
                + " for the same statement, if there is one, names it), often one left idle in"
                + " transaction, and make it shorter: commit sooner and do no slow work inside it."
                + " Where waiting is not needed, use `NOWAIT` or `SKIP LOCKED` and handle the miss.",
            CONCURRENCY);
        case SERIALIZATION_FAILURE -> new RuleText(
            "Serialization failure",
            "failed execution",
            "A concurrent transaction's change made this REPEATABLE READ or SERIALIZABLE"
                + " transaction fail.",
            "Under REPEATABLE READ or SERIALIZABLE, a concurrent transaction's change made this"
                + " one fail; it should be retried.",
            "At these isolation levels the database refuses to let a transaction go on with data"
                + " that another transaction changed meanwhile, and fails it (SQLSTATE `40001`, Oracle"
                + " ORA-08177). That is the isolation level working as designed.\n\n"
                + "**How to fix it:** retry the whole transaction, from its first statement, a few"
                + " times with a short back-off. If it fails often, have the transactions read and"
                + " write fewer rows together, or use a lower isolation level with explicit locking"
                + " (`SELECT ... FOR UPDATE`) where that is correct.",
            CONCURRENCY);
        case SLOW_QUERY -> new RuleText(
            "Slow query",
            "slow execution",
            "An execution took at least the slow-query threshold.",
            "An execution took at least slowQueryThreshold (default 500 ms), or is still running"
                + " past it.",
            "An execution took at least `slowQueryThreshold` (default 500 ms), or is still running"
                + " past it. The result gives the longest such execution (`durationMs`) and the median"
                + " of all executions of the statement (`p50Ms`).\n\n"
                + "**How to fix it:** compare the two. Near each other, the statement is slow every"
                + " time: read its plan (`EXPLAIN ANALYZE`), add the index its filters and joins need,"
                + " and read only the rows and columns needed. Far apart, this run waited on something"
                + " (a lock, I/O, a cold cache; look for a `LOCK_WAIT` finding on the same statement)"
                + " or got a plan unsuited to its parameters.",
            PERFORMANCE);
        case POOL_WAIT -> new RuleText(
            "Connection pool wait",
            "wait",
            "The application waited for a connection from its pool.",
            "The application waited at least poolWaitThreshold (default 100 ms) in a connection"
                + " pool's getConnection(): every connection was in use, or the pool was still opening"
                + " one.",
            "The application waited at least `poolWaitThreshold` (default 100 ms) in a pool's"
                + " `getConnection()` (HikariCP, Commons DBCP 2, Tomcat JDBC, c3p0): every connection"
                + " was in use, or the pool was still opening one. The result names the pool and the"
                + " line that asked for the connection.\n\n"
                + "**How to fix it:** find what holds connections long (slow statements, transactions"
                + " kept open across remote calls, connections not closed; HikariCP's"
                + " `leakDetectionThreshold` finds the last) and return them sooner, before making the"
                + " pool larger: a pool larger than the database can serve only moves the queue.",
            List.of("performance", "database", "connection-pool"));
        case LOCK_WAIT -> new RuleText(
            "Lock wait",
            "wait",
            "A statement waited for a lock another session held.",
            "A statement waited at least lockWaitThreshold (default 200 ms) for a lock another"
                + " session held; the JSON report's blocker names who held it.",
            "A statement waited at least `lockWaitThreshold` (default 200 ms) for a lock another"
                + " session held. QueryLens asks the database who blocks it (PostgreSQL, MariaDB,"
                + " MySQL, H2) and matches the blocking session to one of the application's"
                + " connections; the JSON report's `blocker` gives the thread that last used it, where"
                + " its code was, and the statements of its open transaction. On other databases the"
                + " blocker is inferred from this application's open transactions that wrote to a"
                + " table the statement uses.\n\n"
                + "**How to fix it:** look at the blocker's code. Keep its transaction short, do not"
                + " call slow services or wait for users inside it (idle in transaction), and take"
                + " locks in a consistent order. Where waiting is not needed, use `NOWAIT` or"
                + " `SKIP LOCKED`.",
            List.of("performance", "database", "concurrency"));
      };
    }
  }
}
