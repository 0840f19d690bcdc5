package io.querylens.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.fingerprint.StatementInfo;
import io.querylens.analyzer.stats.StatementStatistics;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportAssemblerTest {
  private static final long MS = 1_000_000L;
  private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant GENERATED = Instant.parse("2026-01-01T00:05:00.250Z");

  private static ReportContext context(List<Finding> findings) {
    return new ReportContext("0.1.0-SNAPSHOT", STARTED, GENERATED, 7, 3, 1, 2, 4, findings);
  }

  @Test
  void summaryDerivesFromTheQueriesAndTheContext() {
    StatisticsRegistry registry = new StatisticsRegistry(2);
    StatementStatistics orders =
        registry.statisticsFor(Fingerprinter.normalize("select * from orders where id = 1"), "h2");
    orders.enrich(new StatementInfo("SELECT", List.of("orders"), "FOR UPDATE", true));
    orders.record(2 * MS, 1, null, STARTED.toEpochMilli() + 10);
    orders.record(4 * MS, 1, "40001", STARTED.toEpochMilli() + 20);
    registry
        .statisticsFor(Fingerprinter.normalize("update orders set total = 1 where id = 2"), "h2")
        .record(10 * MS, 3, null, STARTED.toEpochMilli() + 30);
    registry
        .statisticsFor(Fingerprinter.normalize("delete from carts where id = 3"), "h2")
        .record(1 * MS, 1, null, STARTED.toEpochMilli() + 40); // overflow
    Finding finding = new Finding("N_PLUS_ONE", "ERROR", "nightly-import", "explicit", "select ?", "0123456789abcdef", 12, 3.5, new Finding.CallSite("com.example.Importer", "run", "Importer.java", 42), List.of("com.example.Importer.run(Importer.java:42)"), new Finding.ParentQuery("select ? from owners", "fedcba9876543210", 12), "Use one query.", 1, "2026-11-24T10:00:00Z", "2026-11-24T10:00:01Z");

    Report report = ReportAssembler.assemble(registry, context(List.of(finding)));

    assertThat(report.schemaVersion()).isEqualTo(2);
    assertThat(report.generatedAt()).isEqualTo("2026-01-01T00:05:00.250Z");
    assertThat(report.agent().version()).isEqualTo("0.1.0-SNAPSHOT");
    Summary summary = report.summary();
    assertThat(summary.statements()).isEqualTo(4);
    assertThat(summary.fingerprints()).isEqualTo(2);
    assertThat(summary.totalMs()).isEqualTo(17.0);
    assertThat(summary.errors()).isEqualTo(1);
    assertThat(summary.rows()).isEqualTo(6);
    assertThat(summary.poolInternalStatements()).isEqualTo(7);
    assertThat(summary.overflowedFingerprints()).isEqualTo(1);
    assertThat(summary.transactions()).isEqualTo(new TransactionCounts(3, 1));
    assertThat(summary.droppedEvents()).isEqualTo(2);
    assertThat(summary.agentErrors()).isEqualTo(4);
    assertThat(summary.findings()).isEqualTo(1);
    assertThat(report.findings()).containsExactly(finding);

    assertThat(report.queries())
        .extracting(QueryEntry::operation)
        .containsExactly("UPDATE", "SELECT", "OTHER");
    QueryEntry select = report.queries().get(1);
    assertThat(select.tables()).containsExactly("orders");
    assertThat(select.lockClause()).isEqualTo("FOR UPDATE");
    assertThat(select.errorsBySqlState()).containsEntry("40001", 1L);
    assertThat(select.meanMs()).isEqualTo(3.0);
    assertThat(select.firstSeen()).isEqualTo("2026-01-01T00:00:00.010Z");
    assertThat(select.lastSeen()).isEqualTo("2026-01-01T00:00:00.020Z");
    assertThat(report.queries().get(2).fingerprint()).isEqualTo("overflow");
  }

  @Test
  void anEmptyRegistryGivesAnEmptyReport() {
    Report report = ReportAssembler.assemble(new StatisticsRegistry(), context(List.of()));

    assertThat(report.queries()).isEmpty();
    assertThat(report.findings()).isEmpty();
    assertThat(report.summary().statements()).isZero();
    assertThat(report.summary().totalMs()).isZero();
  }

  @Test
  void runtimeDescribesThisJvm() {
    RuntimeInfo runtime = RuntimeInfo.current(STARTED);

    assertThat(runtime.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(runtime.javaVersion()).isEqualTo(System.getProperty("java.version"));
    assertThat(runtime.javaVendor()).isNotBlank();
    assertThat(runtime.os()).startsWith(System.getProperty("os.name"));
    assertThat(runtime.startedAt()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(runtime.uptimeMs()).isPositive();
  }

  @Test
  void mainCommandKeepsTheMainClassOrJarAndNeverTheArguments() {
    assertThat(RuntimeInfo.mainCommand("com.example.App --db.password=hunter2"))
        .isEqualTo("com.example.App");
    assertThat(RuntimeInfo.mainCommand("/opt/app/app.jar --spring.datasource.password=x"))
        .isEqualTo("/opt/app/app.jar");
    assertThat(RuntimeInfo.mainCommand("  com.example.App\tsecret")).isEqualTo("com.example.App");
    assertThat(RuntimeInfo.mainCommand("com.example.App")).isEqualTo("com.example.App");
    assertThat(RuntimeInfo.mainCommand("   ")).isNull();
    assertThat(RuntimeInfo.mainCommand(null)).isNull();
  }
}
