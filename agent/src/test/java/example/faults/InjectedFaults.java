package example.faults;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults {@link FaultAgent}'s advice injects into the QueryLens agent, and how many it injected. Public, with
 * public members: the advice is inlined into the agent's (relocated) classes, which call these from another package.
 */
public final class InjectedFaults {

  /** The message of every injected exception, so the test can find it in what the agent says. */
  public static final String MESSAGE = "fault injected by the test's FaultAgent";

  private static final AtomicLong INJECTED = new AtomicLong();

  private InjectedFaults() {}

  /** Always true; a condition the compiler cannot fold, so the advice's throw is not dead code to the verifier. */
  public static boolean armed() {
    return INJECTED.get() >= 0;
  }

  /** Counts one injected failure and returns the exception to throw. */
  public static RuntimeException failure() {
    INJECTED.incrementAndGet();
    return new IllegalStateException(MESSAGE);
  }

  /** Counts one injected stall, prints {@code fault-agent: stalled} and sleeps {@code faults.stallMillis} (default 3000) ms, or until interrupted. */
  public static void stall() {
    INJECTED.incrementAndGet();
    System.out.println("fault-agent: stalled");
    try {
      Thread.sleep(Long.getLong("faults.stallMillis", 3_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the waiter gave up on us: leave as a timed-out parse would
    }
  }

  /** How many faults were injected so far. */
  public static long injected() {
    return INJECTED.get();
  }
}
