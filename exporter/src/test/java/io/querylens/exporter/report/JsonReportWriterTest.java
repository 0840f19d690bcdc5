package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportWriterTest {
  private static final List<String> QUERY_FIELDS =
      List.of(
          "fingerprint",
          "statement",
          "operation",
          "tables",
          "dbSystem",
          "calls",
          "errors",
          "errorsBySqlState",
          "rows",
          "totalMs",
          "minMs",
          "maxMs",
          "meanMs",
          "stddevMs",
          "p50Ms",
          "p95Ms",
          "p99Ms",
          "lockClause",
          "firstSeen",
          "lastSeen",
          "scopes",
          "histogram");

  private static final List<String> FINDING_FIELDS =
      List.of(
          "type",
          "severity",
          "scope",
          "scopeKind",
          "statement",
          "fingerprint",
          "count",
          "totalMs",
          "callSite",
          "stack",
          "parent",
          "suggestion",
          "occurrences",
          "firstSeen",
          "lastSeen");

  private final JsonReportWriter writer = new JsonReportWriter();
  private final ObjectMapper mapper = new ObjectMapper();

  @TempDir Path dir;

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void writesTheDocumentedShapeInTheDocumentedOrder() throws IOException {
    Path file = writer.write(SampleReports.assembled(), dir);

    assertThat(file).isEqualTo(dir.toAbsolutePath().resolve("querylens-report.json"));
    JsonNode root = mapper.readTree(file.toFile());
    assertThat(fieldNames(root))
        .containsExactly(
            "schemaVersion", "generatedAt", "agent", "runtime", "summary", "queries", "findings");
    assertThat(root.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(root.get("generatedAt").asText()).isEqualTo("2026-01-01T00:01:30Z");
    assertThat(fieldNames(root.get("agent"))).containsExactly("version");
    assertThat(fieldNames(root.get("runtime")))
        .containsSubsequence("javaVersion", "javaVendor", "os", "pid", "startedAt", "uptimeMs")
        .isSubsetOf(
            "javaVersion",
            "javaVendor",
            "javaHome",
            "os",
            "pid",
            "mainCommand",
            "startedAt",
            "uptimeMs");
    assertThat(fieldNames(root.get("summary")))
        .containsExactly(
            "statements",
            "fingerprints",
            "totalMs",
            "errors",
            "rows",
            "poolInternalStatements",
            "overflowedFingerprints",
            "transactions",
            "droppedEvents",
            "agentErrors",
            "findings");
    assertThat(fieldNames(root.get("summary").get("transactions")))
        .containsExactly("commits", "rollbacks");

    JsonNode queries = root.get("queries");
    assertThat(queries).hasSize(3);
    JsonNode locking = queries.get(0);
    assertThat(fieldNames(locking)).containsExactlyElementsOf(QUERY_FIELDS);
    assertThat(locking.get("lockClause").asText()).isEqualTo("FOR UPDATE");
    assertThat(locking.get("tables").get(0).asText()).isEqualTo("accounts");
    assertThat(locking.get("errorsBySqlState").get("40P01").asLong()).isEqualTo(1);
    assertThat(locking.get("totalMs").isNumber()).isTrue();
    assertThat(locking.get("firstSeen").asText()).isEqualTo("2026-01-01T00:00:00.100Z");
    // lockClause is left out, not null, where there is none
    assertThat(fieldNames(queries.get(1)))
        .containsExactlyElementsOf(without(QUERY_FIELDS, "lockClause"));
    assertThat(queries.get(2).get("fingerprint").asText()).isEqualTo("overflow");

    JsonNode findings = root.get("findings");
    assertThat(findings).hasSize(3);
    // SampleReports.FINDINGS order: repeated query, unbatched writes, N+1
    JsonNode nPlusOne = findings.get(2);
    assertThat(fieldNames(nPlusOne)).containsExactlyElementsOf(FINDING_FIELDS);
    assertThat(fieldNames(nPlusOne.get("callSite")))
        .containsExactly("className", "methodName", "fileName", "lineNumber");
    assertThat(nPlusOne.get("callSite").get("lineNumber").asInt()).isEqualTo(31);
    assertThat(fieldNames(nPlusOne.get("parent")))
        .containsExactly("statement", "fingerprint", "rows");
    assertThat(nPlusOne.get("parent").get("rows").asLong()).isEqualTo(3);
    assertThat(nPlusOne.get("stack")).hasSize(2);
    assertThat(nPlusOne.get("stack").get(0).asText())
        .isEqualTo("com.example.OwnerController.show(OwnerController.java:31)");
    assertThat(nPlusOne.get("totalMs").isNumber()).isTrue();
    // Absent values are left out, not null.
    JsonNode repeated = findings.get(0);
    assertThat(fieldNames(repeated)).containsExactlyElementsOf(without(FINDING_FIELDS, "parent"));
    assertThat(fieldNames(repeated.get("callSite")))
        .containsExactly("className", "methodName", "lineNumber");
    assertThat(repeated.get("callSite").get("lineNumber").asInt()).isEqualTo(-1);
    JsonNode unbatched = findings.get(1);
    assertThat(fieldNames(unbatched))
        .containsExactlyElementsOf(
            without(FINDING_FIELDS, "scope", "scopeKind", "callSite", "parent"));
    assertThat(unbatched.get("stack").isArray()).isTrue();
    assertThat(unbatched.get("stack")).isEmpty();
  }

  private static List<String> without(List<String> fields, String... absent) {
    List<String> kept = new ArrayList<>(fields);
    kept.removeAll(List.of(absent));
    return kept;
  }

  @Test
  void outputIsPrettyPrintedAndEndsWithANewline() throws IOException {
    String json = Files.readString(writer.write(SampleReports.assembled(), dir));

    assertThat(json).startsWith("{\n  \"schemaVersion\" : 2,\n").endsWith("}\n");
  }

  @Test
  void replacesAnExistingReportAndLeavesNoTemporaryFiles() throws IOException {
    Path file = dir.resolve("querylens-report.json");
    Files.writeString(file, "{\"old\": true}");

    writer.write(SampleReports.assembled(), dir);
    writer.write(SampleReports.assembled(), dir);

    assertThat(mapper.readTree(file.toFile()).has("old")).isFalse();
    assertThat(mapper.readTree(file.toFile()).get("schemaVersion").asInt()).isEqualTo(2);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void createsTheReportDirectory() throws IOException {
    Path nested = dir.resolve("a/b/querylens-report");

    Path file = writer.write(SampleReports.assembled(), nested);

    assertThat(file).exists().hasParent(nested.toAbsolutePath());
  }

  @Test
  void theReportIsReadableByItsOwnerOnly() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions are not supported here");
    Path file = dir.resolve("querylens-report.json");
    Files.writeString(file, "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    writer.write(SampleReports.assembled(), dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aDirectoryThatIsAFileFailsAndLeavesNothingBehind() throws IOException {
    Path notADirectory = Files.writeString(dir.resolve("taken"), "x");

    assertThatThrownBy(() -> writer.write(SampleReports.assembled(), notADirectory))
        .isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(notADirectory);
    }
  }

  @Test
  void aReportReadsBackIntoTheModel() throws IOException {
    Report report = SampleReports.assembled();

    Report read = mapper.readValue(writer.toJson(report), Report.class);

    assertThat(read).isEqualTo(report);
  }
}
