package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import example.locks.LockWorkload;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryEntry;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.Requirements;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunToken;
import io.querylens.agent.it.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lock errors under the agent: {@code example.locks.LockWorkload} provokes, for real and every time, each
 * lock error a database raises (a deadlock, a lock wait that times out, a REPEATABLE READ update of a row
 * changed since the snapshot), catches it as a retrying application would and prints what the driver said.
 * The report must hold one finding per failed statement, of the type its SQLSTATE or vendor code means,
 * at the line that ran it ({@code // site: <name>} in the workload's source), with a literal-free
 * statement, and no other finding: none for the statements that waited long and then failed, and of the
 * other types only the SLOW_QUERY a deadlock's survivor earns when it waited long for the victim's row
 * (on PostgreSQL, its {@code deadlock_timeout} of 1 s).
 *
 * <p>One child JVM per database runs all of that database's scenarios (on first use); PostgreSQL and
 * MariaDB tests skip (fail under {@code CI=true}) when the database is not reachable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockErrorIT {

  /** H2 in memory; the URL's short lock timeout is what {@code LockTimeout}'s waiter runs into. */
  static final String H2_URL = "jdbc:h2:mem:locks;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=200";

  // The slowest run, PostgreSQL's, takes ~2 s of lock waits (deadlock_timeout is 1 s) plus the JVM.
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  // Pinned (it is the default) because the deadlock's survivor is judged against it.
  private static final long SLOW_QUERY_THRESHOLD_MS = 500;
  // How far from the threshold the survivor's own measure of its wait must be for the test to expect, or
  // rule out, its SLOW_QUERY: the application's clock also runs through the driver's work around the call.
  private static final long SLOW_QUERY_MARGIN_MS = 100;
  private static final String WORKLOAD_PACKAGE = LockWorkload.class.getPackageName();
  private static final Pattern SITE = Pattern.compile("^\\s*\\S.*//\\s*site:\\s*(\\S+)\\s*$");

  /**
   * A lock error the workload provokes, with the finding its failed statement must raise.
   *
   * <p>{@code scopeKind} is where that statement ran: the deadlock's victim and the stale REPEATABLE READ
   * update inside their transactions, the timed-out update in autocommit mode, in its thread's window.
   */
  enum LockError {
    DEADLOCK("deadlock", "Deadlock", "ql_deadlock", "transaction"),
    LOCK_TIMEOUT("lockTimeout", "LockTimeout", "ql_lock_timeout", "thread"),
    SERIALIZATION_FAILURE("serializationFailure", "SerializationFailure", "ql_serialization", "transaction");

    final String scenario;
    final String className;
    final String tablePrefix;
    final String scopeKind;

    LockError(String scenario, String simpleClassName, String tablePrefix, String scopeKind) {
      this.scenario = scenario;
      this.className = WORKLOAD_PACKAGE + "." + simpleClassName;
      this.tablePrefix = tablePrefix;
      this.scopeKind = scopeKind;
    }

    /** The finding type, as the report names it. */
    String findingType() {
      return name();
    }

    /** The SQLSTATE and vendor code {@code database}'s driver reports for this error, as observed. */
    String expectedCodes(TestDatabase database) {
      switch (database) {
        case POSTGRESQL:
          return this == DEADLOCK ? "40P01/0" : this == LOCK_TIMEOUT ? "55P03/0" : "40001/0";
        case MARIADB:
          return this == DEADLOCK ? "40001/1213" : "HY000/1205";
        default:
          return this == DEADLOCK ? "40001/40001" : "HYT00/50200";
      }
    }
  }

  // Checked once per class; each test then skips with the reason, so the build counts and shows the skips.
  private final Map<TestDatabase, String> unmet = new EnumMap<>(TestDatabase.class);
  // started on first use; the test methods run on one thread
  private final Map<TestDatabase, LockRun> runs = new EnumMap<>(TestDatabase.class);

  @BeforeAll
  void checkTheDatabasesOnce() {
    List<String> problems = new ArrayList<>();
    for (TestDatabase database : TestDatabase.values()) {
      String problem = database.whyUnreachable();
      if (problem != null) {
        unmet.put(database, problem);
        problems.add(problem);
      }
    }
    Requirements.checkOnce(problems.isEmpty() ? null : String.join("; ", problems));
  }

  @AfterAll
  void dropTablesAChildLeftBehind() {
    for (LockRun run : runs.values()) {
      List<String> tables = new ArrayList<>();
      for (LockError error : errorsOn(run.database())) {
        tables.add(run.table(error));
      }
      run.database().dropTablesIfExist(tables);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void provokesEachLockErrorAndRunsToTheEnd(TestDatabase database) {
    LockRun run = run(database);
    ChildResult child = run.result();
    child.assertExitedNormally();
    List<LockError> errors = errorsOn(database);
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.stdoutLines()).as("the workload ran to the end\n%s", child.describe())
        .contains("locks done: " + errors.size() + " scenarios, 0 failed");
    for (LockError error : errors) {
      softly.assertThat(child.stdoutLines()).as("%s ran\n%s", error.scenario, child.describe())
          .contains("scenario " + error.scenario + " done");
      softly.assertThat(child.observed(error.scenario + ".table")).as("%s's table", error.scenario)
          .isEqualTo(run.table(error));
      softly.assertThat(run.codes(error))
          .as("SQLSTATE/vendor code the driver gave the application for the %s", error)
          .isEqualTo(error.expectedCodes(database));
    }
    softly.assertThat(child.stderr()).as("no stack trace in the child's stderr\n%s", child.describe())
        .doesNotContain("\tat ");
    softly.assertThat(child.report().summaryLong("agentErrors")).as("summary.agentErrors").isZero();
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void countsEachFailedStatementOnceUnderItsSqlState(TestDatabase database) {
    LockRun run = run(database);
    QueryReport report = run.report();
    SoftAssertions softly = new SoftAssertions();
    for (LockError error : errorsOn(database)) {
      QueryEntry updates = report.query("update " + run.table(error));
      String sqlState = run.result().observed(error.scenario + ".sqlState");
      softly.assertThat(updates.errors()).as("errors of '%s'", updates.statement()).isEqualTo(1);
      softly.assertThat(updates.errorsBySqlState())
          .as("errorsBySqlState of '%s'", updates.statement())
          .containsExactly(Map.entry(sqlState, 1L));
    }
    softly.assertThat(report.summaryLong("errors")).as("summary.errors\n%s", report.statementsListing())
        .isEqualTo(errorsOn(database).size());
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("provokedErrors")
  void reportsTheLockErrorAtTheLineOfTheFailedStatement(TestDatabase database, LockError error) {
    LockRun run = run(database);
    QueryReport report = run.report();
    String site = error.scenario + "." + run.result().observed(error.scenario + ".failedThread");
    int line = siteLine(error.className, site);
    List<FindingEntry> ofType = report.findings().stream()
        .filter(f -> f.type().equals(error.findingType()))
        .collect(Collectors.toList());
    assertThat(ofType)
        .as("%s findings on %s (the statement failed with %s at %s line %d)\n%s",
            error, database, run.codes(error), error.className, line, report.findingsListing())
        .hasSize(1);

    FindingEntry finding = ofType.get(0);
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(finding.callSiteTopLevelClass()).as("call site class of %s", finding.describe())
        .isEqualTo(error.className);
    softly.assertThat(finding.callSiteLine()).as("call site line of %s (// site: %s)", finding.describe(), site)
        .isEqualTo(line);
    softly.assertThat(finding.count()).as("count (failed executions) of %s", finding.describe()).isEqualTo(1);
    softly.assertThat(finding.scopeKind()).as("scopeKind of %s", finding.describe()).isEqualTo(error.scopeKind);
    softly.assertThat(finding.node().path("severity").asText()).as("severity of %s", finding.describe())
        .isNotBlank();
    softly.assertThat(finding.node().path("suggestion").asText()).as("suggestion of %s", finding.describe())
        .isNotBlank();
    assertLiteralFree(softly, finding.statement(), run.table(error));
    softly.assertThat(report.findings().stream().map(FindingEntry::type).distinct().collect(Collectors.toList()))
        .as("finding types on %s: only those of the errors the workload provokes\n%s", database,
            report.findingsListing())
        .isSubsetOf(findingTypes(run));
    softly.assertAll();
  }

  @org.junit.jupiter.api.Test
  void aPostgreSqlDeadlockNamesBothParticipantsTheVictimFirstAtItsLine() {
    LockRun run = run(TestDatabase.POSTGRESQL);
    QueryReport report = run.report();
    String victim = run.result().observed(LockError.DEADLOCK.scenario + ".failedThread");
    int line = siteLine(LockError.DEADLOCK.className, LockError.DEADLOCK.scenario + "." + victim);
    FindingEntry deadlock = report.findings().stream().filter(f -> f.type().equals("DEADLOCK")).findFirst()
        .orElseThrow(() -> new AssertionError("no DEADLOCK\n" + report.findingsListing()));
    com.fasterxml.jackson.databind.JsonNode participants = deadlock.node().path("participants");

    assertThat(participants.size()).as("participants of %s", deadlock.describe()).isEqualTo(2);
    List<String> threads = new ArrayList<>();
    participants.forEach(p -> threads.add(p.path("thread").asText()));
    assertThat(threads).as("the deadlock's two threads, the victim first").containsExactly(victim,
        victim.equals("first") ? "second" : "first");
    participants.forEach(p -> assertThat(p.path("sessionId").asText()).as("backend pid of %s", p).matches("\\d+"));
    assertThat(participants.get(0).path("callSite").path("lineNumber").asInt())
        .as("the victim's code: the line of its failed update").isEqualTo(line);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void reportsOneFindingPerLockErrorAndNothingElse(TestDatabase database) {
    LockRun run = run(database);
    QueryReport report = run.report();
    List<String> expected = new ArrayList<>();
    for (LockError error : errorsOn(database)) {
      String site = error.scenario + "." + run.result().observed(error.scenario + ".failedThread");
      expected.add(error.findingType() + " at " + error.className + ":" + siteLine(error.className, site));
    }
    String slowSurvivor = "SLOW_QUERY at " + LockError.DEADLOCK.className + ":"
        + siteLine(LockError.DEADLOCK.className, "deadlock." + run.survivor());
    // The survivor's update really was slow when it waited long for the victim's row; the victim's, and
    // every other failed one, were lock errors however long they waited, and nothing else.
    long waited = run.survivorWaitMs();
    boolean tooCloseToCall = Math.abs(waited - SLOW_QUERY_THRESHOLD_MS) < SLOW_QUERY_MARGIN_MS;
    if (waited >= SLOW_QUERY_THRESHOLD_MS + SLOW_QUERY_MARGIN_MS) {
      expected.add(slowSurvivor);
    }
    List<String> reported = new ArrayList<>();
    for (FindingEntry finding : report.findings()) {
      String entry = finding.type() + " at " + finding.callSiteTopLevelClass() + ":" + finding.callSiteLine();
      if (!(tooCloseToCall && entry.equals(slowSurvivor))) {
        reported.add(entry);
      }
    }
    assertThat(reported)
        .as("findings on %s, whose deadlock's survivor waited %d ms for the victim's row (slowQueryThreshold=%d ms)\n%s",
            database, waited, SLOW_QUERY_THRESHOLD_MS, report.findingsListing())
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.class)
  void keepsEveryLiteralOutOfTheReport(TestDatabase database) throws IOException {
    LockRun run = run(database);
    run.report();
    String wholeReport = Files.readString(run.result().reportDir().resolve(ChildResult.REPORT_FILE));
    assertThat(wholeReport.toLowerCase(Locale.ROOT))
        .as("the report holds no literal the workload wrote into its SQL (each contains '%s')", LockWorkload.MARKER)
        .doesNotContain(LockWorkload.MARKER);
  }

  // ---- expectations -----------------------------------------------------------------------------------

  /** The errors the workload provokes on {@code database}, in the order it runs them. */
  static List<LockError> errorsOn(TestDatabase database) {
    return database == TestDatabase.POSTGRESQL
        ? List.of(LockError.DEADLOCK, LockError.LOCK_TIMEOUT, LockError.SERIALIZATION_FAILURE)
        : List.of(LockError.DEADLOCK, LockError.LOCK_TIMEOUT);
  }

  static Stream<Arguments> provokedErrors() {
    return Stream.of(TestDatabase.values())
        .flatMap(database -> errorsOn(database).stream().map(error -> Arguments.of(database, error)));
  }

  /** The finding types {@code run} may hold: its lock errors', and SLOW_QUERY if its deadlock's survivor was slow. */
  private static List<String> findingTypes(LockRun run) {
    List<String> types = errorsOn(run.database()).stream().map(LockError::findingType).collect(Collectors.toList());
    if (run.survivorWaitMs() >= SLOW_QUERY_THRESHOLD_MS - SLOW_QUERY_MARGIN_MS) {
      types.add("SLOW_QUERY");
    }
    return types;
  }

  private static void assertLiteralFree(SoftAssertions softly, String statement, String table) {
    String withoutTable = statement.toLowerCase(Locale.ROOT).replace(table.toLowerCase(Locale.ROOT), "");
    softly.assertThat(statement).as("the finding's statement").containsIgnoringCase("update " + table);
    softly.assertThat(withoutTable).as("'%s' holds no literal", statement)
        .doesNotContain(LockWorkload.MARKER)
        .doesNotContainPattern("\\d");
    softly.assertThat(statement).as("'%s' has placeholders", statement).contains("?");
  }

  /**
   * The line of {@code className}'s source that ends with {@code // site: <site>}; fails unless exactly
   * one does.
   */
  static int siteLine(String className, String site) {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    Path file = Path.of(basedir, "src", "test", "java").resolve(className.replace('.', '/') + ".java");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("no source for " + className + "; run the test from the agent module", e);
    }
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = SITE.matcher(lines.get(i));
      if (m.matches() && m.group(1).equals(site)) {
        found.add(i + 1);
      }
    }
    assertThat(found).as("lines of %s ending with '// site: %s'", file, site).hasSize(1);
    return found.get(0);
  }

  // ---- runs -------------------------------------------------------------------------------------------

  /**
   * One run of the workload in a child JVM under the agent.
   *
   * @param database where it ran
   * @param token the suffix of its table names
   * @param result what the child left behind
   */
  record LockRun(TestDatabase database, String token, ChildResult result) {

    /** The report, after asserting the child exited normally. */
    QueryReport report() {
      result.assertExitedNormally();
      return result.report();
    }

    /** The table of {@code error}'s scenario. */
    String table(LockError error) {
      return error.tablePrefix + "_" + token;
    }

    /** The deadlock's thread whose second update went through: {@code first} or {@code second}. */
    String survivor() {
      return result.observed("deadlock.failedThread").equals("first") ? "second" : "first";
    }

    /** How long the deadlock's survivor waited for the victim's row, as it measured it. */
    long survivorWaitMs() {
      return result.observedLong("deadlock.survivorWaitMs");
    }

    /** {@code <SQLSTATE>/<vendor code>} of the statement {@code error}'s scenario saw fail. */
    String codes(LockError error) {
      return result.observed(error.scenario + ".sqlState") + "/" + result.observed(error.scenario + ".vendorCode");
    }
  }

  private LockRun run(TestDatabase database) {
    Requirements.skipUnless(unmet.get(database));
    return runs.computeIfAbsent(database, this::runChild);
  }

  private LockRun runChild(TestDatabase database) {
    String token = RunToken.next("r");
    String url = database.isInMemory() ? H2_URL : database.url();
    ChildResult result =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), database.dbSystem()))
            // The waits behind these errors are LOCK_WAITs too; LockWaitIT covers those, so keep them out here.
            .withAgent("slowQueryThreshold=" + SLOW_QUERY_THRESHOLD_MS + "ms,lockWaitThreshold=60s")
            .timeout(TIMEOUT)
            .main(LockWorkload.class, database.dbSystem(), url, token)
            .run();
    System.out.printf("%s %s: child JVM exited %d after %d ms%n",
        getClass().getSimpleName(), database, result.exitCode(), result.elapsed().toMillis());
    return new LockRun(database, token, result);
  }
}
