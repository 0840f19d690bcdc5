package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.corpus.CorpusMain;
import example.corpus.CorpusValues;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.CorpusLabels;
import io.querylens.agent.it.support.CorpusScore;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The labelled N+1 corpus under the agent: every scenario in {@code example.corpus} runs in one child JVM,
 * and the report's N+1, repeated-query and unbatched-write findings must be exactly the ones the sources'
 * {@code // expect:} labels name: 100% precision and 100% recall.
 *
 * <p>The child runs once per class (on first use); the scenarios' table and the figures are printed and kept
 * in {@code target/it-runs/NPlusOneCorpusIT/corpus/score.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NPlusOneCorpusIT {

  // the corpus has at least this many scenarios; a lost file must not shrink it unnoticed
  private static final int MIN_SCENARIOS = 31;

  // started on first use; the test methods run on one thread
  private CorpusRun run;

  @Test
  void everyScenarioIsRegisteredAndEveryLabelParses() {
    List<String> declared = CorpusLabels.scenarioClasses(CorpusLabels.sourceDirectory());
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(declared)
        .as("scenario classes in %s", CorpusLabels.sourceDirectory())
        .hasSizeGreaterThanOrEqualTo(MIN_SCENARIOS);
    softly.assertThat(CorpusMain.scenarioNames())
        .as("CorpusMain.all() (each class implementing Scenario must be listed there)")
        .containsExactlyInAnyOrderElementsOf(declared);
    softly.assertThat(CorpusLabels.read(CorpusLabels.sourceDirectory())).as("labels in the corpus").isNotEmpty();
    softly.assertAll();
  }

  @Test
  void everyScenarioRunsToTheEndUnderTheAgent() {
    ChildResult child = corpus().result();
    child.assertExitedNormally();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.stdoutLines()).as("the corpus ran to the end\n%s", child.describe())
        .anyMatch(line -> line.startsWith("corpus done: ") && line.endsWith(" 0 failed"));
    softly.assertThat(corpus().scenarios())
        .as("scenarios the child ran, in order")
        .isEqualTo(CorpusMain.scenarioNames());
    for (String scenario : CorpusMain.scenarioNames()) {
      softly.assertThat(child.stdoutLines()).as("scenario %s ran to the end\n%s", scenario, child.describe())
          .contains("scenario " + scenario + " done");
    }
    softly.assertThat(child.stderr())
        .as("no stack trace in the child's stderr\n%s", child.describe())
        .doesNotContain("\tat ");
    QueryReport report = child.report();
    softly.assertThat(report.root().path("findings").isArray()).as("findings is an array").isTrue();
    softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors").isZero();
    softly.assertAll();
  }

  @Test
  void reportsEveryLabelledFindingAndNothingElse() {
    CorpusScore score = corpus().score();
    assertThat(score.isPerfect())
        .as("N+1 corpus: %s (the table above; %s/score.txt)\n%s", score.figures(), corpus().workDir(), score.mistakes())
        .isTrue();
  }

  @Test
  void everyNPlusOneNamesTheQueryThatFedTheLoop() {
    QueryReport report = corpus().report();
    List<String> orphans = new ArrayList<>();
    for (FindingEntry finding : report.findings()) {
      if (finding.type().equals("N_PLUS_ONE") && !finding.hasParent()) {
        orphans.add(finding.describe());
      }
    }
    assertThat(orphans).as("N+1 findings without a parent query\n%s", report.findingsListing()).isEmpty();
    corpus().assertParentRowsAsObserved();
  }

  @Test
  void noFindingCarriesAValueTheScenariosStoredOrBound() throws Exception {
    QueryReport report = corpus().report();
    String marker = CorpusValues.MARKER.toLowerCase(Locale.ROOT);
    List<String> leaks = new ArrayList<>();
    for (FindingEntry finding : report.findings()) {
      if (finding.node().toString().toLowerCase(Locale.ROOT).contains(marker)) {
        leaks.add(finding.toString());
      }
    }
    assertThat(leaks)
        .as("findings holding a literal or bind value (every one the corpus uses contains '%s')", marker)
        .isEmpty();
    String wholeReport = Files.readString(corpus().result().reportDir().resolve(ChildResult.REPORT_FILE));
    assertThat(wholeReport.toLowerCase(Locale.ROOT))
        .as("the report holds no literal or bind value from the corpus (privacy by default)")
        .doesNotContain(marker);
  }

  private CorpusRun corpus() {
    if (run == null) {
      run = CorpusRun.start(getClass(), "corpus", Jdk.CURRENT, Set.of());
    }
    return run;
  }
}
