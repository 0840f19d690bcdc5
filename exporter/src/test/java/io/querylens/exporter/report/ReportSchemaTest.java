package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps docs/report-schema.json and the JSON the writer produces in step. */
class ReportSchemaTest {
  // Tests run with the module directory as working directory.
  private static final Path SCHEMA = Path.of("../docs/report-schema.json");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonNode schemaNode = MAPPER.readTree(SCHEMA.toFile());
    assertThat(schemaNode.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
  }

  private JsonNode writtenReport() throws IOException {
    Path file = new JsonReportWriter().write(SampleReports.assembled(), dir);
    return MAPPER.readTree(file.toFile());
  }

  @Test
  void aWrittenReportIsValid() throws IOException {
    Set<ValidationMessage> errors = schema.validate(writtenReport());

    assertThat(errors).isEmpty();
  }

  @Test
  void theSampleHoldsFindingsOfEveryShape() throws IOException {
    // aWrittenReportIsValid only proves something about the shapes the sample holds.
    JsonNode findings = writtenReport().get("findings");

    assertThat(findings).anySatisfy(f -> assertThat(f.has("callSite")).isTrue());
    assertThat(findings).anySatisfy(f -> assertThat(f.has("callSite")).isFalse());
    assertThat(findings) // a call site without a file name
        .anySatisfy(
            f -> assertThat(f.has("callSite") && !f.get("callSite").has("fileName")).isTrue());
    assertThat(findings).anySatisfy(f -> assertThat(f.has("parent")).isTrue());
    assertThat(findings).anySatisfy(f -> assertThat(f.has("parent")).isFalse());
    assertThat(findings).anySatisfy(f -> assertThat(f.has("scope")).isTrue());
    assertThat(findings).anySatisfy(f -> assertThat(f.has("scope")).isFalse());
    assertThat(findings).anySatisfy(f -> assertThat(f.get("stack")).isEmpty());
  }

  @Test
  void eachFindingOnItsOwnIsValid() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ArrayNode findings = (ArrayNode) report.get("findings");
    for (JsonNode finding : findings.deepCopy()) {
      findings.removeAll().add(finding);

      assertThat(schema.validate(report)).as(finding.get("type").asText()).isEmpty();
    }
  }

  @Test
  void theSchemaRejectsAMissingSummaryField() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ((ObjectNode) report.get("summary")).remove("fingerprints");

    assertThat(schema.validate(report))
        .extracting(ValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("fingerprints"));
  }

  @Test
  void theSchemaRejectsUnknownQueryFieldsButAcceptsNewFindingFields() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ((ObjectNode) report.get("findings").get(0)).put("thresholdMs", 500);
    assertThat(schema.validate(report)).isEmpty();

    ((ObjectNode) report.get("queries").get(0)).put("literal", "hunter2");
    assertThat(schema.validate(report)).isNotEmpty();
  }

  @Test
  void callSiteAndParentAreClosed() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ((ObjectNode) nPlusOne(report).get("callSite")).put("module", "app");
    ((ObjectNode) nPlusOne(report).get("parent")).put("parameters", "[7]");

    assertThat(messages(report))
        .anySatisfy(message -> assertThat(message).contains("module"))
        .anySatisfy(message -> assertThat(message).contains("parameters"));
  }

  @Test
  void theSchemaRejectsAFindingWithoutARequiredField() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    nPlusOne(report).remove("suggestion");
    nPlusOne(report).remove("stack");

    assertThat(messages(report))
        .anySatisfy(message -> assertThat(message).contains("suggestion"))
        .anySatisfy(message -> assertThat(message).contains("stack"));
  }

  @Test
  void typeSeverityAndScopeKindAreEnumerated() throws IOException {
    for (String field : List.of("type", "severity", "scopeKind")) {
      ObjectNode report = (ObjectNode) writtenReport();
      nPlusOne(report).put(field, "SOMETHING_ELSE");

      assertThat(messages(report)).as(field).anySatisfy(m -> assertThat(m).contains(field));
    }
  }

  @Test
  void aScopeComesWithItsKind() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    nPlusOne(report).remove("scopeKind");

    assertThat(messages(report)).anySatisfy(message -> assertThat(message).contains("scopeKind"));
  }

  @Test
  void onlyAnNPlusOneHasAParent() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    nPlusOne(report).put("type", "REPEATED_QUERY");

    assertThat(messages(report)).anySatisfy(message -> assertThat(message).contains("N_PLUS_ONE"));
  }

  @Test
  void theStackHoldsAtMostTwentyFrames() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ArrayNode stack = (ArrayNode) nPlusOne(report).get("stack");
    while (stack.size() < 21) {
      stack.add("com.example.Deep.call(Deep.java:" + stack.size() + ")");
    }

    assertThat(messages(report)).anySatisfy(message -> assertThat(message).contains("stack"));
  }

  private static ObjectNode nPlusOne(ObjectNode report) {
    for (JsonNode finding : report.get("findings")) {
      if (finding.get("type").asText().equals("N_PLUS_ONE")) {
        return (ObjectNode) finding;
      }
    }
    throw new AssertionError("the sample report has no N_PLUS_ONE finding");
  }

  private static List<String> messages(JsonNode report) {
    return schema.validate(report).stream().map(ValidationMessage::getMessage).toList();
  }

  @Test
  void theSchemaChecksTypes() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ((ObjectNode) report.get("queries").get(0)).put("calls", "many");
    ((ArrayNode) report.get("queries").get(1).get("tables")).add(7);

    assertThat(schema.validate(report)).hasSizeGreaterThanOrEqualTo(2);
  }
}
