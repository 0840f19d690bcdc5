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
    ((ObjectNode) report.get("findings").get(0))
        .put("callSite", "com.example.Orders.load(Orders.java:42)");
    assertThat(schema.validate(report)).isEmpty();

    ((ObjectNode) report.get("queries").get(0)).put("literal", "hunter2");
    assertThat(schema.validate(report)).isNotEmpty();
  }

  @Test
  void theSchemaChecksTypes() throws IOException {
    ObjectNode report = (ObjectNode) writtenReport();
    ((ObjectNode) report.get("queries").get(0)).put("calls", "many");
    ((ArrayNode) report.get("queries").get(1).get("tables")).add(7);

    assertThat(schema.validate(report)).hasSizeGreaterThanOrEqualTo(2);
  }
}
