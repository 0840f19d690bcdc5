package io.querylens.exporter.report;

import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What changed between a base report (say, main's test run) and a head report (the pull request's):
 * findings that are new, resolved or persisting, and statements that now run more often per unit of
 * work. The verdict is FAIL when a new finding of a failing type appears, or a statement's calls per
 * unit of work grew (when {@value #CALLS_PER_SCOPE} is among the failing types).
 *
 * <p>Findings are matched on type, scope, statement, the call site's class and method, and pool: not
 * on the line, so that code moving within a method does not read as one finding resolved and another
 * new.
 */
public final class ReportDiff {
  /** The pseudo-type, for {@code --fail-on}, of a statement whose calls per unit of work grew. */
  public static final String CALLS_PER_SCOPE = "CALLS_PER_SCOPE";

  private final List<Finding> added = new ArrayList<>();
  private final List<Finding> resolved = new ArrayList<>();
  private final List<Finding> persisting = new ArrayList<>();
  private final List<Growth> grown = new ArrayList<>();
  private final Set<String> failOn;

  private ReportDiff(Set<String> failOn) {
    this.failOn = failOn;
  }

  /** A statement that runs more often per unit of work in head than in base. */
  public record Growth(QueryEntry base, QueryEntry head) {
    /** Calls per unit of work in base. */
    public double before() {
      return base.callsPerScope();
    }

    /** Calls per unit of work in head. */
    public double after() {
      return head.callsPerScope();
    }
  }

  /**
   * Compares {@code head} with {@code base}; {@code failOn} holds the finding types (and {@value
   * #CALLS_PER_SCOPE}) that make the verdict FAIL.
   */
  public static ReportDiff of(Report base, Report head, Set<String> failOn) {
    ReportDiff diff = new ReportDiff(Set.copyOf(failOn));
    Map<String, Finding> before = index(base.findings());
    Map<String, Finding> after = index(head.findings());
    after.forEach((key, finding) -> (before.containsKey(key) ? diff.persisting : diff.added).add(finding));
    before.forEach((key, finding) -> {
      if (!after.containsKey(key)) {
        diff.resolved.add(finding);
      }
    });
    Map<String, QueryEntry> baseQueries = new LinkedHashMap<>();
    base.queries().forEach(q -> baseQueries.put(q.fingerprint(), q));
    for (QueryEntry q : head.queries()) {
      QueryEntry was = baseQueries.get(q.fingerprint());
      // A tolerance of a millionth: calls per scope is a ratio of counts, equal runs give equal ratios.
      if (was != null && was.scopes() > 0 && q.scopes() > 0 && q.callsPerScope() > was.callsPerScope() * (1 + 1e-6)) {
        diff.grown.add(new Growth(was, q));
      }
    }
    diff.grown.sort(Comparator.comparingDouble((Growth g) -> g.after() - g.before()).reversed());
    return diff;
  }

  private static Map<String, Finding> index(List<Finding> findings) {
    Map<String, Finding> byKey = new LinkedHashMap<>();
    for (Finding f : findings) {
      byKey.merge(key(f), f, (a, b) -> Finding.merged(List.of(a, b)));
    }
    return byKey;
  }

  static String key(Finding f) {
    String site = f.callSite() == null ? null : f.callSite().className() + "." + f.callSite().methodName();
    return f.type() + "|" + f.scope() + "|" + f.fingerprint() + "|" + site + "|" + f.pool();
  }

  /** Findings in head and not in base. */
  public List<Finding> added() {
    return List.copyOf(added);
  }

  /** Findings in base and no longer in head. */
  public List<Finding> resolved() {
    return List.copyOf(resolved);
  }

  /** Findings in both, as head has them. */
  public List<Finding> persisting() {
    return List.copyOf(persisting);
  }

  /** Statements whose calls per unit of work grew, the largest growth first. */
  public List<Growth> grown() {
    return List.copyOf(grown);
  }

  /** True when something the failing types cover got worse. */
  public boolean failed() {
    return added.stream().anyMatch(f -> failOn.contains(f.type())) || !grown.isEmpty() && failOn.contains(CALLS_PER_SCOPE);
  }

  /** The diff for a terminal or a CI log, ending in {@code PASS} or {@code FAIL} and why. */
  public String render() {
    StringBuilder out = new StringBuilder();
    section(out, "New findings", added, true);
    section(out, "Resolved findings", resolved, false);
    section(out, "Persisting findings", persisting, false);
    out.append("Statements run more often per unit of work (").append(grown.size()).append(")\n");
    for (Growth g : grown) {
      out.append(String.format(Locale.ROOT, "  %8.2f -> %-8.2f %s%n", g.before(), g.after(),
          ConsoleSummary.statement(g.head().statement())));
    }
    out.append('\n');
    if (failed()) {
      List<String> reasons = new ArrayList<>();
      long failing = added.stream().filter(f -> failOn.contains(f.type())).count();
      if (failing > 0) {
        reasons.add(failing + " new finding" + (failing == 1 ? "" : "s"));
      }
      if (failOn.contains(CALLS_PER_SCOPE) && !grown.isEmpty()) {
        reasons.add(grown.size() + " statement" + (grown.size() == 1 ? "" : "s") + " run more often per unit of work");
      }
      out.append("FAIL: ").append(String.join(", ", reasons)).append('\n');
    } else {
      out.append("PASS: nothing new among ").append(String.join(", ", new java.util.TreeSet<>(failOn))).append('\n');
    }
    return out.toString();
  }

  private void section(StringBuilder out, String title, List<Finding> findings, boolean marked) {
    out.append(title).append(" (").append(findings.size()).append(")\n");
    for (Finding f : findings) {
      String mark = marked && failOn.contains(f.type()) ? "! " : "  ";
      out.append("  ").append(mark).append(String.format(Locale.ROOT, "%-22s", f.type()))
          .append(f.callSite() == null ? "(no call site)" : ConsoleSummary.text(f.callSite().toString(),
              ConsoleSummary.TEXT_WIDTH));
      if (f.scope() != null) {
        out.append("  in ").append(ConsoleSummary.text(f.scope(), ConsoleSummary.TEXT_WIDTH));
      }
      out.append('\n');
      String what = f.statement() != null ? f.statement() : f.pool() != null ? "pool " + f.pool() : null;
      if (what != null) {
        out.append("      ").append(ConsoleSummary.statement(what)).append('\n');
      }
    }
    out.append('\n');
  }
}
