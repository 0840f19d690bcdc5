package io.querylens.bench;

import io.querylens.agent.record.FingerprintCache;
import io.querylens.agent.record.Recorder;
import io.querylens.agent.record.StatisticsListener;
import io.querylens.analyzer.callsite.FramePolicy;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.detect.Detectors;
import io.querylens.analyzer.detect.FindingListener;
import io.querylens.analyzer.detect.FindingRegistry;
import io.querylens.analyzer.event.StatementEventListener;
import io.querylens.analyzer.fingerprint.StatementEnricher;
import io.querylens.analyzer.scope.ScopeClosedListener;
import io.querylens.analyzer.scope.ScopeKind;
import io.querylens.analyzer.scope.ScopeSettings;
import io.querylens.analyzer.scope.ScopeTracker;
import io.querylens.analyzer.stats.StatisticsRegistry;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.exporter.metrics.AgentFigures;
import io.querylens.exporter.metrics.MetricsExport;
import io.querylens.exporter.metrics.QueryLensMetrics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's own work for one prepared lookup, without the database: exactly the hook calls the
 * inlined advice makes for {@code executeQuery()}, one {@code next()} that finds a row, and
 * {@code close()}, on a fingerprint cache hit. Free of the driver's noise, so it isolates what
 * QueryLens adds; {@link #twoNanoTimeCalls} is the yardstick in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class RecorderHotPathBenchmark {
  private Connection connection;
  private PreparedStatement statement;
  private ResultSet resultSet;
  private StatementEnricher enricher;
  private int id;
  private ScopeTracker tracker;

  /**
   * With the scope tracker and its detectors (the agent as shipped; this benchmark's package plays the
   * application), or statistics only: their cost is the difference.
   */
  @Param({"true", "false"})
  public boolean scopes;

  /**
   * With the meters (the default {@code metricsPort=9464}: a Prometheus registry, without its HTTP
   * server), or without ({@code metricsPort=0}): their cost is the difference.
   */
  @Param({"true", "false"})
  public boolean metrics;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    StatisticsRegistry statistics = new StatisticsRegistry(5_000);
    enricher = new StatementEnricher(100_000, Duration.ofSeconds(2));
    FingerprintCache fingerprints = new FingerprintCache(10_000, statistics, enricher);
    QueryLensMetrics meters = metrics ? MetricsExport.unexported(50, statistics, new NoFigures(), (kind, message, cause) -> { })
        : null;
    List<StatementEventListener> listeners = new ArrayList<>(List.of(new StatisticsListener()));
    if (scopes) {
      tracker = new ScopeTracker(ScopeSettings.defaults(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMillis(500)),
          new StackCapture(FramePolicy.appPackages(List.of("io.querylens.bench"))), Detectors.standard(3, 10),
          new FindingRegistry(2_000, meters == null ? FindingListener.NONE : meters),
          meters == null ? ScopeClosedListener.NONE : meters);
      listeners.add(tracker);
    }
    if (meters != null) {
      listeners.add(meters);
    }
    Recorder recorder = new Recorder(fingerprints, true, tracker, listeners.toArray(new StatementEventListener[0]));
    JdbcHooks.install(recorder);

    connection = DriverManager.getConnection("jdbc:h2:mem:hotpath;DB_CLOSE_DELAY=-1");
    String sql = "select id, name from customer where id = ?";
    connection.createStatement().execute("create table if not exists customer (id int primary key, name varchar(40))");
    statement = connection.prepareStatement(sql);
    statement.setInt(1, 1);
    resultSet = statement.executeQuery(); // a real result set object, used only as an identity
    recorder.onPrepare(connection, sql, statement);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    JdbcHooks.install(null);
    enricher.close();
    connection.close();
  }

  /** executeQuery() + next() returning a row + close(), as the advice calls the hooks. */
  @Benchmark
  public void preparedLookupHooks() {
    CallState call = JdbcHooks.enterExecute(statement, null);
    JdbcHooks.exitExecute(call, statement, resultSet, -1L, null);
    call = JdbcHooks.enter();
    JdbcHooks.exitNext(call, resultSet, true);
    call = JdbcHooks.enter();
    JdbcHooks.exitResultSetClose(call, resultSet);
  }

  /**
   * The same with a parameter bound first ({@code setInt(1, id)}), the id cycling through 1,024
   * values: the statement lands in one long thread window as a growing N+1; once the window's capture
   * budget is spent no stack is walked, so this is the steady per-statement cost of the scope
   * bookkeeping. {@link #tenLookupsPerRequest} shows what scopes cost when units of work are short.
   */
  @Benchmark
  public void preparedLookupWithBinding() {
    CallState call = JdbcHooks.enter();
    JdbcHooks.exitSetParameter(call, statement, 1, Integer.valueOf(++id & 1023), null);
    call = JdbcHooks.enterExecute(statement, null);
    JdbcHooks.exitExecute(call, statement, resultSet, -1L, null);
    call = JdbcHooks.enter();
    JdbcHooks.exitNext(call, resultSet, true);
    call = JdbcHooks.enter();
    JdbcHooks.exitResultSetClose(call, resultSet);
  }

  /**
   * Ten bound lookups in a scope of their own, as a request with an N+1 of ten would run: with scopes,
   * the second lookup walks the stack and the third raises a finding, in every scope. Per operation,
   * so divide by ten for the cost per statement.
   */
  @Benchmark
  public void tenLookupsPerRequest() {
    Object scope = tracker == null ? null : tracker.open(ScopeKind.EXPLICIT, "GET /owners/{ownerId}");
    for (int i = 0; i < 10; i++) {
      preparedLookupWithBinding();
    }
    if (scope != null) {
      tracker.close(scope);
    }
  }

  /** The agent's own figures, unused here: nothing scrapes. */
  private static final class NoFigures implements AgentFigures {
    @Override
    public long statementsInFlight() {
      return 0;
    }

    @Override
    public long agentErrors() {
      return 0;
    }

    @Override
    public long droppedEvents() {
      return 0;
    }
  }

  /** The yardstick: two clock reads. */
  @Benchmark
  public long twoNanoTimeCalls() {
    return System.nanoTime() - System.nanoTime();
  }
}
