package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.stats.WorstSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Masked bind values ({@code captureParameters=true}) through the report writers, the reader and merge:
 * written where they exist, absent where they do not, and the slowest kept when reports merge.
 */
class CapturedValuesReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SLOW_VALUES = List.of("'jo…' (string, 22 chars)", "(int, 5 digits)");
  private static final List<String> FAST_VALUES = List.of("(string, 3 chars)", "NULL");

  @Test
  void theJsonHoldsTheWorstSampleAndTheFindingsValuesAndReadsThemBack(@TempDir Path dir) throws Exception {
    Report report = report(entry(new WorstSample(812.5, SLOW_VALUES)), finding(812.5, SLOW_VALUES));

    Path file = new JsonReportWriter().write(report, dir);
    JsonNode json = JSON.readTree(file.toFile());
    Report read = new ReportReader().read(file);

    assertThat(json.at("/queries/0/worstSample/durationMs").asDouble()).isEqualTo(812.5);
    assertThat(json.at("/queries/0/worstSample/parameters").toString())
        .isEqualTo("[\"'jo…' (string, 22 chars)\",\"(int, 5 digits)\"]");
    assertThat(json.at("/findings/0/parameters").size()).isEqualTo(2);
    assertThat(read.queries().get(0).worstSample()).isEqualTo(new WorstSample(812.5, SLOW_VALUES));
    assertThat(read.findings().get(0).parameters()).isEqualTo(SLOW_VALUES);
  }

  @Test
  void withoutCapturedValuesNeitherFieldIsWritten(@TempDir Path dir) throws Exception {
    Report report = report(entry(null), finding(812.5, null));

    String json = Files.readString(new JsonReportWriter().write(report, dir));
    String sarif = new SarifReportWriter(List.of()).render(report);

    assertThat(json).contains("\"findings\"", "SLOW_QUERY").doesNotContain("worstSample", "parameters");
    assertThat(sarif).contains("\"ruleId\"").doesNotContain("\"parameters\"");
  }

  @Test
  void theSarifResultCarriesTheFindingsValuesAsAProperty() throws Exception {
    Report report = report(entry(null), finding(812.5, SLOW_VALUES));

    JsonNode sarif = JSON.readTree(new SarifReportWriter(List.of()).render(report));

    assertThat(sarif.at("/runs/0/results/0/properties/parameters").toString())
        .isEqualTo("[\"'jo…' (string, 22 chars)\",\"(int, 5 digits)\"]");
  }

  @Test
  void mergingKeepsTheValuesOfTheSlowestExecution() {
    QueryEntry slow = entry(new WorstSample(812.5, SLOW_VALUES));
    QueryEntry fast = entry(new WorstSample(3.0, FAST_VALUES));
    QueryEntry none = entry(null);

    assertThat(ReportMerge.mergeQueries(List.of(fast, slow, none)).worstSample())
        .isEqualTo(new WorstSample(812.5, SLOW_VALUES));
    assertThat(ReportMerge.mergeQueries(List.of(none, none)).worstSample()).isNull();
    assertThat(Finding.merged(List.of(finding(3.0, FAST_VALUES), finding(812.5, SLOW_VALUES),
        finding(900.0, null))).parameters()).isEqualTo(SLOW_VALUES);
  }

  private static Report report(QueryEntry entry, Finding finding) {
    return SampleReports.of(SampleReports.summary(10, 1, 900, 0, 1), List.of(entry), List.of(finding));
  }

  private static QueryEntry entry(WorstSample sample) {
    return new QueryEntry("0123456789abcdef", "select id from people where email = ? and age > ?", "SELECT",
        List.of("people"), "h2", 10, 0, Map.of(), 10, 900, 3, 812.5, 90, 10, 3, 812.5, 812.5, null,
        SampleReports.STARTED.toString(), SampleReports.STARTED.plusSeconds(5).toString(), 1, List.of(), sample);
  }

  private static Finding finding(double durationMs, List<String> parameters) {
    return new Finding("SLOW_QUERY", "WARNING", "GET /people", "request",
        "select id from people where email = ? and age > ?", "0123456789abcdef", 1, durationMs,
        new Finding.CallSite("com.acme.People", "find", "People.java", 42), List.of("com.acme.People.find(People.java:42)"),
        null, "fix it", 1, SampleReports.STARTED.toString(), SampleReports.STARTED.toString(), durationMs, 3.0,
        null, null, null, null, null, null, null, parameters);
  }
}
