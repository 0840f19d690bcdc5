package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querylens.analyzer.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportReaderTest {
  @TempDir Path dir;

  @Test
  void aWrittenReportReadsBackEqual() throws IOException {
    Report written = SampleReports.assembled();
    Path file = new JsonReportWriter().write(written, dir);

    assertThat(new ReportReader().read(file)).isEqualTo(written);
  }

  @Test
  void aVersionOneReportReadsWithoutHistograms() throws IOException {
    String json = new JsonReportWriter().toJson(SampleReports.assembled())
        .replace("\"schemaVersion\" : 2", "\"schemaVersion\" : 1")
        .replaceAll("(?s),\\s*\"scopes\" : \\d+,\\s*\"histogram\" : \\[[^\\]]*\\]", "");
    Path file = Files.writeString(dir.resolve("v1.json"), json);

    Report read = new ReportReader().read(file);

    assertThat(read.queries()).isNotEmpty().allSatisfy(q -> assertThat(q.histogram()).isEmpty());
  }

  @Test
  void whatIsNotAReportIsRefusedWithTheFileAndTheReason() throws IOException {
    Path notJson = Files.writeString(dir.resolve("a.json"), "not json");
    Path notReport = Files.writeString(dir.resolve("b.json"), "{\"hello\": 1}");
    Path future = Files.writeString(dir.resolve("c.json"), "{\"schemaVersion\": 99}");
    ReportReader reader = new ReportReader();

    assertThatThrownBy(() -> reader.read(notJson)).hasMessageStartingWith(notJson + ": not a QueryLens JSON report");
    assertThatThrownBy(() -> reader.read(notReport)).hasMessage(notReport + ": not a QueryLens JSON report (no schemaVersion)");
    assertThatThrownBy(() -> reader.read(future)).hasMessageContaining("schemaVersion 99 is not one this QueryLens reads");
    assertThatThrownBy(() -> reader.read(dir.resolve("missing.json"))).hasMessageEndingWith("missing.json: no such file");
  }
}
