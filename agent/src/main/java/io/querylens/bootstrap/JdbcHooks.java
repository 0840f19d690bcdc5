package io.querylens.bootstrap;

/**
 * The static entry points that advice inlined into JDBC classes calls.
 *
 * <p>Internal: this class is appended to the bootstrap class path so that driver classes in any
 * class loader can link to it; it depends on nothing but {@code java.base}. Until the agent
 * installs its listener, and whenever the listener fails, the hooks do nothing.
 */
public final class JdbcHooks {
  private static final ThreadLocal<CallState> STATE = ThreadLocal.withInitial(JdbcHooks::newState);

  // every thread's state, weakly: the in-flight sweeper looks at each; dead threads' entries are pruned
  private static final java.util.concurrent.ConcurrentLinkedQueue<java.lang.ref.WeakReference<CallState>> STATES =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private static final JdbcListener NOOP = new NoopListener();

  // written once at start-up by the agent; read on every JDBC call
  private static volatile JdbcListener listener = NOOP;

  private JdbcHooks() {}

  /** Installs the listener that receives every outermost JDBC call. */
  public static void install(JdbcListener newListener) {
    listener = newListener == null ? NOOP : newListener;
  }

  private static CallState newState() {
    CallState state = new CallState();
    STATES.add(new java.lang.ref.WeakReference<>(state));
    return state;
  }

  /**
   * Calls {@code visitor} with every live thread's state, dropping those of threads that ended;
   * for the agent's sweeper thread.
   */
  public static void forEachState(java.util.function.Consumer<CallState> visitor) {
    for (java.util.Iterator<java.lang.ref.WeakReference<CallState>> it = STATES.iterator(); it.hasNext(); ) {
      CallState state = it.next().get();
      if (state == null || !state.thread.isAlive()) {
        it.remove();
      } else {
        visitor.accept(state);
      }
    }
  }

  /** Returns the current thread's state without entering a call. */
  public static CallState state() {
    return STATE.get();
  }

  /** Enters an instrumented call; the returned state must be passed to the matching exit. */
  public static CallState enter() {
    CallState state = STATE.get();
    state.depth++;
    return state;
  }

  /** Leaves an instrumented call; true when it was the outermost one. */
  public static boolean exit(CallState state) {
    if (state == null) {
      return false;
    }
    int depth = --state.depth;
    if (depth < 0) {
      // Can only happen when an enter advice was skipped (class retransformed mid-call); heal.
      state.depth = 0;
      return false;
    }
    return depth == 0;
  }

  /** Enters a statement execution, timing it when it is the outermost call. */
  public static CallState enterExecute(Object statement, String sql) {
    CallState state = STATE.get();
    if (state.depth++ == 0) {
      state.sql = sql;
      state.statement = statement;
      long start = System.nanoTime();
      state.startNanos = start;
      state.executingSince(start);
    }
    return state;
  }

  /** Leaves a statement execution. */
  public static void exitExecute(CallState state, Object statement, Object result, long rows, Throwable error) {
    if (exit(state)) {
      long end = System.nanoTime();
      state.executingSince(0);
      listener.onExecute(state, statement, result, rows, error, end);
      state.sql = null;
      state.statement = null;
    }
  }

  public static void exitConnect(
      CallState state, Object driver, String url, Object properties, Object connection, Throwable error) {
    if (exit(state)) {
      if (state.checkoutDepth > 0) {
        state.connectedDuringCheckout = true;
      }
      listener.onConnect(driver, url, properties, connection, error);
    }
  }

  public static void exitPrepare(CallState state, Object connection, String sql, Object statement) {
    if (exit(state) && statement != null) {
      listener.onPrepare(connection, sql, statement);
    }
  }

  public static void exitCreateStatement(CallState state, Object connection, Object statement) {
    if (exit(state) && statement != null) {
      listener.onCreateStatement(connection, statement);
    }
  }

  public static void exitAddBatch(CallState state, Object statement, String sql, Throwable error) {
    if (exit(state) && error == null) {
      listener.onAddBatch(statement, sql);
    }
  }

  public static void exitSetParameter(CallState state, Object statement, int index, Object value, Throwable error) {
    if (exit(state) && error == null) {
      listener.onParameter(statement, index, value);
    }
  }

  public static void exitNext(CallState state, Object resultSet, boolean more) {
    if (exit(state)) {
      listener.onNext(state, resultSet, more);
    }
  }

  public static void exitResultSetClose(CallState state, Object resultSet) {
    if (exit(state)) {
      listener.onResultSetClose(state, resultSet);
    }
  }

  public static void exitStatementClose(CallState state, Object statement) {
    if (exit(state)) {
      listener.onStatementClose(statement);
    }
  }

  public static void exitConnectionCall(CallState state, Object connection, int kind, Throwable error) {
    if (exit(state)) {
      listener.onConnectionCall(connection, kind, error);
    }
  }

  /** Enters a pool's {@code getConnection}; the outermost one is timed. */
  public static CallState enterCheckout() {
    CallState state = STATE.get();
    if (state.checkoutDepth++ == 0) {
      state.checkoutStartNanos = System.nanoTime();
      state.connectedDuringCheckout = false;
    }
    return state;
  }

  /** Leaves a pool's {@code getConnection}. */
  public static void exitCheckout(CallState state, Object dataSource, Throwable error) {
    if (state != null && state.checkoutDepth > 0 && --state.checkoutDepth == 0) {
      listener.onPoolCheckout(dataSource, state.checkoutStartNanos, System.nanoTime(), state.connectedDuringCheckout,
          error);
    }
  }

  /** Enters a pool's own method (validation, initialisation); statements inside are pool-internal. */
  public static CallState enterPoolInternal() {
    CallState state = STATE.get();
    state.poolDepth++;
    return state;
  }

  public static void exitPoolInternal(CallState state) {
    if (state != null && state.poolDepth > 0) {
      state.poolDepth--;
    }
  }

  private static final class NoopListener implements JdbcListener {
    @Override public void onConnect(Object driver, String url, Object properties, Object connection, Throwable error) {}
    @Override public void onPrepare(Object connection, String sql, Object statement) {}
    @Override public void onCreateStatement(Object connection, Object statement) {}
    @Override public void onAddBatch(Object statement, String sql) {}
    @Override public void onExecute(CallState state, Object statement, Object result, long rows, Throwable error, long endNanos) {}
    @Override public void onParameter(Object statement, int index, Object value) {}
    @Override public void onNext(CallState state, Object resultSet, boolean more) {}
    @Override public void onResultSetClose(CallState state, Object resultSet) {}
    @Override public void onStatementClose(Object statement) {}
    @Override public void onConnectionCall(Object connection, int kind, Throwable error) {}
    @Override public void onPoolCheckout(Object dataSource, long startNanos, long endNanos, boolean connected, Throwable error) {}
  }
}
