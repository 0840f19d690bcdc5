package io.querylens.exporter.report;

import static io.querylens.exporter.report.SampleReports.query;
import static io.querylens.exporter.report.SampleReports.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {
  private static final String LONG_STATEMENT =
      "select o1_0.id, o1_0.customer_id, o1_0.created_at, o1_0.total from orders o1_0"
          + " where o1_0.customer_id = ? order by o1_0.created_at desc";

  private static Report sample() {
    return SampleReports.of(
        summary(1_204, 38, 2_310.0, 0),
        List.of(
            query("select * from customers where id = ?", 4, 0.4, 0.1, 0.25),
            query(LONG_STATEMENT, 400, 1_203.0, 3.0, 7.1),
            query("update orders set total = ? where id = ?", 800, 1_106.6, 1.383, 2.9)));
  }

  @Test
  void rendersHeadlineTopStatementsAndReportPath() {
    Path file = Path.of("querylens-report", "querylens-report.json");

    String text = ConsoleSummary.render(sample(), file, 5);

    assertThat(text.split("\n"))
        .containsExactly(
            "QueryLens: 1,204 statements, 38 fingerprints, 2.31 s in the database, 0 errors",
            "  Top statements by total time",
            "       total      calls      mean       p95  statement",
            "      1.20 s        400    3.0 ms    7.1 ms  "
                + "select o1_0.id, o1_0.customer_id, o1_0.created_at, o1_0.total from or\u2026",
            "      1.11 s        800    1.4 ms    2.9 ms  update orders set total = ? where id = ?",
            "    0.400 ms          4  0.100 ms  0.250 ms  select * from customers where id = ?",
            "  Report: " + file.toAbsolutePath());
  }

  @Test
  void columnsLineUp() {
    String[] lines = ConsoleSummary.render(sample(), null, 5).split("\n");

    int statementColumn = lines[2].indexOf("statement");
    int totalEnd = lines[2].indexOf("total") + "total".length();
    int callsEnd = lines[2].indexOf("calls") + "calls".length();
    for (int i = 3; i < lines.length; i++) {
      assertThat(lines[i].charAt(statementColumn - 1)).isEqualTo(' ');
      assertThat(lines[i].charAt(statementColumn)).isNotEqualTo(' ');
      assertThat(lines[i].charAt(totalEnd - 1)).isEqualTo('s'); // "s" of "ms" / "s"
      assertThat(lines[i].charAt(callsEnd)).isEqualTo(' ');
      assertThat(Character.isDigit(lines[i].charAt(callsEnd - 1))).isTrue();
    }
  }

  @Test
  void longStatementsAreCutWithAnEllipsis() {
    String shown = ConsoleSummary.statement(LONG_STATEMENT);

    assertThat(shown).hasSize(ConsoleSummary.STATEMENT_WIDTH).endsWith("\u2026");
    assertThat(LONG_STATEMENT).startsWith(shown.substring(0, shown.length() - 1));
    String exact = "x".repeat(ConsoleSummary.STATEMENT_WIDTH);
    assertThat(ConsoleSummary.statement(exact)).isEqualTo(exact);
  }

  @Test
  void controlCharactersCannotBreakTheLayoutOrReachTheTerminal() {
    assertThat(ConsoleSummary.statement("select *\n  from t\u001b[31m\twhere  id = ?"))
        .isEqualTo("select * from t [31m where id = ?");
  }

  @Test
  void topNLimitsTheListAndZeroLeavesItOut() {
    assertThat(ConsoleSummary.render(sample(), null, 1).split("\n")).hasSize(4);
    assertThat(ConsoleSummary.render(sample(), null, 0).split("\n"))
        .containsExactly(
            "QueryLens: 1,204 statements, 38 fingerprints, 2.31 s in the database, 0 errors");
  }

  @Test
  void anEmptyReportIsOneLine() {
    Report empty = SampleReports.of(summary(1, 1, 0.05, 1), List.<QueryEntry>of());

    assertThat(ConsoleSummary.render(empty, null, 5))
        .isEqualTo("QueryLens: 1 statement, 1 fingerprint, 0.050 ms in the database, 1 error");
  }

  @Test
  void durationsPickAUnitForTheirMagnitude() {
    assertThat(ConsoleSummary.duration(0)).isEqualTo("0.000 ms");
    assertThat(ConsoleSummary.duration(0.042)).isEqualTo("0.042 ms");
    assertThat(ConsoleSummary.duration(3.04)).isEqualTo("3.0 ms");
    assertThat(ConsoleSummary.duration(999.96)).isEqualTo("1.00 s");
    assertThat(ConsoleSummary.duration(2_310)).isEqualTo("2.31 s");
    assertThat(ConsoleSummary.duration(90_000)).isEqualTo("1.5 min");
    assertThat(ConsoleSummary.duration(7_200_000)).isEqualTo("2.0 h");
  }
}
