package io.querylens.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-thread bookkeeping shared by every piece of JDBC advice on one thread.
 *
 * <p>Internal: public only because advice inlined into driver classes must reach it from any
 * class loader. Confined to its thread; never shared, so no field needs guarding.
 */
public final class CallState {
  private static final VarHandle EXECUTING_SINCE;

  static {
    try {
      EXECUTING_SINCE = MethodHandles.lookup().findVarHandle(CallState.class, "executingSince", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The thread this state belongs to, for the in-flight sweeper (stack, name). */
  public final Thread thread = Thread.currentThread();

  /**
   * {@code System.nanoTime()} when the outermost execution now running began, or 0 when none runs.
   * Written with release and read with acquire semantics, so the sweeper thread sees {@link
   * #statement} and {@link #sql} as they were set for it without a fence on the application's path.
   */
  @SuppressWarnings("unused") // accessed through EXECUTING_SINCE
  private long executingSince;

  /** The statement object of the outermost execution now running, or null. */
  public Object statement;
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

  /**
   * How many pool {@code getConnection} calls are on this thread's stack: kept apart from {@link
   * #depth}, since the pool opens physical connections inside them and those must still be seen.
   */
  public int checkoutDepth;

  /** {@code System.nanoTime()} when the outermost pool {@code getConnection} began. */
  public long checkoutStartNanos;

  /** Whether the pool opened a physical connection on this thread during the checkout (its start-up). */
  public boolean connectedDuringCheckout;

  /** State the agent keeps for this thread (row counting, lookup probes); opaque here. */
  public Object agentState;

  CallState() {}

  /** Marks the outermost execution as running since {@code nanos}; 0 marks it finished. */
  void executingSince(long nanos) {
    EXECUTING_SINCE.setRelease(this, nanos);
  }

  /** When the outermost execution now running began, or 0; safe to call from any thread. */
  public long executingSince() {
    return (long) EXECUTING_SINCE.getAcquire(this);
  }
}
