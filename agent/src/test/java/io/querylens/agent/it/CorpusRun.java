package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.corpus.CorpusMain;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.CorpusLabels;
import io.querylens.agent.it.support.CorpusScore;
import io.querylens.agent.it.support.ExpectedFinding;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the labelled corpus ({@code example.corpus}) in a child JVM under the agent, with the
 * labels of the scenarios it ran.
 *
 * @param scenarios the scenarios the child ran, in order (from its {@code scenario <name> …} lines)
 * @param expected the labels in the sources of those scenarios
 * @param result what the child left behind
 */
record CorpusRun(List<String> scenarios, List<ExpectedFinding> expected, ChildResult result) {

  /** The corpus's package: labels and call sites in it belong to a scenario. */
  static final String CORPUS_PACKAGE = CorpusMain.class.getPackageName();

  // Seven session factories, two web servers and the agent on a 2-core machine: far more than the
  // ~15 s it takes, far less than the default's "forever".
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern SCENARIO_LINE = Pattern.compile("^scenario (\\S+) (done|FAILED.*)$");
  private static final Pattern PARENT_ROWS = Pattern.compile("^observed corpus\\.(\\w+)\\.parentRows=(\\d+)$");

  /**
   * Runs {@code CorpusMain <arguments>} on {@code jdk} under the agent in {@code target/it-runs/<owner>/<run>},
   * and keeps the labels of the scenarios named in {@code only} (all when empty).
   */
  static CorpusRun start(Class<?> owner, String run, Jdk jdk, Set<String> only, String... arguments) {
    ChildResult result =
        ChildJvm.on(jdk, RunDirectory.create(owner, run))
            // The corpus labels N+1s, repeats and unbatched writes; findings that depend on timing
            // (slow statements, lock and pool waits on a busy machine) have their own ITs.
            .withAgent("slowQueryThreshold=60s,lockWaitThreshold=60s,poolWaitThreshold=60s")
            .timeout(TIMEOUT)
            .main(CorpusMain.class, arguments)
            .run();
    System.out.printf("%s %s on %s: child JVM exited %d after %d ms%n",
        owner.getSimpleName(), run, jdk, result.exitCode(), result.elapsed().toMillis());
    List<String> scenarios = new ArrayList<>();
    for (String line : result.stdoutLines()) {
      Matcher m = SCENARIO_LINE.matcher(line);
      if (m.matches()) {
        scenarios.add(m.group(1));
      }
    }
    List<ExpectedFinding> expected = new ArrayList<>();
    for (ExpectedFinding label : CorpusLabels.read(CorpusLabels.sourceDirectory())) {
      if (only.isEmpty() || only.contains(label.simpleClassName())) {
        expected.add(label);
      }
    }
    return new CorpusRun(List.copyOf(scenarios), List.copyOf(expected), result);
  }

  /** The report, after asserting the child exited normally. */
  QueryReport report() {
    result.assertExitedNormally();
    return result.report();
  }

  /** The findings scored against the labels; the table is printed and kept in the run's {@code score.txt}. */
  CorpusScore score() {
    QueryReport report = report();
    List<FindingEntry> findings = report.findings();
    CorpusScore score = CorpusScore.of(expected, findings, CORPUS_PACKAGE);
    String table = score.table(scenarios);
    System.out.println(table);
    try {
      Files.writeString(result.workDir().resolve("score.txt"), table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return score;
  }

  /**
   * Asserts, for every scenario that printed {@code observed corpus.<scenario>.parentRows=<n>}, that each of
   * its N+1 findings names a parent query that read {@code n} rows.
   */
  void assertParentRowsAsObserved() {
    QueryReport report = report();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String line : result.stdoutLines()) {
      Matcher m = PARENT_ROWS.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String scenario = CORPUS_PACKAGE + "." + m.group(1);
      long rows = Long.parseLong(m.group(2));
      List<FindingEntry> nPlusOnes = new ArrayList<>();
      for (FindingEntry f : report.findings()) {
        if (f.type().equals("N_PLUS_ONE") && f.callSiteTopLevelClass().equals(scenario)) {
          nPlusOnes.add(f);
        }
      }
      if (nPlusOnes.isEmpty()) {
        problems.add(m.group(1) + ": no N_PLUS_ONE finding to check (see the recall test)");
      }
      for (FindingEntry f : nPlusOnes) {
        checked++;
        if (f.parentRows() != rows) {
          problems.add(m.group(1) + ": parent.rows is " + f.parentRows() + " but the loop read " + rows + " rows of '"
              + f.parentStatement() + "' in " + f.describe());
        }
      }
    }
    assertThat(problems)
        .as("parent rows of %d N+1 findings\n%s", checked, report.findingsListing())
        .isEmpty();
  }

  /** Path of the run's directory, for messages. */
  Path workDir() {
    return result.workDir();
  }
}
