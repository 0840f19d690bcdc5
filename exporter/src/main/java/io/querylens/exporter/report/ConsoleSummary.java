package io.querylens.exporter.report;

import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.report.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Renders the few lines QueryLens prints when the application exits: the totals, the statements
 * that took the most time, and where the full report is.
 *
 * <p>For example:
 *
 * <pre>
 * QueryLens: 1,204 statements, 38 fingerprints, 2.31 s in the database, 0 errors
 *   Top statements by total time
 *        total      calls      mean       p95  statement
 *       1.20 s        400    3.0 ms    7.1 ms  select o1_0.id, o1_0.customer_id from orders o1_0 where …
 *   Report: /srv/app/querylens-report/querylens-report.json
 * </pre>
 *
 * <p>Numbers are formatted the same way whatever the default locale. Statement text is cut to
 * {@value #STATEMENT_WIDTH} characters and stripped of control characters, so a statement can
 * neither break the alignment nor send escape sequences to the terminal. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ConsoleSummary {
  /** The longest statement text shown, in characters, the ellipsis included. */
  public static final int STATEMENT_WIDTH = 70;

  private static final String ROW_FORMAT = "  %10s %10s %9s %9s  %s";

  private ConsoleSummary() {}

  /**
   * Renders the summary.
   *
   * @param report the report to summarize
   * @param reportFile where the report was written, shown as an absolute path, or {@code null} to
   *     leave the line out (for instance when writing failed)
   * @param topN how many statements to list, by total time; 0 or less lists none
   * @return the text, lines separated by {@code \n}, without a trailing newline
   */
  public static String render(Report report, Path reportFile, int topN) {
    Summary summary = report.summary();
    StringBuilder out = new StringBuilder(256);
    out.append("QueryLens: ")
        .append(count(summary.statements(), "statement"))
        .append(", ")
        .append(count(summary.fingerprints(), "fingerprint"))
        .append(", ")
        .append(duration(summary.totalMs()))
        .append(" in the database, ")
        .append(count(summary.errors(), "error"));
    if (summary.findings() > 0) {
      out.append(", ").append(count(summary.findings(), "finding"));
    }

    List<QueryEntry> top = topByTotalTime(report.queries(), topN);
    if (!top.isEmpty()) {
      out.append("\n  Top statements by total time\n")
          .append(
              String.format(Locale.ROOT, ROW_FORMAT, "total", "calls", "mean", "p95", "statement"));
      for (QueryEntry query : top) {
        out.append('\n')
            .append(
                String.format(
                    Locale.ROOT,
                    ROW_FORMAT,
                    duration(query.totalMs()),
                    String.format(Locale.ROOT, "%,d", query.calls()),
                    duration(query.meanMs()),
                    duration(query.p95Ms()),
                    statement(query.statement())));
      }
    }
    if (reportFile != null) {
      out.append("\n  Report: ").append(reportFile.toAbsolutePath());
    }
    return out.toString();
  }

  private static List<QueryEntry> topByTotalTime(List<QueryEntry> queries, int topN) {
    if (topN <= 0 || queries.isEmpty()) {
      return List.of();
    }
    // Assembled reports are sorted already; one read back from a file may not be.
    List<QueryEntry> sorted = new ArrayList<>(queries);
    sorted.sort(Comparator.comparingDouble(QueryEntry::totalMs).reversed());
    return sorted.subList(0, Math.min(topN, sorted.size()));
  }

  /** "1 error", "2 errors", "1,204 statements". */
  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  /**
   * Formats milliseconds with a unit chosen for the magnitude, 3 significant digits or so, at most
   * 10 characters for anything under a few years.
   */
  static String duration(double ms) {
    if (ms < 1.0) {
      return String.format(Locale.ROOT, "%.3f ms", ms);
    } else if (ms < 999.95) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    } else if (ms < 59_995.0) {
      return String.format(Locale.ROOT, "%.2f s", ms / 1_000.0);
    } else if (ms < 5_997_000.0) {
      return String.format(Locale.ROOT, "%.1f min", ms / 60_000.0);
    }
    return String.format(Locale.ROOT, "%.1f h", ms / 3_600_000.0);
  }

  /** Flattens control characters to spaces and cuts to {@value #STATEMENT_WIDTH} code points. */
  static String statement(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), STATEMENT_WIDTH));
    int shown = 0;
    boolean lastWasSpace = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      boolean space = Character.isWhitespace(codePoint) || Character.isISOControl(codePoint);
      if (space && (lastWasSpace || shown == 0)) {
        continue; // collapse runs, drop leading ones
      }
      if (shown == STATEMENT_WIDTH - 1 && i < text.length()) {
        // One more would reach the width and text remains: end with the ellipsis instead.
        out.append('\u2026');
        return out.toString();
      }
      out.appendCodePoint(space ? ' ' : codePoint);
      shown++;
      lastWasSpace = space;
    }
    return out.toString().stripTrailing();
  }
}
