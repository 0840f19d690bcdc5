package io.querylens.exporter.report;

import io.querylens.analyzer.report.Finding;
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
 * that took the most time, the most important findings, and where the full report is.
 *
 * <p>For example:
 *
 * <pre>
 * QueryLens: 1,204 statements, 38 fingerprints, 2.31 s in the database, 0 errors, 2 findings
 *   Top statements by total time
 *        total      calls      mean       p95  statement
 *       1.20 s        400    3.0 ms    7.1 ms  select o1_0.id, o1_0.customer_id from orders o1_0 where …
 *   Findings
 *     ERROR N_PLUS_ONE: 120 executions, 48.3 ms
 *       scope     GET /owners/{ownerId} (request, 40 occurrences)
 *       at        com.example.OwnerController.show(OwnerController.java:31)
 *       statement select p1_0.id, p1_0.name from pets p1_0 where p1_0.owner_id = ?
 *       parent    select o1_0.id, o1_0.name from owners o1_0 where o1_0.id = ? (3 rows)
 *       fix       Load the pets with their owner in one query: JOIN FETCH or @EntityGraph.
 *     WARNING UNBATCHED_WRITES: 400 executions, 610.2 ms
 *       scope     nightly-import (explicit, 1 occurrence)
 *       at        com.example.Importer.run(Importer.java:57)
 *       statement insert into audit (who, what) values (?+)
 *       fix       Send the rows in batches: addBatch and executeBatch (JdbcTemplate.batchUpdate).
 *   Report: /srv/app/querylens-report/querylens-report.json
 * </pre>
 *
 * <p>Findings are listed ERROR first, then WARNING, then INFO, each by executions, most first; at
 * most {@value #MAX_FINDINGS}. A line is left out when the finding has no value for it (no scope,
 * no call site, no parent query). Only the first line of a suggestion is shown.
 *
 * <p>Numbers are formatted the same way whatever the default locale. Statement text is cut to
 * {@value #STATEMENT_WIDTH} characters, other text to {@value #TEXT_WIDTH}, and all of it is
 * stripped of control characters, so neither a statement nor a request path can break the layout or
 * send escape sequences to the terminal. Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class ConsoleSummary {
  /** The longest statement text shown, in characters, the ellipsis included. */
  public static final int STATEMENT_WIDTH = 70;

  /**
   * The longest scope name, call site or suggestion shown, in characters, the ellipsis included.
   */
  public static final int TEXT_WIDTH = 120;

  /** The most findings listed; the report has them all. */
  public static final int MAX_FINDINGS = 10;

  private static final String ROW_FORMAT = "  %10s %10s %9s %9s  %s";
  private static final String DETAIL_FORMAT = "      %-9s %s";

  // Severity first, then the biggest; the rest only makes the order total, so that the same
  // report always prints the same lines.
  private static final Comparator<Finding> FINDING_ORDER =
      Comparator.comparingInt((Finding f) -> severityRank(f.severity()))
          .thenComparing(Comparator.comparingLong(Finding::count).reversed())
          .thenComparing(Comparator.comparingDouble(Finding::totalMs).reversed())
          .thenComparing(Finding::type)
          .thenComparing(Finding::scope, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Finding::fingerprint, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(
              (Finding f) -> f.callSite() == null ? null : f.callSite().toString(),
              Comparator.nullsFirst(Comparator.naturalOrder()));

  private ConsoleSummary() {}

  /**
   * Renders the summary.
   *
   * @param report the report to summarize
   * @param reportFiles the report files written, shown as absolute paths; none leaves the line out
   *     (for instance when writing failed)
   * @param topN how many statements to list, by total time; 0 or less lists none. Findings are
   *     listed whatever its value.
   * @return the text, lines separated by {@code \n}, without a trailing newline
   */
  public static String render(Report report, List<Path> reportFiles, int topN) {
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
    appendFindings(out, report.findings());
    for (int i = 0; i < reportFiles.size(); i++) {
      String label = i > 0 ? "         " : reportFiles.size() == 1 ? "Report: " : "Reports: ";
      out.append("\n  ").append(label).append(reportFiles.get(i).toAbsolutePath());
    }
    return out.toString();
  }

  private static void appendFindings(StringBuilder out, List<Finding> findings) {
    if (findings.isEmpty()) {
      return;
    }
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(FINDING_ORDER);
    List<Finding> shown = sorted.subList(0, Math.min(MAX_FINDINGS, sorted.size()));
    out.append("\n  Findings");
    if (shown.size() < sorted.size()) {
      out.append(String.format(Locale.ROOT, " (%d of %,d shown)", shown.size(), sorted.size()));
    }
    for (Finding finding : shown) {
      out.append("\n    ")
          .append(text(finding.severity(), TEXT_WIDTH))
          .append(' ')
          .append(text(finding.type(), TEXT_WIDTH))
          .append(": ")
          .append(count(finding.count(), "POOL_WAIT".equals(finding.type()) ? "wait" : "execution"))
          .append(", ")
          .append(duration(finding.totalMs()));
      if (finding.pool() != null) {
        detail(out, "pool", text(finding.pool(), TEXT_WIDTH));
      }
      if (Boolean.TRUE.equals(finding.running())) {
        detail(out, "running", "still running"
            + (finding.thread() == null ? "" : " on thread " + text(finding.thread(), TEXT_WIDTH)));
      } else if (finding.durationMs() != null) {
        detail(out, "slowest", duration(finding.durationMs())
            + (finding.p50Ms() == null ? "" : ", median of all its runs " + duration(finding.p50Ms())));
      }
      if (finding.scope() != null) {
        String kind =
            finding.scopeKind() == null ? "" : text(finding.scopeKind(), TEXT_WIDTH) + ", ";
        detail(
            out,
            "scope",
            text(finding.scope(), TEXT_WIDTH)
                + " ("
                + kind
                + count(finding.occurrences(), "occurrence")
                + ")");
      }
      if (finding.callSite() != null) {
        detail(out, "at", text(finding.callSite().toString(), TEXT_WIDTH));
      }
      if (finding.statement() != null) {
        detail(out, "statement", statement(finding.statement()));
      }
      Finding.Blocker blocker = finding.blocker();
      if (blocker != null) {
        String who = blocker.thread() != null ? "thread " + text(blocker.thread(), TEXT_WIDTH)
            : "session " + text(String.valueOf(blocker.sessionId()), TEXT_WIDTH) + " outside this JVM";
        String where = blocker.callSite() == null ? "" : " at " + text(blocker.callSite().toString(), TEXT_WIDTH);
        detail(out, "blocker", who + where + (blocker.idleInTransaction() ? ", idle in transaction" : ""));
      }
      if (finding.participants() != null) {
        for (Finding.Blocker participant : finding.participants()) {
          String who = participant.thread() != null ? "thread " + text(participant.thread(), TEXT_WIDTH)
              : "session " + text(String.valueOf(participant.sessionId()), TEXT_WIDTH) + " outside this JVM";
          detail(out, "in it", who
              + (participant.callSite() == null ? "" : " at " + text(participant.callSite().toString(), TEXT_WIDTH)));
        }
      }
      if (finding.lockedRelation() != null) {
        detail(out, "waited on", text(finding.lockedRelation(), TEXT_WIDTH)
            + (finding.lockMode() == null ? "" : " (" + text(finding.lockMode(), TEXT_WIDTH) + ")"));
      }
      Finding.ParentQuery parent = finding.parent();
      if (parent != null) {
        detail(
            out,
            "parent",
            statement(parent.statement()) + " (" + count(parent.rows(), "row") + ")");
      }
      String fix = text(firstLine(finding.suggestion()), TEXT_WIDTH);
      if (!fix.isEmpty()) {
        detail(out, "fix", fix);
      }
    }
  }

  private static void detail(StringBuilder out, String label, String value) {
    out.append('\n').append(String.format(Locale.ROOT, DETAIL_FORMAT, label, value));
  }

  /** ERROR before WARNING before INFO before anything a later version may add. */
  private static int severityRank(String severity) {
    return switch (severity) {
      case "ERROR" -> 0;
      case "WARNING" -> 1;
      case "INFO" -> 2;
      default -> 3;
    };
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c == '\n' || c == '\r') {
        return trimmed.substring(0, i);
      }
    }
    return trimmed;
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
    return text(text, STATEMENT_WIDTH);
  }

  /**
   * Makes text safe to print on one line: whitespace, control and format characters (escape
   * sequences, bidirectional overrides) become single spaces, leading and trailing ones are dropped,
   * and text longer than {@code width} code points is cut to {@code width - 1} and an ellipsis.
   */
  static String text(String text, int width) {
    StringBuilder flat = new StringBuilder(Math.min(text.length(), width + 1));
    int codePoints = 0;
    boolean pendingSpace = false;
    // One code point beyond the width is enough to know the text must be cut.
    for (int i = 0; i < text.length() && codePoints <= width; ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (Character.isWhitespace(codePoint)
          || Character.isISOControl(codePoint)
          || Character.getType(codePoint) == Character.FORMAT) {
        pendingSpace = codePoints > 0;
        continue;
      }
      if (pendingSpace) {
        flat.append(' ');
        codePoints++;
        pendingSpace = false;
      }
      flat.appendCodePoint(codePoint);
      codePoints++;
    }
    if (codePoints <= width) {
      return flat.toString();
    }
    return flat.substring(0, flat.offsetByCodePoints(0, width - 1)) + '\u2026';
  }
}
