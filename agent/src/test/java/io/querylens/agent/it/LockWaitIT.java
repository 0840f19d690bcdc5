package io.querylens.agent.it;

import static io.querylens.agent.it.support.QueryReport.squeeze;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import example.lockwait.RowHeldIdleInTransaction;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.Requirements;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunToken;
import io.querylens.agent.it.support.SourceMarkers;
import io.querylens.agent.it.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LOCK_WAIT end to end: {@link RowHeldIdleInTransaction} runs in a child JVM under the agent with {@code
 * lockWaitThreshold=200ms}, on the machine's PostgreSQL and MariaDB and on H2 in memory. Thread {@code
 * blocker} updates a row and keeps its transaction open and idle for 1.5 s; thread {@code waiter} updates the
 * same row and waits for the commit. The report must hold one finding, a LOCK_WAIT at the waiter's line, and
 * it must name the blocker: its thread, where that thread sits ({@code holdTheRow}), what its transaction ran,
 * its session, that it is idle in its transaction, and on PostgreSQL the locked table and the lock mode. On
 * PostgreSQL the workload also counts the agent's side connections ({@code application_name =
 * 'querylens-lock-probe'}) among its own process's connections: none before the wait, one during it. Counts
 * over the whole server would not do: other builds share it, and their agents probe too.
 *
 * <p>{@code slowQueryThreshold} is 30 s, so the 1.5 s wait is a LOCK_WAIT and nothing else. Call sites are
 * pinned by {@code // marker: <name>} comments in the workload's source; each run's table is {@code
 * lw_account_<token>}. One child JVM per database serves all its tests; PostgreSQL and MariaDB tests are
 * skipped when the database is unreachable (they fail instead under {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockWaitIT {

  /** H2 in memory, with a lock timeout far longer than the blocker's hold (H2's default is 1 s). */
  static final String H2_URL = "jdbc:h2:mem:lockwait;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

  private static final Duration LOCK_WAIT_THRESHOLD = Duration.ofMillis(200);
  private static final Duration SLOW_QUERY_THRESHOLD = Duration.ofSeconds(30);
  private static final String OPTIONS = "lockWaitThreshold=" + LOCK_WAIT_THRESHOLD.toMillis() + "ms"
      + ",slowQueryThreshold=" + SLOW_QUERY_THRESHOLD.toSeconds() + "s";
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  // https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES, as pg_locks.mode spells them
  private static final Set<String> POSTGRESQL_LOCK_MODES = Set.of("AccessShareLock", "RowShareLock",
      "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock",
      "AccessExclusiveLock");

  // started on first use; the test methods run on one thread
  private final Map<TestDatabase, Run> runs = new EnumMap<>(TestDatabase.class);

  @AfterAll
  void dropTheTablesAChildLeftBehind() {
    runs.forEach((database, run) -> database.dropTablesIfExist(List.of(run.table())));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void theWaitersUpdateIsOneLockWaitAtItsLine(TestDatabase database) {
    Run run = run(database);
    ChildResult child = run.child();
    QueryReport report = child.cleanReport();
    FindingEntry wait = report.onlyFinding("LOCK_WAIT");
    double waited = waitedMs(child);
    int line = markedLine("waiter-update");

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(wait.severity()).as("severity of %s", wait).isEqualTo("WARNING");
    softly.assertThat(squeeze(wait.statement()))
        .as("statement of %s: the waiter's update, normalized", wait)
        .isEqualTo(squeeze(report.query(run.update('+')).statement()));
    softly.assertThat(squeeze(wait.statement()).replace(run.table(), ""))
        .as("statement of %s without its table's name: literal-free", wait)
        .doesNotContainPattern("\\d");
    softly.assertThat(wait.callSiteText())
        .as("call site of %s: the waiter's line", wait)
        .isEqualTo(siteText("credit", line));
    softly.assertThat(wait.stack()).as("stack of %s", wait).first().isEqualTo(wait.callSiteText());
    softly.assertThat(wait.count()).as("count (waits seen) of %s", wait).isEqualTo(1);
    softly.assertThat(wait.millis("durationMs"))
        .as("durationMs of %s: the longest wait observed, at least the %s threshold and at most the %s ms the"
            + " application timed around the update", wait, LOCK_WAIT_THRESHOLD, waited)
        .isBetween((double) LOCK_WAIT_THRESHOLD.toMillis(), waited + 1);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void theLockWaitNamesTheBlockingThreadWhereItSitsAndWhatItsTransactionRan(TestDatabase database) {
    Run run = run(database);
    ChildResult child = run.child();
    QueryReport report = child.cleanReport();
    Blocker blocker = Blocker.of(report.onlyFinding("LOCK_WAIT"));
    String blockerUpdate = squeeze(report.query(run.update('-')).statement());

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(blocker.thread()).as("blocker.thread of %s", blocker)
        .isEqualTo(RowHeldIdleInTransaction.BLOCKER);
    softly.assertThat(blocker.callSiteText())
        .as("blocker.callSite of %s: where the blocker's thread sits while it holds the row", blocker)
        .isEqualTo(siteText("holdTheRow", markedLine("blocker-hold")));
    softly.assertThat(blocker.stack()).as("blocker.stack of %s", blocker).contains(blocker.callSiteText());
    softly.assertThat(blocker.statements())
        .as("blocker.statements of %s: its transaction ran the update alone (its session query came before,"
            + " in autocommit mode)", blocker)
        .containsExactly(blockerUpdate);
    softly.assertThat(blocker.sessionId())
        .as("blocker.sessionId of %s: the session the blocker's database gave it", blocker)
        .isEqualTo(child.observed("blockerSession"));
    softly.assertThat(blocker.node().has("query"))
        .as("blocker.query present in %s: it must be absent, the blocker being in this JVM", blocker)
        .isFalse();
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
  void theBlockerIsIdleInItsTransaction(TestDatabase database) {
    Blocker blocker = Blocker.of(run(database).child().cleanReport().onlyFinding("LOCK_WAIT"));
    // PostgreSQL: pg_stat_activity.state 'idle in transaction'; MariaDB: command 'Sleep' with a transaction open
    assertThat(blocker.node().path("idleInTransaction").isBoolean())
        .as("blocker.idleInTransaction is a boolean in %s", blocker)
        .isTrue();
    assertThat(blocker.node().path("idleInTransaction").asBoolean())
        .as("blocker.idleInTransaction of %s: it sleeps in holdTheRow with its update done", blocker)
        .isTrue();
  }

  @Test
  void onPostgreSqlTheLockWaitNamesTheLockedTableAndTheLockMode() {
    Run run = run(TestDatabase.POSTGRESQL);
    FindingEntry wait = run.child().cleanReport().onlyFinding("LOCK_WAIT");
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(wait.node().path("lockedRelation").asText(null))
        .as("lockedRelation of %s", wait)
        .isEqualTo(run.table());
    softly.assertThat(wait.node().path("lockMode").asText(null))
        .as("lockMode of %s: a mode as pg_locks names it", wait)
        .isIn(POSTGRESQL_LOCK_MODES);
    softly.assertAll();
  }

  @Test
  void onPostgreSqlTheAgentAsksOverOneSideConnectionOpenedOnlyOnceAStatementWaits() {
    ChildResult child = run(TestDatabase.POSTGRESQL).child();
    child.assertExitedNormally();
    Requirements.require(Boolean.parseBoolean(child.observed("probeCensus")),
        "the workload cannot tell its own connections to PostgreSQL from other processes' (it needs Linux's /proc"
            + " and a server that sees the ports it connects from)");
    assertThat(child.observedLong("probeCounts"))
        .as("counts of the child's lock-probe connections taken while the waiter waited\n%s", child.describe())
        .isPositive();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.observedLong("probesAtStart"))
        .as("the child's connections named querylens-lock-probe before anything waited")
        .isZero();
    softly.assertThat(child.observedLong("probesDuringWait"))
        .as("the child's connections named querylens-lock-probe at once while the waiter waited: one per"
            + " database at most")
        .isLessThanOrEqualTo(1);
    softly.assertThat(child.observedLong("probesDuringWait"))
        .as("the child's connections named querylens-lock-probe at once while the waiter waited: the agent"
            + " asked over one")
        .isEqualTo(1);
    softly.assertAll();
  }

  /**
   * One run of the workload in a child JVM under the agent.
   *
   * @param token the suffix of its table's name
   * @param child what the child left behind
   */
  private record Run(String token, ChildResult child) {

    String table() {
      return RowHeldIdleInTransaction.table(token);
    }

    /** The start of the update that adds ({@code '+'}, the waiter's) or takes ({@code '-'}, the blocker's). */
    String update(char sign) {
      return "update " + table() + " set balance = balance " + sign;
    }
  }

  @org.junit.jupiter.api.Test
  void onceContentionWasSeenLaterBlockersAreNamedByTheLineThatBeganTheirTransaction() {
    TestDatabase database = TestDatabase.POSTGRESQL;
    database.requireReachable();
    String token = RunToken.next("r");
    ChildResult child =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), database.dbSystem() + "-two-rounds"))
            .withAgent(OPTIONS)
            .timeout(TIMEOUT)
            .main(RowHeldIdleInTransaction.class, database.url(), token, "2")
            .run();
    QueryReport report = child.cleanReport();
    FindingEntry wait = report.onlyFinding("LOCK_WAIT");
    com.fasterxml.jackson.databind.JsonNode blocker = wait.node().path("blocker");

    assertThat(wait.count()).as("both rounds' waits, in one finding: %s", wait.describe()).isEqualTo(2);
    assertThat(blocker.path("callSite").path("lineNumber").asInt())
        .as("the latest blocker is named by the line that began its transaction (its first statement): %s", blocker)
        .isEqualTo(markedLine("blocker-update"));
    assertThat(blocker.path("stack").toString())
        .as("its stack is where its thread is now: holding the row")
        .contains("holdTheRow(RowHeldIdleInTransaction.java:" + markedLine("blocker-hold") + ")");
  }

  @org.junit.jupiter.api.Test
  void aBlockerOutsideThisJvmIsDescribedByWhatTheDatabaseKnows() {
    TestDatabase database = TestDatabase.POSTGRESQL;
    database.requireReachable();
    String token = RunToken.next("r");
    ChildResult child =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), database.dbSystem() + "-outside"))
            .withAgent(OPTIONS)
            .timeout(TIMEOUT)
            .main(example.lockwait.BlockedFromOutside.class, database.url(), token)
            .run();
    QueryReport report = child.cleanReport();
    FindingEntry wait = report.onlyFinding("LOCK_WAIT");
    com.fasterxml.jackson.databind.JsonNode blocker = wait.node().path("blocker");

    assertThat(wait.callSiteLine()).as("the waiter's line").isEqualTo(
        SourceMarkers.line(example.lockwait.BlockedFromOutside.class, "waited"));
    assertThat(blocker.has("thread")).as("no thread of ours holds the lock: %s", blocker).isFalse();
    assertThat(blocker.path("sessionId").asText()).as("psql's backend pid: %s", blocker).matches("\\d+");
    assertThat(blocker.path("idleInTransaction").asBoolean()).as("psql sits idle in its transaction").isTrue();
    assertThat(blocker.path("query").asText())
        .as("psql's statement, normalized: the literal 7 gone: %s", blocker)
        .contains("update " + RowHeldIdleInTransaction.table(token) + " set balance = balance - ?")
        .doesNotContain("- 7");
  }

  private Run run(TestDatabase database) {
    database.requireReachable();
    return runs.computeIfAbsent(database, this::runChild);
  }

  private Run runChild(TestDatabase database) {
    String token = RunToken.next("r");
    ChildResult result =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), database.dbSystem()))
            .withAgent(OPTIONS)
            .timeout(TIMEOUT)
            .main(RowHeldIdleInTransaction.class, database.isInMemory() ? H2_URL : database.url(), token)
            .run();
    System.out.printf("%s on %s: child JVM exited %d after %d ms%n",
        getClass().getSimpleName(), database, result.exitCode(), result.elapsed().toMillis());
    return new Run(token, result);
  }

  /** How long the waiter's update took as the application timed it; it must have waited past the threshold. */
  private static double waitedMs(ChildResult child) {
    double waited = Double.parseDouble(child.observed("waitedMs"));
    assertThat(waited)
        .as("the waiter's update as the application timed it: it must wait past the %s threshold for the"
            + " blocker's %s hold\n%s", LOCK_WAIT_THRESHOLD, RowHeldIdleInTransaction.HOLD, child.describe())
        .isGreaterThan(LOCK_WAIT_THRESHOLD.toMillis());
    return waited;
  }

  private static String siteText(String method, int line) {
    Class<?> workload = RowHeldIdleInTransaction.class;
    return workload.getName() + "." + method + "(" + workload.getSimpleName() + ".java:" + line + ")";
  }

  private static int markedLine(String marker) {
    return SourceMarkers.line(RowHeldIdleInTransaction.class, marker);
  }

  /**
   * The {@code blocker} object of a LOCK_WAIT finding: who holds the lock the statement waited for.
   *
   * @param node the JSON object, or a missing node when the finding has none
   */
  private record Blocker(JsonNode node) {

    static Blocker of(FindingEntry wait) {
      assertThat(wait.node().path("blocker").isObject()).as("%s names a blocker", wait).isTrue();
      return new Blocker(wait.node().path("blocker"));
    }

    /** The JVM thread that last used the blocking connection, or {@code null} when absent. */
    String thread() {
      return node.path("thread").asText(null);
    }

    /** {@code Class.method(File.java:line)}, or {@code (no call site)}. */
    String callSiteText() {
      // a blocker's callSite has the shape of a finding's, so the finding's rendering serves
      return new FindingEntry(node).callSiteText();
    }

    /** The blocking thread's stack, innermost first. */
    List<String> stack() {
      return new FindingEntry(node).stack();
    }

    /** The normalized statements of the blocking transaction, oldest first, each squeezed. */
    List<String> statements() {
      List<String> statements = new ArrayList<>();
      node.path("statements").forEach(statement -> statements.add(squeeze(statement.asText())));
      return statements;
    }

    /** The blocker's session as its database names it, whether the report writes it as a number or text. */
    String sessionId() {
      JsonNode id = node.path("sessionId");
      return id.isValueNode() && !id.isNull() ? id.asText() : null;
    }

    @Override
    public String toString() {
      return node.toString();
    }
  }
}
