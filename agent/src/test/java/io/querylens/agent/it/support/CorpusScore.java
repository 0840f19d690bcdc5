package io.querylens.agent.it.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a report's findings compare with a corpus's labels: each finding is matched to at most one
 * unmatched expectation ({@link ExpectedFinding#matches}); precision is matched findings over all
 * findings, recall matched expectations over all expectations.
 */
public final class CorpusScore {

  private static final String ELSEWHERE = "(outside the corpus)";

  private final List<ExpectedFinding> expected;
  private final List<FindingEntry> findings;
  private final List<FindingEntry> falsePositives = new ArrayList<>();
  private final List<ExpectedFinding> falseNegatives;
  private final String corpusPackage;

  private CorpusScore(List<ExpectedFinding> expected, List<FindingEntry> findings, String corpusPackage) {
    this.expected = List.copyOf(expected);
    this.findings = List.copyOf(findings);
    this.corpusPackage = corpusPackage;
    List<ExpectedFinding> unmatched = new ArrayList<>(expected);
    for (FindingEntry finding : findings) {
      // Labels naming a scope are the more specific; try them first so a scope-less label at the same
      // line cannot take a finding that only the scoped one could have matched.
      ExpectedFinding match = null;
      for (ExpectedFinding candidate : unmatched) {
        if (candidate.matches(finding) && (match == null || match.scope() == null && candidate.scope() != null)) {
          match = candidate;
        }
      }
      if (match == null) {
        falsePositives.add(finding);
      } else {
        unmatched.remove(match);
      }
    }
    this.falseNegatives = unmatched;
  }

  /**
   * Scores {@code findings} against {@code expected}; {@code corpusPackage} (e.g. {@code example.corpus})
   * tells corpus classes from others in the table.
   */
  public static CorpusScore of(List<ExpectedFinding> expected, List<FindingEntry> findings, String corpusPackage) {
    return new CorpusScore(expected, findings, corpusPackage);
  }

  /** Findings that match a label. */
  public int matched() {
    return findings.size() - falsePositives.size();
  }

  /** Matched findings over all findings; 1 when there are none (nothing was reported wrongly). */
  public double precision() {
    return findings.isEmpty() ? 1.0 : (double) matched() / findings.size();
  }

  /** Matched expectations over all expectations; 1 when none are expected. */
  public double recall() {
    return expected.isEmpty() ? 1.0 : (double) (expected.size() - falseNegatives.size()) / expected.size();
  }

  /** Findings no label accounts for. */
  public List<FindingEntry> falsePositives() {
    return List.copyOf(falsePositives);
  }

  /** Labels no finding matched. */
  public List<ExpectedFinding> falseNegatives() {
    return List.copyOf(falseNegatives);
  }

  /** Whether precision and recall are both 100%. */
  public boolean isPerfect() {
    return falsePositives.isEmpty() && falseNegatives.isEmpty();
  }

  /** {@code precision 100.0% (12/12), recall 85.7% (12/14)}. */
  public String figures() {
    return String.format(
        Locale.ROOT,
        "precision %.1f%% (%d/%d), recall %.1f%% (%d/%d)",
        precision() * 100,
        matched(),
        findings.size(),
        recall() * 100,
        expected.size() - falseNegatives.size(),
        expected.size());
  }

  /**
   * A table with one row per scenario (the ones in {@code scenarios}, in that order, then any other
   * class a label or finding names), then the figures, then every false positive and false negative.
   */
  public String table(List<String> scenarios) {
    Map<String, int[]> rows = new LinkedHashMap<>(); // expected, reported, matched, false+, false-
    for (String scenario : scenarios) {
      rows.put(scenario, new int[5]);
    }
    for (ExpectedFinding e : expected) {
      rows.computeIfAbsent(e.simpleClassName(), k -> new int[5])[0]++;
    }
    for (FindingEntry f : findings) {
      rows.computeIfAbsent(rowOf(f), k -> new int[5])[1]++;
    }
    for (FindingEntry f : falsePositives) {
      rows.get(rowOf(f))[3]++;
    }
    for (ExpectedFinding e : falseNegatives) {
      rows.get(e.simpleClassName())[4]++;
    }
    for (int[] row : rows.values()) {
      row[2] = row[1] - row[3];
    }
    int width = Math.max(40, rows.keySet().stream().mapToInt(String::length).max().orElse(0) + 2);
    StringBuilder b = new StringBuilder();
    String header = "%-" + width + "s %8s %8s %8s %7s %7s%n";
    String line = "%-" + width + "s %8d %8d %8d %7d %7d%s%n";
    b.append(String.format(Locale.ROOT, header, "scenario", "expected", "reported", "matched", "false+", "false-"));
    for (Map.Entry<String, int[]> row : rows.entrySet()) {
      int[] n = row.getValue();
      String flag = n[3] == 0 && n[4] == 0 ? "" : "   <--";
      b.append(String.format(Locale.ROOT, line, row.getKey(), n[0], n[1], n[2], n[3], n[4], flag));
    }
    b.append(figures()).append('\n');
    b.append(mistakes());
    return b.toString();
  }

  /** Every false positive and false negative, one per line, or a note that there are none. */
  public String mistakes() {
    StringBuilder b = new StringBuilder();
    if (!falsePositives.isEmpty()) {
      b.append("false positives (reported, no label at that line):\n");
      for (FindingEntry f : falsePositives) {
        b.append("  ").append(f.describe()).append('\n');
      }
    }
    if (!falseNegatives.isEmpty()) {
      b.append("false negatives (labelled, not reported):\n");
      for (ExpectedFinding e : falseNegatives) {
        b.append("  ").append(e.describe()).append('\n');
      }
    }
    if (b.length() == 0) {
      b.append("no false positive, no false negative\n");
    }
    return b.toString();
  }

  private String rowOf(FindingEntry finding) {
    String topLevel = finding.callSiteTopLevelClass();
    if (!topLevel.startsWith(corpusPackage + ".")) {
      return ELSEWHERE;
    }
    return topLevel.substring(corpusPackage.length() + 1);
  }
}
