package io.querylens.agent.library;

import com.p6spy.engine.common.CallableStatementInformation;
import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.common.PreparedStatementInformation;
import com.p6spy.engine.common.ResultSetInformation;
import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import io.querylens.agent.AgentErrors;
import io.querylens.agent.AgentLog;
import io.querylens.bootstrap.JdbcHooks;
import io.querylens.bootstrap.JdbcListener;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Translates P6Spy's callbacks into the calls the agent's JDBC advice makes on {@link JdbcHooks}, so
 * library mode records exactly what the agent would.
 *
 * <p>Identities are the JDBC objects below P6Spy (its {@code *Information} objects name them), the
 * same from a statement's first use to its close. Executions enter and leave the hooks' per-thread
 * call depth around the driver's work, as the advice does; nothing nests inside in library mode, so
 * each execution is recorded once.
 *
 * <p>Registered by {@link QueryLensP6Module}, or through P6Spy's {@code ServiceLoader} with this class
 * named in {@code META-INF/services/com.p6spy.engine.event.JdbcEventListener}. Only one instance ever
 * records; when library mode stands aside every callback returns at once. Callbacks run on the
 * application's threads and never throw: P6Spy calls listeners without catching.
 *
 * @since 0.1
 */
public final class QueryLensJdbcEventListener extends JdbcEventListener {
  private static final String P6SPY_URL_PREFIX = "jdbc:p6spy:";
  private static final String CONNECTION_WRAPPER = "com.p6spy.engine.wrapper.ConnectionWrapper";

  // the instance that records: registered both ways, each statement would reach the recorder twice
  private static final AtomicReference<QueryLensJdbcEventListener> recordingInstance = new AtomicReference<>();

  /** Whether this instance records; false when library mode stands aside, or for a second registration. */
  private final boolean active;

  private final KnownStatements known = new KnownStatements();

  /**
   * Creates the listener and starts library mode ({@link LibraryMode#start()}); for P6Spy's {@code
   * ServiceLoader}.
   */
  public QueryLensJdbcEventListener() {
    this.active = LibraryMode.start() && claim(this);
  }

  /** A listener that records, or not, whatever library mode decided; for tests. */
  QueryLensJdbcEventListener(boolean active) {
    this.active = active;
  }

  /** The listener {@link QueryLensP6Module} registers: one for the JVM, whichever module instance asks. */
  static QueryLensJdbcEventListener shared() {
    return Shared.INSTANCE;
  }

  private static final class Shared {
    static final QueryLensJdbcEventListener INSTANCE = new QueryLensJdbcEventListener();
  }

  private static boolean claim(QueryLensJdbcEventListener candidate) {
    if (recordingInstance.compareAndSet(null, candidate)) {
      return true;
    }
    AgentLog.warn("library mode (P6Spy) is registered twice, in modulelist and in META-INF/services;"
        + " the second registration is ignored");
    return false;
  }

