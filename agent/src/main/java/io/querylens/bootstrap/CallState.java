package io.querylens.bootstrap;

/**
 * Per-thread bookkeeping shared by every piece of JDBC advice on one thread.
 *
 * <p>Internal: public only because advice inlined into driver classes must reach it from any
 * class loader. Confined to its thread; never shared, so no field needs guarding.
 */
public final class CallState {
  /**
   * How many instrumented JDBC calls are on this thread's stack. Only the outermost call (depth
   * going 0 to 1) records: wrappers (pools, P6Spy, Spring proxies) delegate to the driver, and
   * drivers run statements inside their own calls; without this guard each would count twice.
   */
  public int depth;

  /** {@code System.nanoTime()} when the outermost call began. */
  public long startNanos;

  /** SQL passed to the outermost {@code execute*(String ...)} call, or null. */
  public String sql;

  /** How many pool-internal methods (validation, connection set-up) are on this thread's stack. */
  public int poolDepth;

  /** State the agent keeps for this thread (row counting, lookup probes); opaque here. */
  public Object agentState;

  CallState() {}
}
