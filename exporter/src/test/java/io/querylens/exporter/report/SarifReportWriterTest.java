package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.report.AgentInfo;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.report.RuntimeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String STATEMENT = "select p.id, p.name from pets p where p.owner_id = ?";
  private static final String SUGGESTION = "Load the pets with their owners in one query: JOIN FETCH.";

  private static JsonSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws IOException {
    // A hand-written subset: the official SARIF schema is in no artifact this build can reach.
    try (InputStream in =
        SarifReportWriterTest.class.getResourceAsStream("/sarif-2.1.0-subset.schema.json")) {
      JsonNode schemaNode = MAPPER.readTree(in);
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
    }
  }

  // --- the findings ---

  private static Finding.CallSite site(String className, String method, String file, int line) {
    return new Finding.CallSite(className, method, file, line);
  }

  private static Finding nPlusOne(int line) {
    return finding("N_PLUS_ONE", "ERROR", STATEMENT, "0123456789abcdef", line);
  }

  private static Finding finding(
      String type, String severity, String statement, String fingerprint, int line) {
    return new Finding(
        type,
        severity,
        "GET /owners/{ownerId}",
        "request",
        statement,
        fingerprint,
        120,
        48.25,
        site("com.acme.shop.OrderService", "listOrders", "OrderService.java", line),
        List.of(
            "com.acme.shop.OrderService.listOrders(OrderService.java:" + line + ")",
            "com.acme.web.OrderController.show(OrderController.java:31)",
            "com.acme.web.Generated.call(Unknown Source)",
            "com.acme.web.Dispatcher.dispatch(Dispatcher.java:7)"),
        new Finding.ParentQuery("select o.id from owners o where o.last_name like ?", "fedcba9876543210", 3),
        SUGGESTION,
        40,
        "2026-01-01T00:00:01.500Z",
        "2026-01-01T00:01:20Z");
  }

  private static Finding at(Finding.CallSite site) {
    return new Finding(
        "REPEATED_QUERY", "WARNING", "nightly-import", "explicit", "select * from tariffs where code = ?",
        "00000000000000ff", 6, 0.75, site, List.of(), null, "Reuse the first result.", 1,
        "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z");
  }

  private static Finding slowQuery() {
    return new Finding(
        "SLOW_QUERY", "WARNING", "GET /reports", "request", "select * from orders where created > ?",
        "2222222222222222", 3, 4100.5, site("com.acme.Reports", "daily", "Reports.java", 88),
        List.of("com.acme.Reports.daily(Reports.java:88)"), null, "Look at its plan.", 2,
        "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z", 1500.25, 12.5, null, null, null, null, null, null, null);
  }

  /** A pool wait: no statement, no scope. */
  private static Finding poolWait() {
    return new Finding(
        "POOL_WAIT", "WARNING", null, null, null, null, 12, 3400, site("com.acme.Reports", "daily", "Reports.java", 90),
        List.of(), null, "Find what holds connections long.", 1, "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z",
        null, null, null, null, "HikariPool-1", null, null, null, null);
  }

  /** A pool wait whose application frame was not found: no call site either. */
  private static Finding poolWaitWithoutCallSite() {
    return new Finding(
        "POOL_WAIT", "WARNING", null, null, null, null, 12, 3400, null, List.of(), null,
        "Find what holds connections long.", 1, "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z",
        null, null, null, null, "HikariPool-1", null, null, null, null);
  }

  private static Finding lockWait() {
    return new Finding(
        "LOCK_WAIT", "WARNING", "transaction in Billing.close", "transaction", "update accounts set total = ? where id = ?",
        "3333333333333333", 2, 900, site("com.acme.Billing", "close", "Billing.java", 40),
        List.of("com.acme.Billing.close(Billing.java:40)"), null, "Look at the blocker's code.", 1,
        "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z", 800.0, null, null, null, null,
        new Finding.Blocker("worker-2", site("com.acme.Audit", "run", "Audit.java", 12), List.of(),
            List.of("update accounts set total = ? where id = ?"), true, "4711", null),
        "accounts", "RowExclusiveLock", null);
  }

  private static Report report(String generatedAt, List<Finding> findings) {
    return report("0.1.0-SNAPSHOT", generatedAt, findings);
  }

  private static Report report(String version, String generatedAt, List<Finding> findings) {
    return new Report(
        Report.SCHEMA_VERSION,
        generatedAt,
        new AgentInfo(version),
        new RuntimeInfo("17.0.15", "Debian", null, "Linux 6.1 amd64", 42, null, "2026-01-01T00:00:00Z", 60_000),
        SampleReports.summary(0, 0, 0, 0, findings.size()),
        List.of(),
        findings);
  }

  private static Report report(Finding... findings) {
    return report("2026-01-01T00:01:00Z", Arrays.asList(findings));
  }

  /** Every type, and every shape: with and without call site, statement, scope, stack. */
  private static Report everyShape() {
    List<Finding> findings = new ArrayList<>();
    for (FindingType type : FindingType.values()) {
      findings.add(finding(type.name(), type.severity(), STATEMENT, "0123456789abcdef", 42));
    }
    findings.addAll(List.of(slowQuery(), poolWait(), poolWaitWithoutCallSite(), lockWait(),
        at(site("com.acme.Billing", "close", null, -1))));
    findings.addAll(SampleReports.FINDINGS);
    return report("2026-01-01T00:01:00Z", findings);
  }

  private static JsonNode render(SarifReportWriter writer, Report report) throws IOException {
    return MAPPER.readTree(writer.render(report));
  }

  private static JsonNode render(Report report) throws IOException {
    return render(new SarifReportWriter(List.of()), report);
  }

  private static JsonNode firstResult(JsonNode log) {
    return log.path("runs").get(0).path("results").get(0);
  }

  private static JsonNode physicalLocation(JsonNode result) {
    return result.path("locations").get(0).path("physicalLocation");
  }

  private static String fingerprintOf(Finding finding) throws IOException {
    return firstResult(render(report(finding)))
        .path("partialFingerprints")
        .path("queryLensFinding/v1")
        .asText();
  }

  // --- the log ---

  @Test
  void theLogIsSarif210WithOneRunOfQueryLens() throws IOException {
    JsonNode log = render(everyShape());

    assertThat(log.path("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    assertThat(log.path("runs")).hasSize(1);
    JsonNode driver = log.path("runs").get(0).path("tool").path("driver");
    assertThat(driver.path("name").asText()).isEqualTo("QueryLens");
    assertThat(driver.path("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(driver.path("semanticVersion").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(driver.has("informationUri")).isFalse();
    assertThat(log.path("runs").get(0).path("results")).as("one result per finding with a call site")
        .hasSize((int) everyShape().findings().stream().filter(f -> f.callSite() != null).count());
  }

  @Test
  void aVersionThatIsNotSemverHasNoSemanticVersion() throws IOException {
    JsonNode driver =
        render(report("dev-build", "2026-01-01T00:01:00Z", List.of()))
            .path("runs").get(0).path("tool").path("driver");

    assertThat(driver.path("version").asText()).isEqualTo("dev-build");
    assertThat(driver.has("semanticVersion")).isFalse();
  }

  @Test
  void theOutputValidatesAgainstTheSarifSchemaSubset() throws IOException {
    Path root = Files.createDirectories(dir.resolve("src/com/acme/shop"));
    Files.writeString(root.resolve("OrderService.java"), "class OrderService {}");
    SarifReportWriter withRoots = new SarifReportWriter(List.of(dir.resolve("src")));

    for (JsonNode log : List.of(render(everyShape()), render(withRoots, everyShape()), render(report()))) {
      assertThat(schema.validate(log)).isEmpty();
    }
  }

  @Test
  void theSchemaSubsetRejectsWhatSarifForbids() throws IOException {
    // Proves the schema is used at all: the validation test passes only if it can fail.
    ObjectNode log = (ObjectNode) render(everyShape());
    ObjectNode result = (ObjectNode) firstResult(log);
    result.remove("message");
    result.put("level", "fatal");
    result.set("logicalLocations", MAPPER.createArrayNode()); // belongs to a location, not a result
    ((ObjectNode) physicalLocation(result).path("region")).put("startLine", 0);

    assertThat(schema.validate(log))
        .extracting(ValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("message"))
        .anySatisfy(message -> assertThat(message).contains("level"))
        .anySatisfy(message -> assertThat(message).contains("logicalLocations"))
        .anySatisfy(message -> assertThat(message).contains("startLine"));
  }

  @Test
  void theOutputParsesBackWithJacksonAndEndsWithANewline() throws IOException {
    String text = new SarifReportWriter(List.of()).render(everyShape());

    assertThat(text).endsWith("}\n");
    assertThat(MAPPER.readTree(text).isObject()).isTrue();
  }

  // --- rules ---

  @Test
  void everyFindingTypeIsARuleInEnumOrderWithHelpAndLevel() throws IOException {
    JsonNode rules = render(report()).path("runs").get(0).path("tool").path("driver").path("rules");

    assertThat(rules).hasSize(FindingType.values().length);
    for (FindingType type : FindingType.values()) {
      JsonNode rule = rules.get(type.ordinal());
      assertThat(rule.path("id").asText()).isEqualTo(type.name());
      assertThat(rule.path("shortDescription").path("text").asText()).as(type.name()).isNotBlank();
      assertThat(rule.path("fullDescription").path("text").asText()).as(type.name()).isNotBlank();
      assertThat(rule.path("help").path("text").asText()).as(type.name()).contains("How to fix it").doesNotContain("`");
      assertThat(rule.path("help").path("markdown").asText()).as(type.name()).contains("**How to fix it:**");
      String expectedLevel =
          switch (type.severity()) {
            case "ERROR" -> "error";
            case "WARNING" -> "warning";
            default -> "note";
          };
      assertThat(rule.path("defaultConfiguration").path("level").asText()).as(type.name()).isEqualTo(expectedLevel);
      assertThat(rule.path("properties").path("tags")).as(type.name()).isNotEmpty();
      assertThat(rule.path("properties").path("tags").toString()).contains("database");
    }
    assertThat(rules.get(0).path("name").asText()).isEqualTo("NPlusOne");
    assertThat(rules.get(FindingType.SERIALIZATION_FAILURE.ordinal()).path("name").asText())
        .isEqualTo("SerializationFailure");
    assertThat(rules.get(0).path("defaultConfiguration").path("level").asText()).isEqualTo("error");
  }

  @Test
  void levelsAndNamesAreTranslated() {
    assertThat(SarifReportWriter.level("ERROR")).isEqualTo("error");
    assertThat(SarifReportWriter.level("WARNING")).isEqualTo("warning");
    assertThat(SarifReportWriter.level("INFO")).isEqualTo("note");
    assertThat(SarifReportWriter.pascalCase("UNBATCHED_WRITES")).isEqualTo("UnbatchedWrites");
  }

  @Test
  void aResultsRuleIndexPointsAtItsRule() throws IOException {
    JsonNode run = render(everyShape()).path("runs").get(0);
    JsonNode rules = run.path("tool").path("driver").path("rules");

    for (JsonNode result : run.path("results")) {
      JsonNode rule = rules.get(result.path("ruleIndex").asInt());
      assertThat(rule.path("id").asText()).isEqualTo(result.path("ruleId").asText());
    }
    JsonNode slow = run.path("results").get(FindingType.values().length);
    assertThat(slow.path("ruleId").asText()).isEqualTo("SLOW_QUERY");
    assertThat(slow.path("ruleIndex").asInt()).isEqualTo(FindingType.SLOW_QUERY.ordinal());
    assertThat(slow.path("level").asText()).isEqualTo("warning");
  }

  @Test
  void aTypeOfALaterVersionGetsARuleAfterTheKnownOnes() throws IOException {
    JsonNode run =
        render(report(finding("CALLS_PER_SCOPE", "INFO", STATEMENT, "0123456789abcdef", 5), nPlusOne(5)))
            .path("runs").get(0);
    JsonNode rules = run.path("tool").path("driver").path("rules");

    assertThat(rules).hasSize(FindingType.values().length + 1);
    JsonNode rule = rules.get(FindingType.values().length);
    assertThat(rule.path("id").asText()).isEqualTo("CALLS_PER_SCOPE");
    assertThat(rule.path("defaultConfiguration").path("level").asText()).isEqualTo("note");
    assertThat(run.path("results").get(0).path("ruleIndex").asInt()).isEqualTo(FindingType.values().length);
    assertThat(run.path("results").get(1).path("ruleIndex").asInt()).isZero();
  }

  // --- results ---

  @Test
  void theMessageSaysWhatHowOftenWhereAndTheFix() throws IOException {
    String message = firstResult(render(report(nPlusOne(42)))).path("message").path("text").asText();

    assertThat(message)
        .isEqualTo(
            "N+1 query: 120 executions, 48.3 ms in the database, in 40 runs of request"
                + " \"GET /owners/{ownerId}\": \"" + STATEMENT + "\". " + SUGGESTION);
  }

  @Test
  void slowQueriesPoolWaitsAndLockWaitsSayTheirOwnFigures() throws IOException {
    JsonNode results = render(report(slowQuery(), poolWait(), lockWait())).path("runs").get(0).path("results");

    assertThat(results.get(0).path("message").path("text").asText())
        .startsWith("Slow query: 3 slow executions, the longest 1,500.3 ms (median of all its executions 12.5 ms),"
            + " in 2 runs of request \"GET /reports\": \"select * from orders where created > ?\".");
    assertThat(results.get(1).path("message").path("text").asText())
        .isEqualTo("Connection pool wait: 12 waits, 3,400.0 ms waiting, for a connection from pool"
            + " \"HikariPool-1\". Find what holds connections long.");
    assertThat(results.get(2).path("message").path("text").asText())
        .contains("Lock wait: 2 waits, the longest 800.0 ms, in transaction \"transaction in Billing.close\"")
        .contains("blocked by thread \"worker-2\" at com.acme.Audit.run(Audit.java:12)");
  }

  @Test
  void theFiguresAreProperties() throws IOException {
    JsonNode results = render(report(slowQuery(), poolWait(), nPlusOne(42))).path("runs").get(0).path("results");

    JsonNode slow = results.get(0).path("properties");
    assertThat(slow.path("count").asLong()).isEqualTo(3);
    assertThat(slow.path("occurrences").asLong()).isEqualTo(2);
    assertThat(slow.path("totalMs").asDouble()).isEqualTo(4100.5);
    assertThat(slow.path("scope").asText()).isEqualTo("GET /reports");
    assertThat(slow.path("scopeKind").asText()).isEqualTo("request");
    assertThat(slow.path("fingerprint").asText()).isEqualTo("2222222222222222");
    assertThat(slow.path("durationMs").asDouble()).isEqualTo(1500.25);
    assertThat(slow.path("p50Ms").asDouble()).isEqualTo(12.5);
    JsonNode pool = results.get(1).path("properties");
    assertThat(pool.path("pool").asText()).isEqualTo("HikariPool-1");
    assertThat(pool.has("scope")).isFalse();
    assertThat(pool.has("durationMs")).isFalse();
    assertThat(results.get(2).path("properties").path("parentFingerprint").asText()).isEqualTo("fedcba9876543210");
  }

  @Test
  void withoutSourceRootsTheUriIsUnderSrcMainJavaWithTheLine() throws IOException {
    JsonNode result = firstResult(render(report(nPlusOne(42))));

    JsonNode location = physicalLocation(result);
    assertThat(location.path("artifactLocation").path("uri").asText())
        .isEqualTo("src/main/java/com/acme/shop/OrderService.java");
    assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("SRCROOT");
    assertThat(location.path("region").path("startLine").asInt()).isEqualTo(42);
    assertThat(render(report()).path("runs").get(0).path("originalUriBaseIds").has("SRCROOT")).isTrue();
  }

  @Test
  void theCallSiteIsAlsoALogicalLocation() throws IOException {
    JsonNode logical = firstResult(render(report(nPlusOne(42)))).path("locations").get(0).path("logicalLocations");

    assertThat(logical).hasSize(1);
    assertThat(logical.get(0).path("fullyQualifiedName").asText()).isEqualTo("com.acme.shop.OrderService.listOrders");
    assertThat(logical.get(0).path("name").asText()).isEqualTo("listOrders");
    assertThat(logical.get(0).path("kind").asText()).isEqualTo("function");
  }

  @Test
  void aSourceRootHoldingTheFileOutsideTheWorkingDirectoryGivesItsFileUri() throws IOException {
    Path root = dir.resolve("app sources"); // a space, to be encoded
    Path file = Files.createDirectories(root.resolve("com/acme/shop")).resolve("OrderService.java");
    Files.writeString(file, "class OrderService {}");
    SarifReportWriter writer = new SarifReportWriter(List.of(root), dir.resolve("elsewhere"));

    JsonNode location = physicalLocation(firstResult(render(writer, report(nPlusOne(42)))));

    assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo(file.toUri().toString())
        .startsWith("file:///").contains("app%20sources");
    assertThat(location.path("artifactLocation").has("uriBaseId")).isFalse();
    assertThat(location.path("region").path("startLine").asInt()).isEqualTo(42);
  }

  @Test
  void aSourceRootInsideTheWorkingDirectoryGivesAPathRelativeToIt() throws IOException {
    Path file = Files.createDirectories(dir.resolve("billing/src/main/java/com/acme/shop")).resolve("OrderService.java");
    Files.writeString(file, "class OrderService {}");
    SarifReportWriter writer = new SarifReportWriter(List.of(Path.of("billing/src/main/java")), dir);

    JsonNode location = physicalLocation(firstResult(render(writer, report(nPlusOne(42)))));

    assertThat(location.path("artifactLocation").path("uri").asText())
        .isEqualTo("billing/src/main/java/com/acme/shop/OrderService.java");
    assertThat(location.path("artifactLocation").path("uriBaseId").asText()).isEqualTo("SRCROOT");
  }

  @Test
  void theFirstRootHoldingTheFileWinsAndAFileInNoRootFallsBack() throws IOException {
    for (String module : List.of("a", "b", "c")) {
      Files.createDirectories(dir.resolve(module));
    }
    for (String module : List.of("b", "c")) {
      Path file = Files.createDirectories(dir.resolve(module + "/com/acme/shop")).resolve("OrderService.java");
      Files.writeString(file, "class OrderService {}");
    }
    SarifReportWriter writer =
        new SarifReportWriter(List.of(Path.of("a"), Path.of("b"), Path.of("c")), dir);

    JsonNode results = render(writer, report(nPlusOne(42), at(site("com.acme.Billing", "close", "Billing.java", 9))))
        .path("runs").get(0).path("results");

    assertThat(physicalLocation(results.get(0)).path("artifactLocation").path("uri").asText())
        .isEqualTo("b/com/acme/shop/OrderService.java");
    assertThat(physicalLocation(results.get(1)).path("artifactLocation").path("uri").asText())
        .isEqualTo("src/main/java/com/acme/Billing.java");
  }

  @Test
  void aNestedClassMapsToItsOuterFile() throws IOException {
    JsonNode results =
        render(
                report(
                    at(site("com.acme.shop.OrderService$Lines", "load", "OrderService.java", 77)),
                    at(site("com.acme.shop.OrderService$Lines$1", "run", null, -1))))
            .path("runs").get(0).path("results");

    for (JsonNode result : results) {
      assertThat(physicalLocation(result).path("artifactLocation").path("uri").asText())
          .isEqualTo("src/main/java/com/acme/shop/OrderService.java");
    }
    assertThat(physicalLocation(results.get(0)).path("region").path("startLine").asInt()).isEqualTo(77);
    assertThat(physicalLocation(results.get(1)).has("region")).as("no line known").isFalse();
    assertThat(results.get(1).path("locations").get(0).path("logicalLocations").get(0).path("fullyQualifiedName")
        .asText()).isEqualTo("com.acme.shop.OrderService$Lines$1.run");
  }

  @Test
  void aNestedClassIsFoundInItsOuterFileUnderASourceRoot() throws IOException {
    Path file = Files.createDirectories(dir.resolve("src/com/acme/shop")).resolve("OrderService.java");
    Files.writeString(file, "class OrderService { class Lines {} }");
    SarifReportWriter writer = new SarifReportWriter(List.of(dir.resolve("src")), dir);

    JsonNode result = firstResult(render(writer, report(at(site("com.acme.shop.OrderService$Lines", "load", null, 5)))));

    assertThat(physicalLocation(result).path("artifactLocation").path("uri").asText())
        .isEqualTo("src/com/acme/shop/OrderService.java");
  }

  @Test
  void aFileNameCannotLeadOutOfTheSourceRoot() {
    assertThat(SarifReportWriter.sourcePath("com.acme.Evil", "../../../etc/passwd")).isEqualTo("com/acme/passwd");
    assertThat(SarifReportWriter.sourcePath("Main", "Main.java")).isEqualTo("Main.java");
  }

  @Test
  void theStackAfterTheCallSiteBecomesRelatedLocations() throws IOException {
    JsonNode related = firstResult(render(report(nPlusOne(42)))).path("relatedLocations");

    // OrderService (the call site itself) and Generated (no file, no line) are left out.
    assertThat(related).hasSize(2);
    assertThat(related.get(0).path("message").path("text").asText())
        .isEqualTo("called from com.acme.web.OrderController.show");
    assertThat(related.get(0).path("physicalLocation").path("artifactLocation").path("uri").asText())
        .isEqualTo("src/main/java/com/acme/web/OrderController.java");
    assertThat(related.get(0).path("physicalLocation").path("region").path("startLine").asInt()).isEqualTo(31);
    assertThat(related.get(1).path("message").path("text").asText())
        .isEqualTo("called from com.acme.web.Dispatcher.dispatch");
    assertThat(related.get(0).path("id").asInt()).isNotEqualTo(related.get(1).path("id").asInt());
  }

  @Test
  void aFindingWithoutCallSiteIsLeftOutSoCodeScanningAcceptsTheLog() throws IOException {
    JsonNode log = MAPPER.readTree(new SarifReportWriter(List.of()).render(report(poolWaitWithoutCallSite(), nPlusOne(42))));

    JsonNode results = log.path("runs").get(0).path("results");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).path("ruleId").asText()).isEqualTo("N_PLUS_ONE");
    assertThat(results.get(0).has("locations")).isTrue();
  }

  // --- partial fingerprints ---

  @Test
  void theFingerprintIgnoresTheLineSoAFindingSurvivesCodeMovingWithinItsMethod() throws IOException {
    assertThat(fingerprintOf(nPlusOne(42))).isEqualTo(fingerprintOf(nPlusOne(57))).matches("[0-9a-f]{64}");
  }

  @Test
  void theFingerprintIsStableAcrossReportsWrittenLater() throws IOException {
    Path first = new SarifReportWriter(List.of()).write(report("2026-01-01T00:01:00Z", List.of(nPlusOne(42))), dir);
    Finding later = new Finding(
        "N_PLUS_ONE", "ERROR", "GET /owners/{ownerId}", "request", STATEMENT, "0123456789abcdef", 9, 3.5,
        site("com.acme.shop.OrderService", "listOrders", "OrderService.java", 43), List.of(), null,
        "Another wording of the fix.", 3, "2026-02-01T00:00:00Z", "2026-02-01T00:00:05Z");
    JsonNode firstLog = MAPPER.readTree(first.toFile());
    JsonNode secondLog = MAPPER.readTree(
        new SarifReportWriter(List.of()).write(report("2026-02-01T00:01:00Z", List.of(later)), dir.resolve("later"))
            .toFile());

    assertThat(firstResult(secondLog).path("partialFingerprints"))
        .isEqualTo(firstResult(firstLog).path("partialFingerprints"));
  }

  @Test
  void theFingerprintDiffersForAnotherStatementTypeMethodOrScope() throws IOException {
    String base = fingerprintOf(nPlusOne(42));
    Finding otherMethod = new Finding(
        "N_PLUS_ONE", "ERROR", "GET /owners/{ownerId}", "request", STATEMENT, "0123456789abcdef", 120, 48.25,
        site("com.acme.shop.OrderService", "listInvoices", "OrderService.java", 42), List.of(), null, SUGGESTION, 40,
        "2026-01-01T00:00:01.500Z", "2026-01-01T00:01:20Z");
    Finding otherScope = new Finding(
        "N_PLUS_ONE", "ERROR", "GET /owners", "request", STATEMENT, "0123456789abcdef", 120, 48.25,
        site("com.acme.shop.OrderService", "listOrders", "OrderService.java", 42), List.of(), null, SUGGESTION, 40,
        "2026-01-01T00:00:01.500Z", "2026-01-01T00:01:20Z");

    assertThat(fingerprintOf(finding("N_PLUS_ONE", "ERROR", "select 1 from pets where id = ?", "aaaaaaaaaaaaaaaa", 42)))
        .isNotEqualTo(base);
    assertThat(fingerprintOf(finding("REPEATED_QUERY", "WARNING", STATEMENT, "0123456789abcdef", 42)))
        .isNotEqualTo(base);
    assertThat(fingerprintOf(otherMethod)).isNotEqualTo(base);
    assertThat(fingerprintOf(otherScope)).isNotEqualTo(base);
  }

  // --- the file ---

  @Test
  void theFileIsWrittenOwnerOnlyThroughReportFiles() throws IOException {
    Path file = new SarifReportWriter(List.of()).write(report(nPlusOne(42)), dir.resolve("querylens-report"));

    assertThat(file).isEqualTo(dir.resolve("querylens-report").toAbsolutePath().resolve("querylens-report.sarif"));
    assertThat(MAPPER.readTree(file.toFile()).path("version").asText()).isEqualTo("2.1.0");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing).as("no temporary file left").containsExactly(file);
    }
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