  @Override
  public void onAfterGetConnection(ConnectionInformation info, SQLException error) {
    if (!active) {
      return;
    }
    try {
      Driver driver = info.getDriver();
      // A data source's connection may come from a pool, so it is no physical connection being opened;
      // the recorder learns it on its first statement, as it learns a pool's proxies under the agent.
      if (driver != null) {
        // P6Spy hands the real driver its URL without the prefix; lock probes connect the same way. The
        // properties (user, password) are not passed to listeners.
        JdbcHooks.exitConnect(JdbcHooks.enter(), driver, realUrl(info.getUrl()), null, info.getConnection(), error);
      }
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void onAfterCommit(ConnectionInformation info, long timeElapsedNanos, SQLException error) {
    connectionCall(info, JdbcListener.COMMIT, error);
  }

  @Override
  public void onAfterRollback(ConnectionInformation info, long timeElapsedNanos, SQLException error) {
    // P6Spy reports rollback(Savepoint) the same way; it ends no transaction, and the agent follows
    // rollback() only. Rollbacks are rare enough to look at the caller.
    if (active && !isSavepointRollback()) {
      connectionCall(info, JdbcListener.ROLLBACK, error);
    }
  }

  @Override
  public void onAfterSetAutoCommit(
      ConnectionInformation info, boolean newAutoCommit, boolean oldAutoCommit, SQLException error) {
    connectionCall(info, newAutoCommit ? JdbcListener.AUTO_COMMIT_ON : JdbcListener.AUTO_COMMIT_OFF, error);
  }

  @Override
  public void onAfterConnectionClose(ConnectionInformation info, SQLException error) {
    connectionCall(info, JdbcListener.CLOSE, error);
  }

  @Override
  public void onAfterPreparedStatementSet(
      PreparedStatementInformation info, int parameterIndex, Object value, SQLException error) {
    if (!active) {
      return;
    }
    try {
      Statement statement = info.getStatement();
      announce(info, statement);
      JdbcHooks.exitSetParameter(JdbcHooks.enter(), statement, parameterIndex, value, error);
    } catch (Throwable t) {
      failed(t);
    }
  }

  /** Named parameters are not followed: the agent follows {@code setXxx(int, ...)} only, and so must this. */
  @Override
  public void onAfterCallableStatementSet(
      CallableStatementInformation info, String parameterName, Object value, SQLException error) {}

  @Override
  public void onAfterAddBatch(PreparedStatementInformation info, long timeElapsedNanos, SQLException error) {
    addBatch(info, null, error);
  }

  @Override
  public void onAfterAddBatch(StatementInformation info, long timeElapsedNanos, String sql, SQLException error) {
    addBatch(info, sql, error);
  }

  @Override
  public void onBeforeExecute(PreparedStatementInformation info) {
    beforeExecute(info, null);
  }

  @Override
  public void onBeforeExecute(StatementInformation info, String sql) {
    beforeExecute(info, sql);
  }

  @Override
  public void onBeforeExecuteQuery(PreparedStatementInformation info) {
    beforeExecute(info, null);
  }

  @Override
  public void onBeforeExecuteQuery(StatementInformation info, String sql) {
    beforeExecute(info, sql);
  }

  @Override
  public void onBeforeExecuteUpdate(PreparedStatementInformation info) {
    beforeExecute(info, null);
  }

  @Override
  public void onBeforeExecuteUpdate(StatementInformation info, String sql) {
    beforeExecute(info, sql);
  }

  @Override
  public void onBeforeExecuteBatch(StatementInformation info) {
    beforeExecute(info, null);
  }

  // execute() says whether a result set came back, and P6Spy does not pass that on. The recorder takes
  // FALSE as "ask the statement for its update count", and getUpdateCount() is -1 after a result set:
  // the same rows as the agent's, either way.

  @Override
  public void onAfterExecute(PreparedStatementInformation info, long timeElapsedNanos, SQLException error) {
    afterExecute(info, Boolean.FALSE, -1L, error);
  }

  @Override
  public void onAfterExecute(StatementInformation info, long timeElapsedNanos, String sql, SQLException error) {
    afterExecute(info, Boolean.FALSE, -1L, error);
  }

  // executeQuery's result set is not passed on either: its rows are counted from its first next().

  @Override
  public void onAfterExecuteQuery(PreparedStatementInformation info, long timeElapsedNanos, SQLException error) {
    afterExecute(info, null, -1L, error);
  }

  @Override
  public void onAfterExecuteQuery(StatementInformation info, long timeElapsedNanos, String sql, SQLException error) {
    afterExecute(info, null, -1L, error);
  }

  @Override
  public void onAfterExecuteUpdate(
      PreparedStatementInformation info, long timeElapsedNanos, int rowCount, SQLException error) {
    afterExecute(info, null, error == null ? rowCount : -1L, error);
  }

  @Override
  public void onAfterExecuteUpdate(
      StatementInformation info, long timeElapsedNanos, String sql, int rowCount, SQLException error) {
    afterExecute(info, null, error == null ? rowCount : -1L, error);
  }

  @Override
  public void onAfterExecuteBatch(
      StatementInformation info, long timeElapsedNanos, int[] updateCounts, SQLException error) {
    afterExecute(info, updateCounts, -1L, error);
  }

  @Override
  public void onAfterResultSetNext(
      ResultSetInformation info, long timeElapsedNanos, boolean hasNext, SQLException error) {
    if (!active) {
      return;
    }
    try {
      JdbcHooks.exitNext(JdbcHooks.enter(), info.getResultSet(), hasNext);
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void onAfterResultSetClose(ResultSetInformation info, SQLException error) {
    if (!active) {
      return;
    }
    try {
      JdbcHooks.exitResultSetClose(JdbcHooks.enter(), info.getResultSet());
    } catch (Throwable t) {
      failed(t);
    }
  }

  @Override
  public void onAfterStatementClose(StatementInformation info, SQLException error) {
    if (!active) {
      return;
    }
    try {
      Statement statement = info.getStatement();
      if (statement != null) {
        known.remove(statement);
        JdbcHooks.exitStatementClose(JdbcHooks.enter(), statement);
      }
    } catch (Throwable t) {
      failed(t);
    }
  }

  private void beforeExecute(StatementInformation info, String sql) {
    if (!active) {
      return;
    }
    try {
      Statement statement = info.getStatement();
      // Announced first, at depth 0: inside the execution it would count as a nested call and be dropped.
      announce(info, statement);
      JdbcHooks.enterExecute(statement, sql);
    } catch (Throwable t) {
      failed(t);
    }
  }

  private void afterExecute(StatementInformation info, Object result, long rows, SQLException error) {
    if (!active) {
      return;
    }
    try {
      // P6Spy calls the after-callback on the thread of the before-callback, in a finally: the state is
      // the one enterExecute returned, and the depth goes back to where it was.
      JdbcHooks.exitExecute(JdbcHooks.state(), info.getStatement(), result, rows, error);
    } catch (Throwable t) {
      failed(t);
    }
  }

  private void addBatch(StatementInformation info, String sql, SQLException error) {
    if (!active) {
      return;
    }
    try {
      Statement statement = info.getStatement();
      announce(info, statement);
      JdbcHooks.exitAddBatch(JdbcHooks.enter(), statement, sql, error);
    } catch (Throwable t) {
      failed(t);
    }
  }

  private void connectionCall(ConnectionInformation info, int kind, SQLException error) {
    if (!active) {
      return;
    }
    try {
      Connection connection = info.getConnection();
      if (connection != null) {
        JdbcHooks.exitConnectionCall(JdbcHooks.enter(), connection, kind, error);
      }
    } catch (Throwable t) {
      failed(t);
    }
  }

  /**
   * Tells the recorder of a statement on its first use, as the advice on {@code prepareStatement} or
   * {@code createStatement} would have: P6Spy has no callback for those.
   */
  private void announce(StatementInformation info, Statement statement) {
    if (statement == null || !known.add(statement)) {
      return;
    }
    Connection connection = info.getConnectionInformation().getConnection();
    if (info instanceof PreparedStatementInformation) {
      JdbcHooks.exitPrepare(JdbcHooks.enter(), connection, info.getStatementQuery(), statement);
    } else {
      JdbcHooks.exitCreateStatement(JdbcHooks.enter(), connection, statement);
    }
  }

  private static boolean isSavepointRollback() {
    try {
      // Class references: from JDK 22 on, a frame's method type or descriptor needs them.
      return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames.limit(16)
          .anyMatch(frame -> frame.getClassName().equals(CONNECTION_WRAPPER) && frame.getMethodName().equals("rollback")
              && frame.getMethodType().parameterCount() != 0));
    } catch (Throwable t) {
      failed(t);
      return false;
    }
  }

  /** {@code jdbc:p6spy:h2:mem:x} is {@code jdbc:h2:mem:x} to the real driver. */
  static String realUrl(String url) {
    return url != null && url.startsWith(P6SPY_URL_PREFIX)
        ? "jdbc:" + url.substring(P6SPY_URL_PREFIX.length())
        : url;
  }

  private static void failed(Throwable t) {
    AgentErrors.record("library", "library mode (P6Spy) could not follow a JDBC call", t);
  }
}
