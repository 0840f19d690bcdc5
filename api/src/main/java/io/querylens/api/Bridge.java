package io.querylens.api;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The link to the agent's bridge ({@code io.querylens.bootstrap.ScopeHooks}), found by name so that
 * this artifact works, as a no-op, without the agent: on the bootstrap class path where the agent
 * puts it, or on the class path in library mode (P6Spy), where the agent's jar is.
 *
 * <p>The agent may be attached after this class is first used, so a missing bridge is looked for
 * again, at most once a second.
 */
final class Bridge {
  static final int EXPLICIT = 1;
  static final int TEST = 2;

  private static final String HOOKS = "io.querylens.bootstrap.ScopeHooks";
  private static final long RETRY_NANOS = 1_000_000_000L;
  private static final Bridge ABSENT = new Bridge(null, null, null);

  // written under Bridge.class (lookUpOnce) once the agent is found; read without locking
  private static volatile Bridge current = ABSENT;
  private static volatile long lastLookNanos = System.nanoTime() - RETRY_NANOS;

  private final MethodHandle active;
  private final MethodHandle open;
  private final MethodHandle close;

  private Bridge(MethodHandle active, MethodHandle open, MethodHandle close) {
    this.active = active;
    this.open = open;
    this.close = close;
  }

  static Bridge get() {
    Bridge bridge = current;
    if (bridge == ABSENT && System.nanoTime() - lastLookNanos >= RETRY_NANOS) {
      bridge = lookUpOnce();
    }
    return bridge;
  }

  /**
   * One thread looks while the others wait for its answer. Without the lock, threads opening their first
   * scope while another was still looking got ABSENT, and their scopes silently did nothing (issue 10:
   * 49 of 64 threads starting together lost their first scope's N+1 to their thread's window).
   */
  private static synchronized Bridge lookUpOnce() {
    Bridge bridge = current;
    if (bridge == ABSENT && System.nanoTime() - lastLookNanos >= RETRY_NANOS) {
      bridge = lookUp();
      current = bridge;
      lastLookNanos = System.nanoTime();
    }
    return bridge;
  }

  boolean isActive() {
    if (active == null) {
      return false;
    }
    try {
      return (boolean) active.invokeExact();
    } catch (Throwable t) {
      return false;
    }
  }

  Object open(int kind, String name) {
    if (open == null) {
      return null;
    }
    try {
      return (Object) open.invokeExact(kind, name);
    } catch (Throwable t) {
      return null;
    }
  }

  void close(Object token) {
    if (close == null) {
      return;
    }
    try {
      close.invokeExact(token);
    } catch (Throwable t) {
      // the agent handles its own failures; never the application's problem
    }
  }

  private static Bridge lookUp() {
    try {
      // Parent-first: the agent's copy on the bootstrap class path wins over the one in its jar on the
      // class path, which library mode uses.
      Class<?> hooks = Class.forName(HOOKS, true, Bridge.class.getClassLoader());
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      return new Bridge(
          lookup.findStatic(hooks, "isActive", MethodType.methodType(boolean.class)),
          lookup.findStatic(hooks, "open", MethodType.methodType(Object.class, int.class, String.class)),
          lookup.findStatic(hooks, "close", MethodType.methodType(void.class, Object.class)));
    } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
      return ABSENT;
    }
  }
}
