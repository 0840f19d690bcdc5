package io.querylens.agent.record;

import io.querylens.agent.AgentErrors;
import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.event.StatementEventListener;
import io.querylens.analyzer.capture.Captures;
import io.querylens.analyzer.scope.ScopeTracker;
import io.querylens.bootstrap.CallState;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.JdbcListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns what the JDBC advice sees into {@link StatementEvent}s: remembers prepared SQL and
 * connections per JDBC object, times executions, counts rows read, and hands each event to the
 * listeners (statistics first, detectors later).
 *
 * <p>Runs on the application's threads. Every entry point catches everything: a failure here is
 * counted in {@link AgentErrors} and the application carries on as if the agent were absent.
 */
public final class Recorder implements JdbcListener {
  private static final String UNKNOWN_SQL = "unknown";

  private final WeakIdentityMap<StatementState> statements = new WeakIdentityMap<>();
  private final WeakIdentityMap<ConnectionInfo> connections = new WeakIdentityMap<>();
  private final FingerprintCache fingerprints;
  private final StatementEventListener[] listeners;
  private final boolean countRows;
  private final ScopeTracker scopes;

  // set once at start-up, before the hooks are installed
  private io.querylens.exporter.metrics.QueryLensMetrics metrics;
  private DeadlockParticipants deadlocks;
  private io.querylens.analyzer.callsite.StackCapture stacks;
  // null unless captureParameters=true: then bound values are kept, masked, for reports
  private io.querylens.agent.config.ParameterMask parameterMask;

  private final LongAdder poolInternalStatements = new LongAdder();
  private final LongAdder commits = new LongAdder();
  private final LongAdder rollbacks = new LongAdder();

  /** The tests capturing now, to attribute what other threads see to them; null without scopes. */
  Captures captures() {
    return scopes == null ? null : scopes.captures();
  }

  /** Creates a recorder feeding {@code listeners} in order, without scopes. */
  public Recorder(FingerprintCache fingerprints, boolean countRows, StatementEventListener... listeners) {
    this(fingerprints, countRows, null, listeners);
  }

  /**
   * Creates a recorder feeding {@code listeners} in order and telling {@code scopes} (nullable) where
   * transactions begin and end.
   */
  public Recorder(FingerprintCache fingerprints, boolean countRows, ScopeTracker scopes,
      StatementEventListener... listeners) {
    this.fingerprints = fingerprints;
    this.countRows = countRows;
    this.scopes = scopes;
    this.listeners = listeners.clone();
  }

  /**
   * Names the sessions of PostgreSQL deadlocks, their code found with {@code stacks} or, for a
   * participant that has moved on, where {@code sweeper} saw it wait.
   */
  public void describeDeadlocksWith(io.querylens.analyzer.callsite.StackCapture stacks, SlowStatementSweeper sweeper) {
    this.deadlocks = new DeadlockParticipants(this, stacks, sweeper::recentWait);
    this.stacks = stacks;
  }

  /**
   * Keeps the bind values of prepared statements, masked per {@code mask}, for the worst sample of
   * each statement and the example of its findings ({@code captureParameters=true}). Without this
   * call no value is kept.
   */
  public void captureParametersWith(io.querylens.agent.config.ParameterMask mask) {
    this.parameterMask = mask;
  }

