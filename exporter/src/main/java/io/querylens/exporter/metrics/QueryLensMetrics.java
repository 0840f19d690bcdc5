package io.querylens.exporter.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.detect.FindingListener;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.event.StatementEventListener;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import io.querylens.analyzer.fingerprint.QuerySummary;
import io.querylens.analyzer.scope.ScopeClosedListener;
import io.querylens.analyzer.scope.ScopeKind;
import io.querylens.analyzer.stats.StatementStatistics;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * QueryLens's meters, as {@code docs/metrics.md} lists them, fed by the recorder (every execution),
 * the scope tracker (units of work ending), the finding registry (findings) and the agent (lock
 * waits, pool checkouts).
 *
 * <p>Every entry point runs on the application's threads and catches everything: a failure is
 * counted through the {@link FailureSink} and the application carries on. Labels that could grow
 * without bound ({@code db_query_summary}, {@code route}, {@code call_site}, {@code pool}, {@code
 * error_type}) go through a {@link LabelCap}; no SQL text, literal or bind value is ever a label.
 */
public final class QueryLensMetrics implements StatementEventListener, FindingListener, ScopeClosedListener {
  static final String DB_OPERATION = "db.client.operation.duration";
  static final String FINDINGS = "querylens.findings";
  static final String LOCK_WAIT = "querylens.lock.wait";
  static final String LOCK_ERRORS = "querylens.lock.errors";
  static final String POOL_WAIT = "querylens.pool.wait";
  static final String QUERIES_PER_SCOPE = "querylens.queries.per.scope";

  // OpenTelemetry's attribute names; Prometheus shows them as db_system_name, ...
  static final String DB_SYSTEM_NAME = "db.system.name";
  static final String DB_OPERATION_NAME = "db.operation.name";
  static final String DB_QUERY_SUMMARY = "db.query.summary";
  static final String ERROR_TYPE = "error.type";

  /** The error type of a failure whose driver gave no SQLSTATE. */
  static final String UNKNOWN_ERROR = "unknown";

  /** The route of a finding outside any unit of work (a lock wait). */
  static final String NO_ROUTE = "none";

