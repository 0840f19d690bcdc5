package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.corpus.CorpusMain;
import io.querylens.agent.it.support.CorpusScore;
import io.querylens.agent.it.support.Jdk;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An N+1 scenario of the corpus run on a virtual thread on JDK 25 must give the same finding as on a
 * platform thread. Skipped without JDK 25 ({@code QUERYLENS_TEST_JDK25}), except under {@code CI=true}.
 */
class VirtualThreadCorpusIT {

  private static final String SCENARIO = "PlainJdbcLookupPerRow";

  @Test
  void findsTheNPlusOneOfAWorkloadOnAVirtualThread() {
    Jdk.JDK_25.requireInstalled();
    CorpusRun run =
        CorpusRun.start(
            getClass(), "virtual-thread", Jdk.JDK_25, Set.of(SCENARIO), CorpusMain.VIRTUAL_THREADS, SCENARIO);
    assertThat(run.result().assertExitedNormally().observed("corpus." + SCENARIO + ".virtualThread"))
        .as("the workload ran on a virtual thread\n%s", run.result().describe())
        .isEqualTo("true");
    assertThat(run.expected()).as("labels of %s", SCENARIO).isNotEmpty();

    CorpusScore score = run.score();
    assertThat(score.isPerfect())
        .as("%s on a virtual thread: %s\n%s", SCENARIO, score.figures(), score.mistakes())
        .isTrue();
    run.assertParentRowsAsObserved();
  }
}