  /** Times every checkout from a pool into {@code metrics}'s pool-wait histogram. */
  public void timeCheckoutsInto(io.querylens.exporter.metrics.QueryLensMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void onConnect(Object driver, String url, Object properties, Object connection, Throwable error) {
    try {
      if (connection != null) {
        connections.put(connection,
            ConnectionInfo.opened(DbSystem.fromUrl(url), ConnectionOrigin.of(driver, url, properties), connection));
      }
    } catch (Throwable t) {
      AgentErrors.record("record", "could not track a new connection", t);
    }
  }

  @Override
  public void onPrepare(Object connection, String sql, Object statement) {
    try {
      statements.put(statement, new StatementState(sql, connectionInfo(connection)));
    } catch (Throwable t) {
      AgentErrors.record("record", "could not track a prepared statement", t);
    }
  }

  @Override
  public void onCreateStatement(Object connection, Object statement) {
    try {
      statements.put(statement, new StatementState(null, connectionInfo(connection)));
    } catch (Throwable t) {
      AgentErrors.record("record", "could not track a statement", t);
    }
  }

  @Override
  public void onAddBatch(Object statement, String sql) {
    try {
      StatementState state = statements.get(statement, threadState().probe);
      if (state != null) {
        if (state.pendingBatch++ == 0 && sql != null) {
          state.batchSql = sql;
        }
      }
    } catch (Throwable t) {
      AgentErrors.record("record", "could not track a batch", t);
    }
  }

  @Override
  public void onParameter(Object statement, int index, Object value) {
    try {
      StatementState state = statements.get(statement, threadState().probe);
      if (state == null) {
        return;
      }
      state.bind(index, ParameterHash.of(value), ParameterHash.isMultiValue(value));
      if (parameterMask != null) {
        captureParameter(state, index, value);
      }
    } catch (Throwable t) {
      AgentErrors.record("parameters", "could not compare bound parameters", t);
    }
  }

  @Override
  public void onExecute(CallState call, Object statement, Object result, long rows, Throwable error, long endNanos) {
    try {
      if (call.poolDepth > 0) {
        poolInternalStatements.increment();
        return;
      }
      RecorderThreadState thread = threadState(call);
      StatementState state = statements.get(statement, thread.probe);
      String sql = call.sql;
      int batchSize = 0;
      boolean batchResult = result instanceof int[] || result instanceof long[];
      // A failed executeBatch returns nothing: recognise it by its pending batch.
      boolean failedBatch = error != null && sql == null && state != null && state.pendingBatch > 0;
      if (batchResult || failedBatch) {
        batchSize = state == null ? 0 : state.pendingBatch;
        rows = batchResult ? sumOfCounts(result) : -1;
        if (sql == null && state != null && state.preparedSql == null) {
          sql = state.batchSql;
        }
        if (state != null) {
          state.pendingBatch = 0;
          state.batchSql = null;
        }
      } else if (result == Boolean.FALSE && error == null) {
        rows = updateCount(call, statement);
      }
      if (sql == null) {
        sql = state != null && state.preparedSql != null ? state.preparedSql : UNKNOWN_SQL;
      }
      ConnectionInfo connection = state != null ? state.connection : ConnectionInfo.UNKNOWN;
      FingerprintCache.Fingerprinted fingerprint = fingerprints.lookup(sql, connection.dbSystem);

      String sqlState = null;
      int vendorCode = 0;
      if (error != null) {
        if (error instanceof SQLException) {
          SQLException sqlError = (SQLException) error;
          sqlState = sqlError.getSQLState();
          vendorCode = sqlError.getErrorCode();
        }
        if (sqlState == null) {
          sqlState = "unknown";
        }
        rows = -1;
      }
      boolean prepared = state != null && state.preparedSql != null && call.sql == null;
      // A plain statement's literals are its parameters; the string's hash caches in the string.
      long parameters = prepared ? state.parameterHash() : sql.hashCode();
      boolean multiValue = prepared && state.multiValueParameter();
      boolean inTransaction = autoCommit(call, connection, statement) == ConnectionInfo.AUTO_COMMIT_OFF;
      if (connection != ConnectionInfo.UNKNOWN) {
        connection.lastThread = Thread.currentThread();
        if (inTransaction && connection.ranInTransaction(fingerprint.normalized)
            && ConnectionInfo.noteTransactionStarts && stacks != null) {
          connection.transactionStart = stacks.callSite();
        }
      }
      StatementEvent event = new StatementEvent(sql, fingerprint.normalized, fingerprint.statistics,
          connection.id, connection.dbSystem, Thread.currentThread().getId(), call.startNanos, endNanos,
          rows, batchSize, sqlState, vendorCode, false, fingerprint.shape, parameters, multiValue, inTransaction);
      if (parameterMask != null && prepared && batchSize == 0 && state.captured != null) {
        event.parameters(state.captured.snapshot());
      }
      if ("40P01".equals(sqlState) && deadlocks != null) {
        // Our own calls into the driver (session ids) must not be recorded as the application's.
        call.depth++;
        try {
          event.deadlockParticipants(deadlocks.of(error, connection == ConnectionInfo.UNKNOWN ? null : connection));
        } finally {
          call.depth--;
        }
      }
      for (StatementEventListener listener : listeners) {
        try {
          listener.onStatement(event);
        } catch (Throwable t) {
          // One failing listener (a detector behind the scopes) must not keep the others, or the row count
          // below, from this statement (issue 10).
          AgentErrors.record("analyse", "could not analyse a statement, so findings or figures on it may be missing;"
              + " this is a QueryLens bug, please report it", t);
        }
      }
      if (state != null) {
        state.lastEvent = event;
      }
      if (countRows && result instanceof ResultSet) {
        thread.startReading(result, event, listeners);
      }
    } catch (Throwable t) {
      AgentErrors.record("record", "could not record a statement", t);
    }
  }

  @Override
  public void onNext(CallState call, Object resultSet, boolean more) {
    if (!countRows || call.poolDepth > 0) {
      return;
    }
    try {
      RecorderThreadState thread = threadState(call);
      if (thread.resultSet != resultSet) {
        thread.startReading(resultSet, eventOf(call, resultSet, thread), listeners);
      }
      if (more) {
        thread.rows++;
      } else {
        thread.finishReading(listeners);
      }
    } catch (Throwable t) {
      AgentErrors.record("rows", "could not count rows read", t);
    }
  }

  @Override
  public void onResultSetClose(CallState call, Object resultSet) {
    try {
      RecorderThreadState thread = threadState(call);
      if (thread.resultSet == resultSet) {
        thread.finishReading(listeners);
      }
    } catch (Throwable t) {
      AgentErrors.record("rows", "could not count rows read", t);
    }
  }

  @Override
  public void onStatementClose(Object statement) {
    try {
      statements.remove(statement, threadState().probe);
    } catch (Throwable t) {
      AgentErrors.record("record", "could not forget a closed statement", t);
    }
  }

  @Override
  public void onConnectionCall(Object connection, int kind, Throwable error) {
    if (error != null) {
      return;
    }
    if (kind == COMMIT) {
      commits.increment();
    } else if (kind == ROLLBACK) {
      rollbacks.increment();
    }
    try {
      // A closed connection is only looked up: resolving it would call into a closed object.
      ConnectionInfo info = kind == CLOSE ? connections.get(connection, threadState().probe) : connectionInfo(connection);
      if (info != null && info != ConnectionInfo.UNKNOWN) {
        if (kind == AUTO_COMMIT_OFF || kind == COMMIT || kind == ROLLBACK) {
          // A successful commit or rollback proves auto-commit is off, even where nobody turned it off
          // in our sight (a pool configured with autoCommit=false).
          info.autoCommit = ConnectionInfo.AUTO_COMMIT_OFF;
        } else if (kind == AUTO_COMMIT_ON) {
          info.autoCommit = ConnectionInfo.AUTO_COMMIT_ON;
        } else if (kind == CLOSE) {
          // Pools reset the mode (or keep it off) inside their own close: read it again on next use.
          info.autoCommit = ConnectionInfo.AUTO_COMMIT_UNKNOWN;
        }
        if (kind != AUTO_COMMIT_OFF) {
          info.transactionEnded();
        }
      }
      if (scopes != null && JdbcHooks.state().poolDepth == 0) {
        long connectionId = info == null ? 0 : info.id;
        if (kind == AUTO_COMMIT_OFF) {
          scopes.transactionBegan(connectionId);
        } else {
          scopes.transactionEnded(connectionId);
        }
      }
    } catch (Throwable t) {
      AgentErrors.record("scope", "could not follow a transaction", t);
    }
  }

  /** Keeps the masked form of a bound value (captureParameters=true only); never the value itself. */
  private void captureParameter(StatementState state, int index, Object value) {
    CapturedParameters captured = state.captured;
    if (captured == null) {
      captured = state.captured = new CapturedParameters(parameterMask);
    }
    captured.bind(index, value);
  }

  /** What is known of the connection of a statement another thread is running; null when unknown. */
  ConnectionInfo connectionOf(Object statement, WeakIdentityMap.Probe probe) {
    StatementState state = statement == null ? null : statements.get(statement, probe);
    return state == null || state.connection == ConnectionInfo.UNKNOWN ? null : state.connection;
  }

  /** Calls {@code visitor} with every connection the application opened and has not let go of. */
  void forEachConnection(java.util.function.Consumer<ConnectionInfo> visitor) {
    connections.forEachValue(visitor);
  }

  /**
   * The fingerprint of an execution another thread is running, for the slow-statement sweeper:
   * its SQL if it was passed to {@code execute}, else the SQL its statement was prepared with.
   * Null when unknown. {@code probe} must be the calling thread's own.
   */
  FingerprintCache.Fingerprinted inFlight(Object statement, String sql, WeakIdentityMap.Probe probe) {
    StatementState state = statement == null ? null : statements.get(statement, probe);
    String text = sql != null ? sql : state == null ? null : state.preparedSql != null ? state.preparedSql : state.batchSql;
    if (text == null) {
      return null;
    }
    return fingerprints.lookup(text, state == null ? DbSystem.UNKNOWN : state.connection.dbSystem);
  }

  @Override
  public void onPoolCheckout(Object dataSource, long startNanos, long endNanos, boolean connected, Throwable error) {
    // A pool starting up on the caller's thread spends the time connecting: no connection was busy.
    if (error != null || connected) {
      return;
    }
    boolean wait = scopes != null && scopes.isPoolWait(endNanos - startNanos);
    if (metrics == null && !wait) {
      return;
    }
    try {
      String pool = PoolNames.of(dataSource);
      if (metrics != null) {
        metrics.onPoolCheckout(pool, endNanos - startNanos);
      }
      if (wait) {
        scopes.onPoolWait(pool, startNanos, endNanos);
      }
    } catch (Throwable t) {
      AgentErrors.record("pool", "could not report a wait for a pooled connection", t);
    }
  }

  /** Statements connection pools ran for themselves, kept out of the application's figures. */
  public long poolInternalStatements() {
    return poolInternalStatements.sum();
  }

  /** Successful commits. */
  public long commits() {
    return commits.sum();
  }

  /** Successful rollbacks. */
  public long rollbacks() {
    return rollbacks.sum();
  }

  /** Statement objects currently remembered (weakly). */
  public int trackedStatements() {
    return statements.size();
  }

  private ConnectionInfo connectionInfo(Object connection) {
    RecorderThreadState thread = threadState();
    ConnectionInfo info = connections.get(connection, thread.probe);
    if (info != null) {
      return info;
    }
    info = resolveConnection(connection, thread);
    connections.put(connection, info);
    return info;
  }

  /**
   * A connection we did not see being opened: a pool's proxy, a wrapper, or one opened before the
   * agent attached. Look through wrappers to the physical connection, else ask for its URL.
   */
  private ConnectionInfo resolveConnection(Object connection, RecorderThreadState thread) {
    if (!(connection instanceof Connection)) {
      return ConnectionInfo.UNKNOWN;
    }
    CallState call = JdbcHooks.state();
    // Our own calls into the driver must not be recorded as the application's.
    call.depth++;
    try {
      Connection jdbc = (Connection) connection;
      Object physical = jdbc.isWrapperFor(Connection.class) ? jdbc.unwrap(Connection.class) : null;
      if (physical != null && physical != connection) {
        ConnectionInfo known = connections.get(physical, thread.probe);
        if (known != null) {
          return known;
        }
      }
      return ConnectionInfo.next(DbSystem.fromUrl(jdbc.getMetaData().getURL()));
    } catch (Throwable t) {
      return ConnectionInfo.next(DbSystem.UNKNOWN);
    } finally {
      call.depth--;
    }
  }

  /**
   * The connection's auto-commit mode, read from the driver when unknown: once per connection, and
   * once per borrowing from a pool.
   */
  private static int autoCommit(CallState call, ConnectionInfo connection, Object statement) {
    int mode = connection.autoCommit;
    if (mode != ConnectionInfo.AUTO_COMMIT_UNKNOWN || connection == ConnectionInfo.UNKNOWN
        || !(statement instanceof Statement)) {
      return mode;
    }
    call.depth++;
    try {
      Connection jdbc = ((Statement) statement).getConnection();
      mode = jdbc != null && !jdbc.getAutoCommit() ? ConnectionInfo.AUTO_COMMIT_OFF : ConnectionInfo.AUTO_COMMIT_ON;
    } catch (Throwable t) {
      mode = ConnectionInfo.AUTO_COMMIT_ON; // the JDBC default; a closed connection runs nothing more
    } finally {
      call.depth--;
    }
    connection.autoCommit = mode;
    return mode;
  }

  private long updateCount(CallState call, Object statement) {
    if (!(statement instanceof Statement)) {
      return -1;
    }
    call.depth++;
    try {
      return ((Statement) statement).getUpdateCount();
    } catch (Throwable t) {
      return -1;
    } finally {
      call.depth--;
    }
  }

  private StatementEvent eventOf(CallState call, Object resultSet, RecorderThreadState thread) {
    if (!(resultSet instanceof ResultSet)) {
      return null;
    }
    call.depth++;
    try {
      Statement statement = ((ResultSet) resultSet).getStatement();
      StatementState state = statement == null ? null : statements.get(statement, thread.probe);
      return state == null ? null : state.lastEvent;
    } catch (Throwable t) {
      return null;
    } finally {
      call.depth--;
    }
  }

  private static long sumOfCounts(Object counts) {
    long sum = 0;
    if (counts instanceof int[]) {
      for (int count : (int[]) counts) {
        sum += Math.max(count, 0);
      }
    } else {
      for (long count : (long[]) counts) {
        sum += Math.max(count, 0);
      }
    }
    return sum;
  }

  private static RecorderThreadState threadState() {
    return threadState(JdbcHooks.state());
  }

  private static RecorderThreadState threadState(CallState call) {
    Object state = call.agentState;
    if (state instanceof RecorderThreadState) {
      return (RecorderThreadState) state;
    }
    RecorderThreadState created = new RecorderThreadState();
    call.agentState = created;
    return created;
  }
}