  private static final Duration[] DB_BUCKETS = seconds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10);
  private static final Duration[] LOCK_WAIT_BUCKETS = seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
  private static final double[] SCOPE_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
  private static final Set<FindingType> LOCK_ERROR_TYPES =
      Set.of(FindingType.DEADLOCK, FindingType.LOCK_TIMEOUT, FindingType.SERIALIZATION_FAILURE);

  private final MeterRegistry registry;
  private final StatisticsRegistry statistics;
  private final FailureSink failures;
  // Micrometer holds what function meters read weakly: this keeps the agent's figures readable
  private final AgentFigures figures;
  private final LabelCap summaries;
  private final LabelCap routes;
  private final LabelCap callSites;
  private final LabelCap pools;
  private final LabelCap errorTypes;
  // bumped when a summary or error type is demoted, so statements resolve their meters again
  private volatile int generation;
  // meters met on every unit of work and every checkout, found without building an id each time;
  // bounded by the caps, and cleared of demoted values by rerank()
  private final Map<ScopeLabels, DistributionSummary> scopeSizes = new ConcurrentHashMap<>();
  private final Map<String, Timer> poolWaits = new ConcurrentHashMap<>();

  /**
   * Meters in {@code registry}, with each capped label keeping {@code labelLimit} values; {@code
   * statistics} gives statements their weight when summaries are re-ranked.
   */
  public QueryLensMetrics(MeterRegistry registry, int labelLimit, StatisticsRegistry statistics,
      AgentFigures figures, FailureSink failures) {
    this.registry = registry;
    this.statistics = statistics;
    this.failures = failures;
    this.figures = figures;
    this.summaries = new LabelCap(labelLimit);
    this.routes = new LabelCap(labelLimit);
    this.callSites = new LabelCap(labelLimit);
    this.pools = new LabelCap(labelLimit);
    this.errorTypes = new LabelCap(labelLimit);
    Gauge.builder("querylens.statements.in.flight", figures, AgentFigures::statementsInFlight)
        .description("JDBC executions running now")
        .strongReference(true)
        .register(registry);
    Gauge.builder("querylens.fingerprints", statistics, StatisticsRegistry::size)
        .description("Distinct statement fingerprints with their own statistics (capped by maxFingerprints)")
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("querylens.agent.errors", figures, AgentFigures::agentErrors)
        .description("Failures inside the QueryLens agent; the application was unaffected")
        .register(registry);
    FunctionCounter.builder("querylens.dropped.events", figures, AgentFigures::droppedEvents)
        .description("Statements not parsed and findings not kept so that the agent's memory stays bounded")
        .register(registry);
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void onStatement(StatementEvent event) {
    try {
      StatementStatistics statement = event.statistics();
      Object state = statement.exporterState();
      StatementMeters meters = state instanceof StatementMeters && ((StatementMeters) state).generation == generation
          ? (StatementMeters) state : attach(statement, event.normalized());
      String sqlState = event.sqlState();
      if (sqlState == null) {
        meters.succeeded(event.durationNanos());
      } else {
        String errorType = sqlState.isEmpty() ? UNKNOWN_ERROR : sqlState; // a driver that gave no SQLSTATE
        errorTypes.observe(errorType, 1);
        meters.failed(event.durationNanos(), errorTypes.resolve(errorType));
      }
    } catch (Throwable t) {
      failures.failed("metrics", "could not update the metrics of a statement", t);
    }
  }

  private StatementMeters attach(StatementStatistics statement, NormalizedSql sql) {
    int current = generation;
    boolean overflow = StatisticsRegistry.OVERFLOW_FINGERPRINT.equals(statement.fingerprint());
    String summary = overflow ? LabelCap.OTHER : QuerySummary.of(sql);
    String operation = overflow ? StatisticsRegistry.OVERFLOW_OPERATION : sql.operation();
    String system = statement.dbSystem();
    String summaryLabel = overflow ? LabelCap.OTHER : summaries.resolve(summary);
    StatementMeters meters = new StatementMeters(current, summary,
        errorType -> dbTimer(system, operation, summaryLabel, errorType));
    Object previous = statement.exporterState();
    if (previous instanceof StatementMeters) {
      meters.rankedNanos = ((StatementMeters) previous).rankedNanos;
    }
    statement.exporterState(meters);
    return meters;
  }

  private Timer dbTimer(String system, String operation, String summary, String errorType) {
    return Timer.builder(DB_OPERATION)
        .description("Duration of JDBC executions, by database, operation and query summary")
        .tag(DB_SYSTEM_NAME, system)
        .tag(DB_OPERATION_NAME, operation)
        .tag(DB_QUERY_SUMMARY, summary)
        .tag(ERROR_TYPE, errorType)
        .serviceLevelObjectives(DB_BUCKETS)
        .register(registry);
  }

  @Override
  public void onFinding(FindingType type, String scope, CapturedStack.StackLine callSite, long executions) {
    try {
      count(type, scope == null ? NO_ROUTE : scope, callSite);
      if (LOCK_ERROR_TYPES.contains(type)) {
        Counter.builder(LOCK_ERRORS)
            .description("Statements that failed on a deadlock, a lock timeout or a serialization failure")
            .tag("kind", type.name().toLowerCase(Locale.ROOT))
            .register(registry)
            .increment(Math.max(1, executions));
      }
    } catch (Throwable t) {
      failures.failed("metrics", "could not count a finding in the metrics", t);
    }
  }

  private void count(FindingType type, String route, CapturedStack.StackLine callSite) {
    String site = callSite == null ? NO_ROUTE : siteLabel(callSite);
    routes.observe(route, 1);
    callSites.observe(site, 1);
    Counter.builder(FINDINGS)
        .description("Findings by type, unit of work and call site, counted when the unit of work ends")
        .tag("type", type.name())
        .tag("route", routes.resolve(route))
        .tag("call_site", callSites.resolve(site))
        .register(registry)
        .increment();
  }

  /** {@code OwnerService.listOwners:42}: the simple class name keeps the label short. */
  static String siteLabel(CapturedStack.StackLine line) {
    String className = line.className();
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple + "." + line.methodName() + ":" + line.lineNumber();
  }

  @Override
  public void scopeClosed(ScopeKind kind, String name, int statements) {
    try {
      routes.observe(name, 1);
      scopeSizes.computeIfAbsent(new ScopeLabels(kind, routes.resolve(name)), labels ->
          DistributionSummary.builder(QUERIES_PER_SCOPE)
              .description("Statements each unit of work ran (request, explicit scope, test, transaction, thread window)")
              .tag("route", labels.route())
              .tag("scope.kind", labels.kind().label())
              .serviceLevelObjectives(SCOPE_BUCKETS)
              .register(registry))
          .record(statements);
    } catch (Throwable t) {
      failures.failed("metrics", "could not count the statements of a unit of work", t);
    }
  }

  /** A statement waited {@code waitedNanos} for a lock the database confirmed; counted as a LOCK_WAIT finding too. */
  public void onLockWait(NormalizedSql statement, CapturedStack.StackLine callSite, long waitedNanos) {
    try {
      // Its weight is already in the statement's time in the database, which rerank() counts.
      String summary = QuerySummary.of(statement);
      Timer.builder(LOCK_WAIT)
          .description("Time statements waited for a row or table lock, past lockWaitThreshold")
          .tag(DB_QUERY_SUMMARY, summaries.resolve(summary))
          .serviceLevelObjectives(LOCK_WAIT_BUCKETS)
          .register(registry)
          .record(waitedNanos, TimeUnit.NANOSECONDS);
      count(FindingType.LOCK_WAIT, NO_ROUTE, callSite);
    } catch (Throwable t) {
      failures.failed("metrics", "could not count a lock wait in the metrics", t);
    }
  }

  /** The application's outermost {@code getConnection()} on {@code pool} took {@code nanos}. */
  public void onPoolCheckout(String pool, long nanos) {
    try {
      pools.observe(pool, 1);
      poolWaits.computeIfAbsent(pools.resolve(pool), label ->
          Timer.builder(POOL_WAIT)
              .description("Time the application waited for a pooled connection")
              .tag("pool", label)
              .serviceLevelObjectives(DB_BUCKETS)
              .register(registry))
          .record(nanos, TimeUnit.NANOSECONDS);
    } catch (Throwable t) {
      failures.failed("metrics", "could not time a connection checkout", t);
    }
  }

  /**
   * Lets the heaviest label values take the place of lighter ones (see {@link LabelCap}) and removes
   * the meters of demoted values. Called about once a minute, off the application's threads.
   */
  public void rerank() {
    statistics.forEach(statement -> {
      Object state = statement.exporterState();
      if (state instanceof StatementMeters) {
        StatementMeters meters = (StatementMeters) state;
        long total = statement.totalNanos();
        summaries.observe(meters.summary, total - meters.rankedNanos);
        meters.rankedNanos = total;
      }
    });
    Set<String> demotedSummaries = summaries.rerank();
    Set<String> demotedErrors = errorTypes.rerank();
    if (!demotedSummaries.isEmpty() || !demotedErrors.isEmpty()) {
      generation++;
    }
    remove(List.of(DB_OPERATION, LOCK_WAIT), DB_QUERY_SUMMARY, demotedSummaries);
    remove(List.of(DB_OPERATION), ERROR_TYPE, demotedErrors);
    // Cached meters are forgotten before and after their removal, so that one cached by a thread that
    // resolved the label just before the demotion cannot outlive it.
    Set<String> demotedRoutes = routes.rerank();
    scopeSizes.keySet().removeIf(labels -> demotedRoutes.contains(labels.route()));
    remove(List.of(FINDINGS, QUERIES_PER_SCOPE), "route", demotedRoutes);
    scopeSizes.keySet().removeIf(labels -> demotedRoutes.contains(labels.route()));
    remove(List.of(FINDINGS), "call_site", callSites.rerank());
    Set<String> demotedPools = pools.rerank();
    poolWaits.keySet().removeAll(demotedPools);
    remove(List.of(POOL_WAIT), "pool", demotedPools);
    poolWaits.keySet().removeAll(demotedPools);
  }

  private void remove(List<String> names, String tag, Set<String> values) {
    if (values.isEmpty()) {
      return;
    }
    for (Meter meter : List.copyOf(registry.getMeters())) {
      if (names.contains(meter.getId().getName()) && values.contains(meter.getId().getTag(tag))) {
        registry.remove(meter);
      }
    }
  }

  /** The labels of one {@code querylens_queries_per_scope} series. */
  private record ScopeLabels(ScopeKind kind, String route) {}

  private static Duration[] seconds(double... values) {
    Duration[] durations = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return durations;
  }
}
