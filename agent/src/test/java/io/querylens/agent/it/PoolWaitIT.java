package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.pool.SharedPoolOfOne;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.SourceMarkers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * POOL_WAIT end to end: a HikariCP pool of one connection shared by four threads, each holding it
 * {@value SharedPoolOfOne#HOLD_MILLIS} ms, so three wait about 300, 600 and 900 ms in {@code
 * getConnection()}. The report must hold one POOL_WAIT at the workers' line naming the pool.
 */
class PoolWaitIT {

  @Test
  void threadsWaitingForTheOnlyConnectionAreOnePoolWaitAtTheirLineNamingThePool() {
    ChildResult child = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "shared-pool-of-one"))
        .withAgent()
        .timeout(Duration.ofSeconds(60))
        .main(SharedPoolOfOne.class)
        .run();
    child.assertExitedNormally();
    QueryReport report = child.report();
    assertThat(report.summaryLong("agentErrors")).as("agentErrors\n%s", child.describe()).isZero();
    int checkout = markedLine("checkout");
    int warmUp = markedLine("warm-up");

    List<FindingEntry> findings = report.findings();
    assertThat(findings)
        .as("only pool waits, at the workers' line or (a cold first checkout) the warm-up line:\n%s",
            report.findingsListing())
        .allSatisfy(finding -> {
          assertThat(finding.type()).isEqualTo("POOL_WAIT");
          assertThat(finding.callSiteLine()).isIn(checkout, warmUp);
        });
    FindingEntry wait = findings.stream().filter(f -> f.callSiteLine() == checkout).findFirst()
        .orElseThrow(() -> new AssertionError("no POOL_WAIT at line " + checkout + ":\n" + report.findingsListing()));
    assertThat(wait.node().path("pool").asText()).isEqualTo(SharedPoolOfOne.POOL);
    // Three workers find the connection taken; the fourth takes the idle one at once, unless a busy
    // machine stalls it past the threshold too.
    assertThat(wait.count()).as("the workers that found the connection taken")
        .isBetween((long) SharedPoolOfOne.WORKERS - 1, (long) SharedPoolOfOne.WORKERS);
    assertThat(wait.millis("totalMs"))
        .as("about 300 + 600 + 900 ms of waiting")
        .isGreaterThan(0.8 * SharedPoolOfOne.HOLD_MILLIS * 6);
    assertThat(wait.callSiteText()).isEqualTo(SharedPoolOfOne.class.getName() + ".work(SharedPoolOfOne.java:" + checkout + ")");
    assertThat(wait.severity()).isEqualTo("WARNING");
    assertThat(wait.node().has("statement")).as("a pool wait has no statement").isFalse();
  }

  private static int markedLine(String marker) {
    return SourceMarkers.line(SharedPoolOfOne.class, marker);
  }
}
