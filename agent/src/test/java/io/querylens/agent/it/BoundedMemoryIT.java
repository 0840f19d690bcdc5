package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.memory.ManyStatements;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryEntry;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The agent's memory stays bounded whatever SQL the application sends (issue 10, part 4): {@link
 * ManyStatements} runs in a child JVM with a 96 MB heap under the agent, once with a million lookups that
 * each inline a new literal, once with a hundred thousand statements of distinct shapes.
 *
 * <p>The first must make one fingerprint, counted a million times: literals never become statement
 * identity. The second must finish without an {@link OutOfMemoryError}, keep at most {@code maxFingerprints}
 * (5000 by default, see docs/configuration.md) entries plus the overflow entry, and still count every
 * execution; the agent says once, on stderr, that the cap was reached.
 */
class BoundedMemoryIT {

  private static final int LITERAL_LOOKUPS = 1_000_000;
  private static final int SHAPES = 100_000;
  private static final int DEFAULT_MAX_FINGERPRINTS = 5000;
  private static final String HEAP = "-Xmx96m";
  // A million statements take about 30 s on a loaded CI machine; the default 120 s is for small children.
  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @Test
  void aMillionLookupsWithDistinctLiteralsAreOneFingerprint() {
    ChildResult child = run("literals", LITERAL_LOOKUPS);
    QueryReport report = child.cleanReport();

    QueryEntry lookup = report.query("select name from customer where id = ?");
    List<QueryEntry> entries = report.queries();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(lookup.calls()).as("calls of %s\n%s", lookup.statement(), report.statementsListing())
        .isEqualTo(LITERAL_LOOKUPS);
    softly.assertThat(lookup.rows()).as("rows of %s", lookup.statement())
        .isEqualTo(child.observedLong("rowsRead"));
    softly.assertThat(entries).as("fingerprints: the lookup, the insert and the create table\n%s",
        report.statementsListing()).hasSize(3);
    softly.assertThat(report.summaryLong("statements")).as("summary.statements")
        .isEqualTo(LITERAL_LOOKUPS + ManyStatements.SETUP_STATEMENTS);
    softly.assertThat(report.summaryLong("overflowedFingerprints")).as("summary.overflowedFingerprints").isZero();
    softly.assertThat(child.stdout() + child.stderr()).as("the child's output").doesNotContain("OutOfMemoryError")
        .doesNotContain("maxFingerprints");
    softly.assertAll();
  }

  @Test
  void aHundredThousandShapesStayWithinTheFingerprintCapAndAreAllCounted() {
    ChildResult child = run("shapes", SHAPES);
    QueryReport report = child.cleanReport();

    List<QueryEntry> entries = report.queries();
    long shapeCalls = 0;
    long overflowCalls = 0;
    int overflowEntries = 0;
    for (QueryEntry entry : entries) {
      if (entry.fingerprint().equals("overflow")) {
        overflowEntries++;
        overflowCalls += entry.calls();
      } else if (QueryReport.squeeze(entry.statement()).startsWith("selectnameasc")) {
        shapeCalls += entry.calls();
      }
    }
    // The setup came first, so its two fingerprints took slots before the cap and all that overflowed
    // is lookups.
    long ownEntries = DEFAULT_MAX_FINGERPRINTS - 2;
    List<String> capLines = child.stderrLines().stream().filter(line -> line.contains("maxFingerprints")).toList();

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.stdout() + child.stderr()).as("the child's output").doesNotContain("OutOfMemoryError");
    softly.assertThat(entries).as("entries in queries: at most maxFingerprints plus the overflow entry")
        .hasSizeLessThanOrEqualTo(DEFAULT_MAX_FINGERPRINTS + 1);
    softly.assertThat(overflowEntries).as("overflow entries").isEqualTo(1);
    softly.assertThat(entries.size() - overflowEntries).as("entries of their own").isEqualTo(DEFAULT_MAX_FINGERPRINTS);
    softly.assertThat(report.summaryLong("fingerprints")).as("summary.fingerprints").isEqualTo(DEFAULT_MAX_FINGERPRINTS);
    softly.assertThat(shapeCalls + overflowCalls).as("lookups counted, %d in their own entries and %d in overflow",
        shapeCalls, overflowCalls).isEqualTo(SHAPES);
    softly.assertThat(shapeCalls).as("lookups in entries of their own").isEqualTo(ownEntries);
    softly.assertThat(report.summaryLong("statements")).as("summary.statements")
        .isEqualTo(SHAPES + ManyStatements.SETUP_STATEMENTS);
    // Linear counting is within about 1% at this size (StatisticsRegistry#overflowedFingerprints).
    softly.assertThat(report.summaryLong("overflowedFingerprints")).as("summary.overflowedFingerprints")
        .isBetween((long) ((SHAPES - ownEntries) * 0.97), (long) ((SHAPES - ownEntries) * 1.03));
    softly.assertThat(capLines).as("what the agent said about the cap on stderr\n%s", child.describe())
        .containsExactly("querylens: more than 5000 distinct statements (maxFingerprints=5000): new ones are"
            + " counted together as <other statements> from now on; raise querylens.maxFingerprints to keep them"
            + " apart");
    softly.assertAll();
  }

  private ChildResult run(String mode, int count) {
    Path workDir = RunDirectory.create(getClass(), mode);
    return ChildJvm.on(Jdk.CURRENT, workDir)
        .withAgent("slowQueryThreshold=30s")
        .jvmOption(HEAP)
        .jvmOption("-XX:+HeapDumpOnOutOfMemoryError") // kept in the run directory for the post-mortem
        .jvmOption("-XX:HeapDumpPath=" + workDir)
        .main(ManyStatements.class, mode, Integer.toString(count))
        .timeout(TIMEOUT)
        .run();
  }
}
