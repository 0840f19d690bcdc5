package io.querylens.bootstrap;

/**
 * Receives what the JDBC advice observes; implemented by the agent's recorder.
 *
 * <p>Internal: lives on the bootstrap class path, so it names no {@code java.sql} type (that module
 * is not visible from the bootstrap loader). Every call arrives on the application's thread, only
 * for the outermost JDBC call; implementations must be fast and must never throw.
 */
public interface JdbcListener {
  /** Transaction-related connection calls, for {@link #onConnectionCall}. */
  int COMMIT = 1;
  int ROLLBACK = 2;
  int AUTO_COMMIT_ON = 3;
  int AUTO_COMMIT_OFF = 4;
  int CLOSE = 5;

  /**
   * A driver opened a physical connection ({@code connection} is null when it failed) from {@code url}
   * and {@code properties} (a {@code java.util.Properties}, possibly null).
   */
  void onConnect(Object driver, String url, Object properties, Object connection, Throwable error);

  /** A statement was prepared ({@code prepareStatement}/{@code prepareCall}) from this SQL. */
  void onPrepare(Object connection, String sql, Object statement);

  /** A plain statement was created. */
  void onCreateStatement(Object connection, Object statement);

  /** {@code addBatch()} (sql null) or {@code addBatch(String)}. */
  void onAddBatch(Object statement, String sql);

  /**
   * An execution finished. {@code state.startNanos} and {@code state.sql} describe its start.
   *
   * @param result the returned ResultSet, Boolean, int[] or long[], or null
   * @param rows the returned update count, or -1 when the method returns none
   */
  void onExecute(CallState state, Object statement, Object result, long rows, Throwable error, long endNanos);

  /**
   * A parameter was bound ({@code setInt}, {@code setString}, {@code setObject}...): {@code index} is
   * 1-based, {@code value} is the value (boxed for primitives). Only its hash may be kept.
   */
  void onParameter(Object statement, int index, Object value);

  /** {@code ResultSet.next()} returned; {@code more} is its result. */
  void onNext(CallState state, Object resultSet, boolean more);

  /** A result set was closed. */
  void onResultSetClose(CallState state, Object resultSet);

  /** A statement was closed. */
  void onStatementClose(Object statement);

  /**
   * The application's outermost {@code getConnection()} on a connection pool returned (or failed):
   * how long it waited for a connection; {@code connected} when the pool opened a physical connection
   * on this thread meanwhile (its start-up), rather than waiting for one to be free.
   */
  void onPoolCheckout(Object dataSource, long startNanos, long endNanos, boolean connected, Throwable error);

  /** Commit, rollback, auto-commit change or close on a connection. */
  void onConnectionCall(Object connection, int kind, Throwable error);
}
