package io.querylens.exporter.report;

import static io.querylens.exporter.report.SampleReports.query;
import static io.querylens.exporter.report.SampleReports.summary;
import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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

    String text = ConsoleSummary.render(sample(), List.of(file), 5);

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
    String[] lines = ConsoleSummary.render(sample(), List.of(), 5).split("\n");

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
    assertThat(ConsoleSummary.render(sample(), List.of(), 1).split("\n")).hasSize(4);
    assertThat(ConsoleSummary.render(sample(), List.of(), 0).split("\n"))
        .containsExactly(
            "QueryLens: 1,204 statements, 38 fingerprints, 2.31 s in the database, 0 errors");
  }

  @Test
  void anEmptyReportIsOneLine() {
    Report empty = SampleReports.of(summary(1, 1, 0.05, 1), List.<QueryEntry>of());

    assertThat(ConsoleSummary.render(empty, List.of(), 5))
        .isEqualTo("QueryLens: 1 statement, 1 fingerprint, 0.050 ms in the database, 1 error");
  }

  @Test
  void listsFindingsErrorFirstThenByExecutions() {
    Report report =
        SampleReports.of(
            summary(1_204, 38, 2_310.0, 0, 3), sample().queries(), SampleReports.FINDINGS);
    Path file = Path.of("querylens-report", "querylens-report.json");

    String text = ConsoleSummary.render(report, List.of(file), 1);

    assertThat(text.split("\n"))
        .containsExactly(
            "QueryLens: 1,204 statements, 38 fingerprints, 2.31 s in the database, 0 errors,"
                + " 3 findings",
            "  Top statements by total time",
            "       total      calls      mean       p95  statement",
            "      1.20 s        400    3.0 ms    7.1 ms  "
                + "select o1_0.id, o1_0.customer_id, o1_0.created_at, o1_0.total from or\u2026",
            "  Findings",
            "    ERROR N_PLUS_ONE: 120 executions, 48.3 ms",
            "      scope     GET /owners/{ownerId} (request, 40 occurrences)",
            "      at        com.example.OwnerController.show(OwnerController.java:31)",
            "      statement "
                + "select p1_0.id, p1_0.name, p1_0.owner_id from pets p1_0 where p1_0.ow\u2026",
            "      parent    "
                + "select o1_0.id, o1_0.name from owners o1_0 where o1_0.last_name like ? (3 rows)",
            "      fix       "
                + "Load the pets with their owners in one query: JOIN FETCH or @EntityGraph.",
            "    WARNING UNBATCHED_WRITES: 400 executions, 610.2 ms",
            "      statement insert into audit (who, what) values (?+)",
            "      fix       "
                + "Send the rows in batches: addBatch and executeBatch (JdbcTemplate.batchUpdate).",
            "    WARNING REPEATED_QUERY: 6 executions, 0.750 ms",
            "      scope     transaction in Billing.close (transaction, 2 occurrences)",
            "      at        com.example.Billing.close(Unknown Source)",
            "      statement select * from tariffs where code = ?",
            "      fix       Reuse the first result, or cache it.",
            "  Report: " + file.toAbsolutePath());
  }

  @Test
  void findingsAreListedEvenWithoutTopStatements() {
    Report report =
        SampleReports.of(
            summary(3, 1, 1.0, 0, 1), List.of(), List.of(SampleReports.REPEATED_QUERY));

    assertThat(ConsoleSummary.render(report, List.of(), 0).split("\n"))
        .containsExactly(
            "QueryLens: 3 statements, 1 fingerprint, 1.0 ms in the database, 0 errors, 1 finding",
            "  Findings",
            "    WARNING REPEATED_QUERY: 6 executions, 0.750 ms",
            "      scope     transaction in Billing.close (transaction, 2 occurrences)",
            "      at        com.example.Billing.close(Unknown Source)",
            "      statement select * from tariffs where code = ?",
            "      fix       Reuse the first result, or cache it.");
  }

  @Test
  void atMostTenFindingsAreListedAndTheOrderIsTotal() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      // Same severity and count: only the scope tells them apart.
      findings.add(repeatedIn("scope-" + (char) ('a' + i), 5));
    }
    findings.add(repeatedIn("busiest", 9));
    List<Finding> reversed = new ArrayList<>(findings);
    Collections.reverse(reversed);

    String text = render(findings);

    assertThat(text).isEqualTo(render(reversed));
    String[] lines = text.split("\n");
    assertThat(lines[1]).isEqualTo("  Findings (10 of 13 shown)");
    assertThat(Arrays.stream(lines).filter(line -> line.startsWith("    WARNING ")))
        .hasSize(ConsoleSummary.MAX_FINDINGS);
    assertThat(Arrays.stream(lines).filter(line -> line.startsWith("      scope ")))
        .containsExactly(
            "      scope     busiest (explicit, 1 occurrence)",
            "      scope     scope-a (explicit, 1 occurrence)",
            "      scope     scope-b (explicit, 1 occurrence)",
            "      scope     scope-c (explicit, 1 occurrence)",
            "      scope     scope-d (explicit, 1 occurrence)",
            "      scope     scope-e (explicit, 1 occurrence)",
            "      scope     scope-f (explicit, 1 occurrence)",
            "      scope     scope-g (explicit, 1 occurrence)",
            "      scope     scope-h (explicit, 1 occurrence)",
            "      scope     scope-i (explicit, 1 occurrence)");
  }

  @Test
  void findingTextCannotBreakTheLayoutOrReachTheTerminal() {
    Finding hostile =
        new Finding(
            "N_PLUS_ONE",
            "ERROR",
            "GET /a\u001b[2J\nb\u202e/{id}",
            "request",
            "select\n*\tfrom t",
            "0123456789abcdef",
            1,
            0.5,
            new Finding.CallSite("com.example." + "x".repeat(200), "m", "X.java", 1),
            List.of(),
            new Finding.ParentQuery("select id\rfrom p", "fedcba9876543210", 1),
            "  First line of the fix.\nSecond line.\r\nThird.",
            1,
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z");

    String[] lines = render(List.of(hostile)).split("\n");

    assertThat(lines).hasSize(8).allSatisfy(line -> assertThat(line).doesNotContain("\u001b"));
    assertThat(lines[3]).isEqualTo("      scope     GET /a [2J b /{id} (request, 1 occurrence)");
    assertThat(lines[4])
        .hasSize("      at        ".length() + ConsoleSummary.TEXT_WIDTH)
        .endsWith("x\u2026");
    assertThat(lines[5]).isEqualTo("      statement select * from t");
    assertThat(lines[6]).isEqualTo("      parent    select id from p (1 row)");
    assertThat(lines[7]).isEqualTo("      fix       First line of the fix.");
  }

  @Test
  void onlyTheFirstLineOfASuggestionIsShown() {
    Finding finding =
        new Finding(
            "REPEATED_QUERY",
            "WARNING",
            null,
            null,
            null,
            null,
            2,
            0.2,
            null,
            List.of(),
            null,
            "\n  Cache it.\nOr reuse the first result.",
            1,
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z");

    assertThat(render(List.of(finding)).split("\n"))
        .endsWith(
            "    WARNING REPEATED_QUERY: 2 executions, 0.200 ms", "      fix       Cache it.");
  }

  @Test
  void theThreeReportFilesAreListedAligned() {
    List<Path> files = List.of(Path.of("/srv/r/querylens-report.json"), Path.of("/srv/r/querylens-report.html"),
        Path.of("/srv/r/querylens-report.sarif"));

    String[] lines = ConsoleSummary.render(sample(), files, 0).split("\n");

    assertThat(List.of(lines).subList(lines.length - 3, lines.length)).containsExactly(
        "  Reports: /srv/r/querylens-report.json",
        "           /srv/r/querylens-report.html",
        "           /srv/r/querylens-report.sarif");
  }

  private static String render(List<Finding> findings) {
    return ConsoleSummary.render(
        SampleReports.of(summary(1, 1, 1.0, 0, findings.size()), List.of(), findings), List.of(), 0);
  }

  private static Finding repeatedIn(String scope, long count) {
    return new Finding(
        "REPEATED_QUERY",
        "WARNING",
        scope,
        "explicit",
        "select * from t where id = ?",
        "0123456789abcdef",
        count,
        1.0,
        null,
        List.of(),
        null,
        "Reuse the first result, or cache it.",
        1,
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00Z");
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
