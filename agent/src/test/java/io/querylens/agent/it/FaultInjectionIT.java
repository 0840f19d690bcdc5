package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.faults.HeldRow;
import example.faults.InjectedFaults;
import example.faults.Reconnecting;
import example.faults.Shop;
import io.querylens.agent.it.support.AppTranscript;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.FaultAgentJar;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.MetricsScrape;
import io.querylens.agent.it.support.PrometheusServer;
import io.querylens.agent.it.support.QueryEntry;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunToken;
import io.querylens.agent.it.support.RunningChild;
import io.querylens.agent.it.support.TestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 10, part 1: faults inside and around the agent, each injected into a real child JVM. Every case runs the same
 * program without and with the agent and compares what the application observed ({@link AppTranscript}: its results
 * and the class, message, SQLState, vendor code and stack frames of every exception it caught); then looks at the
 * agent's side: the fault counted in {@code querylens_agent_errors_total} (the JSON report's {@code
 * summary.agentErrors}, or the metrics endpoint when no report can be written) and said once on stderr, naming the
 * problem and what to do.
 *
 * <p>The faults: a detector that throws and a JSqlParser parse that outlasts {@code parseTimeout}, both injected by
 * a second, test-only agent ({@code example.faults.FaultAgent}) so production code carries no test hook; the metrics
 * port taken; a {@code reportDir} under a regular file (CI runs as root, whom permission bits do not stop); the lock
 * probe's side connection refused by PostgreSQL (a role with {@code CONNECTION LIMIT 2}, both used by the
 * application); the application's session ended by {@code pg_terminate_backend}, as a database restart would.
 *
 * <p>Related tests cover other sides of two of these: {@code MetricsPrometheusIT
 * .aTakenPortIsSaidOnceAndTheApplicationRunsOnWithoutTheEndpoint} (the message names the address and {@code
 * metricsPort}) and {@code AgentCommandLineIT.anUnwritableReportDirectoryIsSaidOnceAndTheApplicationIsUnaffected};
 * here the same faults are checked against a run without the agent and for the count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIT {

  /** Thresholds that give each standard detector something to find in {@link Shop}. */
  private static final String SHOP_OPTIONS = "unbatchedWriteThreshold=5,slowQueryThreshold=" + (Shop.SLEEP_MS / 2)
      + "ms,consoleSummary=false";

  private static final String AGENT_ERRORS = "querylens_agent_errors_total";

  private final String token = RunToken.next("r");

  // the oracle: Shop without the agent, and with the agent whose only fault is the taken port
  private ChildResult shopWithoutAgent;

  @BeforeAll
  void runTheShopWithoutTheAgent() {
    shopWithoutAgent = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "shop-without-agent"))
        .main(Shop.class)
        .run()
        .assertExitedNormally();
    assertThat(shopWithoutAgent.stdout()).as("the shop without the agent").doesNotContain("querylens");
    assertThat(shopWithoutAgent.stderr()).as("the shop without the agent, which says nothing of QueryLens")
        .doesNotContain("querylens");
  }

  @AfterAll
  void dropWhatAChildLeftBehind() {
    if (TestDatabase.POSTGRESQL.whyUnreachable() != null) {
      return;
    }
    TestDatabase.POSTGRESQL.dropTablesIfExist(List.of(heldTable(), cutTable()));
    try (Connection admin = DriverManager.getConnection(TestDatabase.POSTGRESQL.url());
        Statement s = admin.createStatement()) {
      for (String role : List.of(role("without"), role("with"))) {
        s.execute("drop role if exists " + role);
      }
    } catch (SQLException e) {
      System.err.println("querylens-it: could not drop the fault roles: " + e.getMessage());
    }
  }

  @Test
  void aDetectorThatThrowsCostsOnlyItsOwnFindingsAndIsCountedEachTime() {
    Path dir = RunDirectory.create(getClass(), "detector-throws");
    ChildResult child = ChildJvm.on(Jdk.CURRENT, dir)
        .withAgent(SHOP_OPTIONS)
        .jvmOption(FaultAgentJar.option(dir, "throw:NPlusOneDetector#inspect"))
        .main(Shop.class)
        .run()
        .assertExitedNormally();
    assertFaultArmed(child, "NPlusOneDetector");
    long injected = injected(child);
    QueryReport report = child.report();

    SoftAssertions softly = new SoftAssertions();
    assertSameApplication(softly, child, shopWithoutAgent);
    softly.assertThat(injected).as("exceptions the detector threw\n%s", child.describe()).isPositive();
    softly.assertThat(report.summaryLong("agentErrors"))
        .as("summary.agentErrors: each exception the detector threw, counted").isEqualTo(injected);
    softly.assertThat(types(report)).as("findings of the other detectors, still raised\n%s", report.findingsListing())
        .contains("UNBATCHED_WRITES", "SLOW_QUERY").doesNotContain("N_PLUS_ONE");
    softly.assertThat(report.query(Shop.LOOKUP).calls()).as("the lookups, all recorded")
        .isEqualTo(Shop.CUSTOMERS);
    String said = saidOnce(softly, child, InjectedFaults.MESSAGE);
    softly.assertThat(said).as("what the agent said").contains("could not analyse a statement",
        "findings or figures on it may be missing", "this is a QueryLens bug, please report it",
        "the application is unaffected");
    softly.assertAll();
  }

  @Test
  void aTakenMetricsPortIsCountedOnceAndChangesNothingElse() throws Exception {
    ChildResult child;
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      child = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "port-taken"))
          .withAgent(SHOP_OPTIONS + ",metricsPort=" + taken.getLocalPort())
          .main(Shop.class)
          .run()
          .assertExitedNormally();
    }
    QueryReport report = child.report();
    SoftAssertions softly = new SoftAssertions();
    assertSameApplication(softly, child, shopWithoutAgent);
    softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors: the endpoint, once").isEqualTo(1);
    softly.assertThat(types(report)).as("findings: all detectors at work\n%s", report.findingsListing())
        .contains("N_PLUS_ONE", "UNBATCHED_WRITES", "SLOW_QUERY");
    softly.assertThat(saidOnce(softly, child, "metrics endpoint")).contains("already in use", "metricsPort");
    softly.assertAll();
  }

  @Test
  void anUnwritableReportDirIsCountedInTheMetricsAndSaidOnce() throws Exception {
    Path dir = RunDirectory.create(getClass(), "report-dir-unwritable");
    Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "a regular file");
    int port = PrometheusServer.freePort();
    ChildJvm jvm = ChildJvm.on(Jdk.CURRENT, dir)
        .withAgentOptionsExactly("reportDir=" + notADirectory.resolve("report") + ",reportInterval=1s,metricsPort="
            + port + "," + SHOP_OPTIONS)
        .systemProperty("faults.pauseAt", "end")
        .main(Shop.class);
    double counted;
    ChildResult child;
    try (RunningChild running = jvm.start()) {
      running.awaitStdoutLine("paused end", Duration.ofSeconds(60));
      // the periodic report fails every second; each failure is counted
      counted = MetricsScrape.awaitAtLeast(port, AGENT_ERRORS, 2, Duration.ofSeconds(15));
      Files.createFile(dir.resolve("end"));
      child = running.awaitExit().assertExitedNormally();
    }
    SoftAssertions softly = new SoftAssertions();
    assertSameApplication(softly, child, shopWithoutAgent);
    softly.assertThat(counted).as("%s scraped while the application ran\n%s", AGENT_ERRORS, child.describe())
        .isGreaterThanOrEqualTo(2);
    softly.assertThat(saidOnce(softly, child, "could not write the report"))
        .contains(notADirectory.resolve("report").toString(), "set reportDir to a writable directory");
    softly.assertAll();
  }

  @Test
  void aParseOutlastingParseTimeoutLeavesTheLexersFingerprintAndIsCounted() throws Exception {
    Path dir = RunDirectory.create(getClass(), "parse-timeout");
    ChildJvm jvm = ChildJvm.on(Jdk.CURRENT, dir)
        .withAgent(SHOP_OPTIONS + ",parseTimeout=50ms")
        .jvmOption(FaultAgentJar.option(dir, "stall:CCJSqlParser#Statements"))
        .systemProperty("faults.stallMillis", "5000")
        .systemProperty("faults.pauseAt", "end")
        .main(Shop.class);
    ChildResult child;
    try (RunningChild running = jvm.start()) {
      running.awaitStdoutLine("paused end", Duration.ofSeconds(60));
      // Each new statement is parsed once, off the application's threads: let every parse start (and, 50 ms
      // later, time out) before the application ends, or the last ones would be dropped unparsed at shutdown.
      awaitNoNewStalls(dir.resolve("stdout.txt"));
      Files.createFile(dir.resolve("end"));
      child = running.awaitExit().assertExitedNormally();
    }
    assertFaultArmed(child, "CCJSqlParser");
    QueryReport report = child.report();
    QueryEntry lookup = report.query(Shop.LOOKUP);
    long stalled = injected(child);

    SoftAssertions softly = new SoftAssertions();
    assertSameApplication(softly, child, shopWithoutAgent);
    softly.assertThat(stalled).as("parses stalled: one per statement").isEqualTo(report.summaryLong("fingerprints"));
    softly.assertThat(report.queries().stream().filter(query -> !query.tables().isEmpty()).toList())
        .as("statements whose tables are known: none, JSqlParser never finished").isEmpty();
    softly.assertThat(lookup.statement()).as("the lexer's fingerprint of the lookup")
        .isEqualTo("select total from shop_orders where customer_id = ?");
    softly.assertThat(lookup.operation()).isEqualTo("SELECT");
    softly.assertThat(lookup.calls()).isEqualTo(Shop.CUSTOMERS);
    softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors: each parse given up")
        .isEqualTo(stalled);
    softly.assertThat(saidOnce(softly, child, "parseTimeout")).contains("JSqlParser took longer than parseTimeout=50ms",
        "the statement keeps its fingerprint, without its tables", "raise parseTimeout");
    softly.assertThat(types(report)).as("findings, unaffected\n%s", report.findingsListing())
        .contains("N_PLUS_ONE", "UNBATCHED_WRITES", "SLOW_QUERY");
    softly.assertAll();
  }

  /** Waits until a second has passed without a new {@code fault-agent: stalled} line (at most 30 s). */
  private static void awaitNoNewStalls(Path stdout) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long seen = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long stalls = Files.readAllLines(stdout).stream().filter("fault-agent: stalled"::equals).count();
      if (stalls != seen) {
        seen = stalls;
        since = System.nanoTime();
      } else if (stalls > 0 && System.nanoTime() - since > Duration.ofSeconds(1).toNanos()) {
        return;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aRefusedLockProbeConnectionIsCountedAndSaidOnceWithTheFix() throws Exception {
    TestDatabase database = TestDatabase.POSTGRESQL;
    database.requireReachable();
    try (Connection admin = DriverManager.getConnection(database.url()); Statement s = admin.createStatement()) {
      s.execute("drop table if exists " + heldTable());
      s.execute("create table " + heldTable() + " (id int primary key, balance int)");
      s.execute("insert into " + heldTable() + " values (1, 100)");
      for (String run : List.of("without", "with")) {
        // Two connections, both the application's: the agent's probe would be the third.
        s.execute("drop role if exists " + role(run));
        s.execute("create role " + role(run) + " login connection limit 2");
        s.execute("grant select, update on " + heldTable() + " to " + role(run));
      }
    }
    String options = "lockWaitThreshold=200ms,consoleSummary=false";
    ChildResult without = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "probe-refused-without-agent"))
        .main(HeldRow.class, urlAs(role("without")), heldTable())
        .run()
        .assertExitedNormally();
    try (Connection admin = DriverManager.getConnection(database.url()); Statement s = admin.createStatement()) {
      s.execute("update " + heldTable() + " set balance = 100 where id = 1"); // as the first run found it
    }
    ChildResult child = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "probe-refused"))
        .withAgent(options)
        .main(HeldRow.class, urlAs(role("with")), heldTable())
        .run()
        .assertExitedNormally();
    QueryReport report = child.report();

    SoftAssertions softly = new SoftAssertions();
    assertSameApplication(softly, child, without);
    softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors: the refused connections")
        .isPositive();
    // Without the database's word, a long statement is not known to wait for a lock: no LOCK_WAIT is made up.
    softly.assertThat(types(report)).as("findings\n%s", report.findingsListing()).doesNotContain("LOCK_WAIT")
        .as("the wait, still seen as a slow statement").contains("SLOW_QUERY");
    softly.assertThat(report.query("update " + heldTable() + " set balance = balance + ?").calls())
        .as("the waiter's update, recorded").isEqualTo(1);
    softly.assertThat(saidOnce(softly, child, "side connection")).as("what the agent said").contains(
        "could not open a side connection to ask postgresql who blocks a waiting statement",
        "SQLState 53300", // too_many_connections
        "let the application's database user open one more connection");
    softly.assertAll();
  }

  @Test
  void aSessionEndedByTheDatabaseFailsTheApplicationAsWithoutTheAgentAndTheAgentCountsOnAfterTheReconnect()
      throws Exception {
    TestDatabase database = TestDatabase.POSTGRESQL;
    database.requireReachable();
    database.dropTablesIfExist(List.of(cutTable()));
    ChildResult without = cut("session-cut-without-agent", false);
    ChildResult child = cut("session-cut", true);
    QueryReport report = child.report();
    String count = "select count(*) from " + cutTable();

    SoftAssertions softly = new SoftAssertions();
    assertSameApplication(softly, child, without);
    softly.assertThat(AppTranscript.caught(child)).as("what the application caught\n%s", child.describe())
        .singleElement().asString().contains("sqlState=57P01", "terminating connection due to administrator command");
    softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors: the application's failure is not"
        + " the agent's").isZero();
    softly.assertThat(report.query(count).calls()).as("counts: before, on the cut session, after").isEqualTo(3);
    softly.assertThat(report.query(count).errorsBySqlState()).as("errors of %s", count)
        .containsExactlyEntriesOf(Map.of("57P01", 1L));
    softly.assertThat(report.query("insert into " + cutTable()).calls())
        .as("inserts before the cut and, on the new session, after it").isEqualTo(2L * Reconnecting.ROWS);
    softly.assertThat(child.stderr()).as("stack traces on stderr").doesNotContain("\tat ");
    softly.assertAll();
  }

  /** Runs {@link Reconnecting}, ending its session with {@code pg_terminate_backend} when it pauses. */
  private ChildResult cut(String name, boolean agent) throws Exception {
    Path dir = RunDirectory.create(getClass(), name);
    String applicationName = "ql-fault-" + token + "-" + (agent ? "with" : "without");
    ChildJvm jvm = ChildJvm.on(Jdk.CURRENT, dir);
    if (agent) {
      jvm.withAgent("consoleSummary=false");
    }
    jvm.main(Reconnecting.class, TestDatabase.POSTGRESQL.url(), applicationName, cutTable());
    try (RunningChild running = jvm.start()) {
      running.awaitStdoutLine("paused terminated", Duration.ofSeconds(60));
      try (Connection admin = DriverManager.getConnection(TestDatabase.POSTGRESQL.url());
          PreparedStatement terminate = admin.prepareStatement(
              // waits (up to 5 s) until the session has ended
              "select count(*) filter (where pg_terminate_backend(pid, 5000)) from pg_stat_activity"
                  + " where application_name = ?")) {
        terminate.setString(1, applicationName);
        try (ResultSet ended = terminate.executeQuery()) {
          ended.next();
          assertThat(ended.getInt(1)).as("sessions named %s ended", applicationName).isEqualTo(1);
        }
      }
      Files.createFile(dir.resolve("terminated"));
      ChildResult result = running.awaitExit().assertExitedNormally();
      System.out.printf("querylens-it: %s: child JVM exited after %d ms%n", name, result.elapsed().toMillis());
      return result;
    }
  }

  private String heldTable() {
    return "ql_fault_held_" + token;
  }

  private String cutTable() {
    return "ql_fault_cut_" + token;
  }

  private String role(String run) {
    return "ql_fault_" + token + "_" + run;
  }

  /** The PostgreSQL URL with {@code role} as its user (trust authentication lets any role in). */
  private static String urlAs(String role) {
    String url = TestDatabase.POSTGRESQL.url();
    if (url.matches(".*[?&]user=.*")) {
      return url.replaceAll("([?&])user=[^&]*", "$1user=" + role);
    }
    return url + (url.contains("?") ? "&" : "?") + "user=" + role;
  }

  private static void assertSameApplication(SoftAssertions softly, ChildResult withAgent, ChildResult without) {
    softly.assertThat(AppTranscript.of(without)).as("what the application observed without the agent\n%s",
        without.describe()).isNotEmpty().last().isEqualTo("app done");
    softly.assertThat(AppTranscript.of(withAgent)).as("what the application observed, with the agent\n%s",
        withAgent.describe()).isEqualTo(AppTranscript.of(without));
  }

  /** The one stderr line containing {@code needle}; fails softly unless there is exactly one, from the agent. */
  private static String saidOnce(SoftAssertions softly, ChildResult child, String needle) {
    List<String> said = child.stderrLines().stream().filter(line -> line.contains(needle)).toList();
    softly.assertThat(said).as("stderr lines about '%s'\n%s", needle, child.describe()).hasSize(1);
    softly.assertThat(child.stderr()).as("stack traces on stderr").doesNotContain("\tat ");
    if (said.isEmpty()) {
      return "";
    }
    softly.assertThat(said.get(0)).as("the line about '%s'", needle).startsWith("querylens: ");
    return said.get(0);
  }

  private static void assertFaultArmed(ChildResult child, String simpleName) {
    assertThat(child.stdoutLines()).as("the fault agent changed %s\n%s", simpleName, child.describe())
        .anyMatch(line -> line.startsWith("fault-agent: armed ") && line.endsWith("." + simpleName));
  }

  private static long injected(ChildResult child) {
    return child.stdoutLines().stream().filter(line -> line.startsWith("fault-agent: injected "))
        .mapToLong(line -> Long.parseLong(line.substring("fault-agent: injected ".length()).trim()))
        .findFirst().orElse(-1);
  }

  private static List<String> types(QueryReport report) {
    return report.findings().stream().map(finding -> finding.type().toUpperCase(Locale.ROOT)).toList();
  }
}
