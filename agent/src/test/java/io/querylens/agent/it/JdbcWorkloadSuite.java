package io.querylens.agent.it;

import static io.querylens.agent.it.support.QueryReport.squeeze;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryEntry;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.Requirements;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunToken;
import io.querylens.agent.it.support.TestDatabase;
import io.querylens.agent.it.workload.HibernateWorkload;
import io.querylens.agent.it.workload.ItemStatement;
import io.querylens.agent.it.workload.WorkloadMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The end-to-end behaviour every database must show under the agent: a known workload runs in a child JVM
 * with {@code -javaagent:} on the built jar, through each connection stack of the matrix cell, and the
 * report written at shutdown must count every statement shape exactly as often as it ran: never missed,
 * never doubled by a pool, P6Spy or Spring layer, with the pool's own statements kept apart.
 *
 * <p>Each mode's child JVM runs once per class (on first use); every test reads its report. Subclasses
 * name the database, the JDK and the modes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcWorkloadSuite {

  private final TestDatabase database;
  private final Jdk jdk;
  private final Set<WorkloadMode> modes;
  private final Map<WorkloadMode, WorkloadRun> runs = new EnumMap<>(WorkloadMode.class);

  JdbcWorkloadSuite(TestDatabase database, Jdk jdk, Set<WorkloadMode> modes) {
    this.database = database;
    this.jdk = jdk;
    this.modes = EnumSet.copyOf(modes);
  }

  // Checked once per class; each test then skips with the reason, so the build counts and shows the skips.
  private String unmetRequirement;

  @BeforeAll
  void checkTheEnvironmentOnce() {
    unmetRequirement = jdk.whyMissing();
    if (unmetRequirement == null) {
      unmetRequirement = database.whyUnreachable();
    }
    Requirements.checkOnce(unmetRequirement);
  }

  @BeforeEach
  void requireTheEnvironment() {
    Requirements.skipUnless(unmetRequirement);
  }

  @AfterAll
  void dropTablesAChildLeftBehind() {
    List<String> tables = new ArrayList<>();
    for (WorkloadRun run : runs.values()) {
      tables.add(ItemStatement.itemTable(run.token()));
      tables.add(HibernateWorkload.customerTable(run.token()));
    }
    database.dropTablesIfExist(tables);
  }

  // ---- every mode -------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("allModes")
  void theApplicationRunsToTheEndAndTheAgentWritesAReport(WorkloadMode mode) {
    ChildResult child = run(mode).result();
    child.assertExitedNormally();
    assertThat(child.stdoutLines()).as("the workload ran to the end\n%s", child.describe()).contains("workload done");
    assertThat(child.stderr()).as("no stack trace in the child's stderr\n%s", child.describe()).doesNotContain("\tat ");

    QueryReport report = child.report();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(report.root().path("schemaVersion").asInt()).as("schemaVersion").isEqualTo(2);
    softly.assertThat(report.root().path("agent").path("version").asText()).as("agent.version").isNotBlank();
    softly.assertThat(report.summaryLong("agentErrors")).as("summary.agentErrors").isZero();
    softly.assertThat(report.summaryLong("droppedEvents")).as("summary.droppedEvents").isZero();
    softly.assertThat(report.summaryLong("overflowedFingerprints")).as("summary.overflowedFingerprints").isZero();
    softly.assertThat(report.root().path("findings").isArray()).as("findings is an array").isTrue();
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allModes")
  void theSummaryAgreesWithThePerStatementFigures(WorkloadMode mode) {
    QueryReport report = run(mode).report();
    List<QueryEntry> queries = report.queries();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(report.summaryLong("fingerprints")).as("summary.fingerprints").isEqualTo(queries.size());
    softly.assertThat(report.summaryLong("statements"))
        .as("summary.statements = Σ calls")
        .isEqualTo(queries.stream().mapToLong(QueryEntry::calls).sum());
    softly.assertThat(report.summaryLong("errors"))
        .as("summary.errors = Σ errors")
        .isEqualTo(queries.stream().mapToLong(QueryEntry::errors).sum());
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allModes")
  void labelsEveryStatementWithTheDatabaseSystem(WorkloadMode mode) {
    QueryReport report = run(mode).report();
    assertThat(report.queries()).as("queries\n%s", report.statementsListing()).isNotEmpty();
    SoftAssertions softly = new SoftAssertions();
    for (QueryEntry query : report.queries()) {
      softly.assertThat(query.dbSystem()).as("dbSystem of '%s'", query.statement()).isEqualTo(database.dbSystem());
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allModes")
  void keepsTimingStatisticsConsistent(WorkloadMode mode) {
    QueryReport report = run(mode).report();
    SoftAssertions softly = new SoftAssertions();
    for (QueryEntry q : report.queries()) {
      String s = q.statement();
      double min = q.millis("minMs");
      double max = q.millis("maxMs");
      double mean = q.millis("meanMs");
      double total = q.millis("totalMs");
      double p50 = q.millis("p50Ms");
      double p95 = q.millis("p95Ms");
      double p99 = q.millis("p99Ms");
      softly.assertThat(q.calls()).as("calls of '%s'", s).isPositive();
      softly.assertThat(min).as("minMs of '%s'", s).isGreaterThanOrEqualTo(0.0);
      // figures may be rounded (to the microsecond): allow the rounding, scaled by calls where it multiplies
      softly.assertThat(mean).as("meanMs of '%s' lies in [min, max]", s).isBetween(min - 0.001, max + 0.001);
      softly.assertThat(total)
          .as("totalMs of '%s' = meanMs × calls", s)
          .isCloseTo(mean * q.calls(), within(0.002 + 0.0005 * q.calls() + total * 0.01));
      softly.assertThat(q.millis("stddevMs")).as("stddevMs of '%s'", s).isGreaterThanOrEqualTo(0.0);
      softly.assertThat(p50).as("p50Ms ≤ p95Ms of '%s'", s).isLessThanOrEqualTo(p95);
      softly.assertThat(p95).as("p95Ms ≤ p99Ms of '%s'", s).isLessThanOrEqualTo(p99);
      // bucketed percentiles may be a few percent off, never far outside [min, max]
      softly.assertThat(p50).as("p50Ms of '%s' ≥ ~minMs", s).isGreaterThanOrEqualTo(min * 0.9 - 0.001);
      softly.assertThat(p99).as("p99Ms of '%s' ≤ ~maxMs", s).isLessThanOrEqualTo(max * 1.1 + 0.001);
      softly.assertThat(instant(q.node().path("firstSeen")))
          .as("firstSeen ≤ lastSeen of '%s'", s)
          .isBeforeOrEqualTo(instant(q.node().path("lastSeen")));
    }
    softly.assertAll();
  }

  // ---- plain JDBC -------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void countsEveryStatementShapeExactlyAsOftenAsTheApplicationRanIt(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    SoftAssertions softly = new SoftAssertions();
    for (ItemStatement shape : ItemStatement.values()) {
      List<QueryEntry> matches = report.queriesContaining(shape.needle(run.token()));
      softly.assertThat(matches).as("fingerprints of %s ('%s')", shape, shape.needle(run.token())).hasSize(1);
      if (matches.size() == 1) {
        softly.assertThat(matches.get(0).calls()).as("calls of %s: '%s'", shape, matches.get(0).statement()).isEqualTo(shape.calls());
      }
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void recordsNothingButTheApplicationsOwnStatements(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    List<String> unexpected = new ArrayList<>();
    for (QueryEntry query : report.queries()) {
      boolean ours = false;
      for (ItemStatement shape : ItemStatement.values()) {
        ours |= squeeze(query.statement()).contains(squeeze(shape.needle(run.token())));
      }
      if (!ours) {
        unexpected.add(query.calls() + " × " + query.statement());
      }
    }
    assertThat(unexpected)
        .as("statements the application did not run (driver-, pool- or wrapper-internal ones must not be in queries)\n%s",
            report.statementsListing())
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void collapsesLiteralsAndInListsIntoOneLiteralFreeFingerprint(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    String table = ItemStatement.itemTable(run.token());
    QueryEntry literals = report.query(ItemStatement.SELECT_BY_QTY_LITERAL.needle(run.token()));
    QueryEntry inLists = report.query(ItemStatement.SELECT_IN_LIST.needle(run.token()));

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(literals.calls()).as("7 statements with different literals, one fingerprint").isEqualTo(ItemStatement.LITERAL_VALUES);
    softly.assertThat(inLists.calls()).as("IN lists of 2, 3 and 5 markers, one fingerprint").isEqualTo(ItemStatement.IN_LIST_SIZES.length);
    for (QueryEntry q : List.of(literals, inLists)) {
      String withoutTable = q.statement().toLowerCase(Locale.ROOT).replace(table, "");
      softly.assertThat(withoutTable).as("'%s' holds no literal", q.statement()).doesNotContainPattern("\\d").doesNotContain("item-");
      softly.assertThat(q.statement()).as("'%s' has a placeholder", q.statement()).contains("?");
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void countsRowsReadAndRowsChanged(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    SoftAssertions softly = new SoftAssertions();
    for (ItemStatement shape : ItemStatement.values()) {
      if (shape.hasFixedRows()) {
        QueryEntry q = report.query(shape.needle(run.token()));
        softly.assertThat(q.rows()).as("rows of %s: '%s'", shape, q.statement()).isEqualTo(shape.rows());
      }
    }
    // The batch's rows are what the driver reported; SUCCESS_NO_INFO (-2) entries are unknowable.
    long[] counts = parseCounts(run.result().observed("batchUpdateCounts"));
    QueryEntry batch = report.query(ItemStatement.INSERT_BATCH.needle(run.token()));
    if (Arrays.stream(counts).allMatch(c -> c >= 0)) {
      softly.assertThat(batch.rows()).as("rows of the batch = Σ update counts %s", Arrays.toString(counts))
          .isEqualTo(Arrays.stream(counts).sum());
    } else {
      softly.assertThat(batch.rows()).as("rows of a batch the driver answered with %s", Arrays.toString(counts))
          .isBetween(0L, (long) ItemStatement.BATCH_SIZE);
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void recordsTheFailedStatementOnceWithItsSqlState(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    String sqlState = run.result().observed("failedSqlState");
    QueryEntry failed = report.query(ItemStatement.SELECT_MISSING_TABLE.needle(run.token()));

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(failed.calls()).as("calls of '%s'", failed.statement()).isEqualTo(1);
    softly.assertThat(failed.errors()).as("errors of '%s'", failed.statement()).isEqualTo(1);
    softly.assertThat(failed.errorsBySqlState()).as("errorsBySqlState of '%s'", failed.statement()).containsExactly(Map.entry(sqlState, 1L));
    for (QueryEntry other : report.queries()) {
      if (!other.fingerprint().equals(failed.fingerprint())) {
        softly.assertThat(other.errors()).as("errors of '%s'", other.statement()).isZero();
      }
    }
    softly.assertThat(report.summaryLong("errors")).as("summary.errors").isEqualTo(1);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void countsOneCommitAndOneRollback(WorkloadMode mode) {
    QueryReport report = run(mode).report();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(report.summaryLong("transactions", "commits")).as("summary.transactions.commits").isEqualTo(1);
    softly.assertThat(report.summaryLong("transactions", "rollbacks")).as("summary.transactions.rollbacks").isEqualTo(1);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("plainJdbcModes")
  void namesTheOperationAndTheTableOfEachStatement(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    String table = ItemStatement.itemTable(run.token());
    SoftAssertions softly = new SoftAssertions();
    for (ItemStatement shape : ItemStatement.values()) {
      String operation = shape.name().replaceFirst("_.*", "");
      if (!List.of("SELECT", "INSERT", "UPDATE", "DELETE").contains(operation)) {
        continue; // DDL naming is not pinned down
      }
      QueryEntry q = report.query(shape.needle(run.token()));
      softly.assertThat(q.operation()).as("operation of '%s'", q.statement()).isEqualToIgnoringCase(operation);
      String expectedTable = shape == ItemStatement.SELECT_MISSING_TABLE ? ItemStatement.missingTable(run.token()) : table;
      softly.assertThat(q.tables()).as("tables of '%s'", q.statement())
          .anySatisfy(t -> assertThat(t).containsIgnoringCase(expectedTable));
    }
    softly.assertAll();
  }

  // ---- pools ------------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("pooledModes")
  void keepsThePoolsValidationAndInitQueriesOutOfTheApplicationsStatements(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(report.queriesContaining("querylens_probe")).as("the connectionTestQuery in queries\n%s", report.statementsListing()).isEmpty();
    softly.assertThat(report.queriesContaining("querylens_init")).as("the connectionInitSql in queries\n%s", report.statementsListing()).isEmpty();
    // Each sequential borrow comes 2 ms after the last return, so HikariCP validates it on the application's
    // thread, inside getConnection(); the concurrent ones may get a connection handed over or created just
    // then, unvalidated. New connections also run the init SQL on the pool's own thread.
    long sequentialBorrows = run.result().observedLong("poolBorrows") - ItemStatement.THREADS;
    softly.assertThat(report.summaryLong("poolInternalStatements"))
        .as("summary.poolInternalStatements ≥ sequential borrows (each validated)")
        .isGreaterThanOrEqualTo(sequentialBorrows);
    softly.assertAll();
  }

  // ---- Hibernate --------------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("ormModes")
  void hibernatePersistRunsOneInsertPerEntity(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    QueryEntry insert = report.query("insert into " + HibernateWorkload.customerTable(run.token()));
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(insert.calls()).as("calls of '%s'", insert.statement()).isEqualTo(HibernateWorkload.PERSISTED);
    softly.assertThat(insert.calls()).as("calls vs Hibernate's entityInsertCount").isEqualTo(run.result().observedLong("hibernate.entityInsertCount"));
    softly.assertThat(insert.rows()).as("rows of '%s'", insert.statement()).isEqualTo(HibernateWorkload.PERSISTED);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("ormModes")
  void hibernateFindRunsOneSelectByIdPerEntityOnceTheSessionIsCleared(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    QueryEntry select = customerSelect(report, run.token());
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(select.calls()).as("calls of '%s'", select.statement()).isEqualTo(HibernateWorkload.FOUND);
    softly.assertThat(select.calls()).as("calls vs Hibernate's entityLoadCount").isEqualTo(run.result().observedLong("hibernate.entityLoadCount"));
    softly.assertThat(select.rows()).as("rows of '%s'", select.statement()).isEqualTo(HibernateWorkload.FOUND);
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
  @MethodSource("ormModes")
  void agreesWithHibernatesOwnStatistics(WorkloadMode mode) {
    WorkloadRun run = run(mode);
    QueryReport report = run.report();
    String table = HibernateWorkload.customerTable(run.token());
    long dmlCalls = 0;
    for (QueryEntry q : report.queriesContaining(table)) {
      String statement = q.statement().trim().toLowerCase(Locale.ROOT);
      if (statement.startsWith("select") || statement.startsWith("insert") || statement.startsWith("update")
          || statement.startsWith("delete")) {
        dmlCalls += q.calls();
      }
    }
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(dmlCalls)
        .as("Σ calls of DML on %s vs Hibernate's prepareStatementCount\n%s", table, report.statementsListing())
        .isEqualTo(run.result().observedLong("hibernate.prepareStatementCount"));
    softly.assertThat(report.summaryLong("transactions", "commits"))
        .as("summary.transactions.commits vs Hibernate's transactionCount")
        .isGreaterThanOrEqualTo(run.result().observedLong("hibernate.transactionCount"));
    softly.assertAll();
  }

  // ---- runs -------------------------------------------------------------------------------------------

  Stream<WorkloadMode> allModes() {
    return modes.stream();
  }

  Stream<WorkloadMode> plainJdbcModes() {
    return modes.stream().filter(WorkloadMode::isPlainJdbc);
  }

  Stream<WorkloadMode> pooledModes() {
    return modes.stream().filter(WorkloadMode::isPooled);
  }

  Stream<WorkloadMode> ormModes() {
    return modes.stream().filter(m -> !m.isPlainJdbc());
  }

  /** The run of {@code mode}, starting its child JVM on first use. */
  WorkloadRun run(WorkloadMode mode) {
    return runs.computeIfAbsent(mode, this::runChild);
  }

  private WorkloadRun runChild(WorkloadMode mode) {
    String token = RunToken.next("r");
    ChildResult result =
        ChildJvm.on(jdk, RunDirectory.create(getClass(), mode.cliName()))
            .withAgent()
            .main(mode.mainClass(), mode.cliName(), database.url(), token)
            .run();
    System.out.printf("%s %s on %s: child JVM exited %d after %d ms%n",
        getClass().getSimpleName(), mode, jdk, result.exitCode(), result.elapsed().toMillis());
    return new WorkloadRun(mode, token, result);
  }

  private static QueryEntry customerSelect(QueryReport report, String token) {
    List<QueryEntry> selects = new ArrayList<>();
    for (QueryEntry q : report.queriesContaining(HibernateWorkload.customerTable(token))) {
      if (q.statement().trim().toLowerCase(Locale.ROOT).startsWith("select")) {
        selects.add(q);
      }
    }
    assertThat(selects).as("one select fingerprint on the customer table\n%s", report.statementsListing()).hasSize(1);
    return selects.get(0);
  }

  private static long[] parseCounts(String text) {
    String inner = text.trim().replaceAll("^\\[|\\]$", "").trim();
    if (inner.isEmpty()) {
      return new long[0];
    }
    return Stream.of(inner.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
  }

  private static Instant instant(JsonNode node) {
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    return Instant.parse(node.asText());
  }
}
