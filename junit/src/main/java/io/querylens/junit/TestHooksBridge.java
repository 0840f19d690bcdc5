package io.querylens.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Calls the agent's {@code io.querylens.bootstrap.TestHooks}, found by name: this module links to no
 * agent class, so that the agent's own copy (on the bootstrap class path under {@code -javaagent},
 * or in the agent jar on the class path in library mode) is the one it talks to.
 *
 * <p>Only {@code java.base} types cross: tokens are opaque objects, results are JSON strings. The
 * hooks never throw. Thread-safe.
 */
final class TestHooksBridge {
  /** The class's name; the agent keeps it, and its methods' signatures, as a contract with us. */
  static final String CLASS_NAME = "io.querylens.bootstrap.TestHooks";

  private final MethodHandle isActive;
  private final MethodHandle open;
  private final MethodHandle snapshot;
  private final MethodHandle reset;
  private final MethodHandle pause;
  private final MethodHandle resume;
  private final MethodHandle close;

  private TestHooksBridge(Class<?> hooks) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    this.isActive = lookup.findStatic(hooks, "isActive", MethodType.methodType(boolean.class));
    this.open = lookup.findStatic(hooks, "open", MethodType.methodType(Object.class, String.class, String.class));
    this.snapshot = lookup.findStatic(hooks, "snapshot", MethodType.methodType(String.class, Object.class));
    this.reset = lookup.findStatic(hooks, "reset", MethodType.methodType(void.class, Object.class));
    this.pause = lookup.findStatic(hooks, "pause", MethodType.methodType(Object.class, Object.class));
    this.resume = lookup.findStatic(hooks, "resume", MethodType.methodType(void.class, Object.class));
    this.close = lookup.findStatic(hooks, "close", MethodType.methodType(String.class, Object.class));
  }

  /**
   * The bridge to {@code hooks}, the agent's {@code TestHooks} class.
   *
   * @throws ReflectiveOperationException when it lacks a method of the contract (an agent of another
   *     release)
   */
  static TestHooksBridge of(Class<?> hooks) throws ReflectiveOperationException {
    return new TestHooksBridge(hooks);
  }

  boolean isActive() {
    try {
      return (boolean) isActive.invokeExact();
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** A token for the test, or null when the agent could not start recording it. */
  Object open(String testId, String displayName) {
    try {
      return (Object) open.invokeExact(testId, displayName);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** The JSON of what the test ran so far, or null when the agent failed. */
  String snapshot(Object token) {
    try {
      return (String) snapshot.invokeExact(token);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  void reset(Object token) {
    try {
      reset.invokeExact(token);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** A token for {@link #resume}, or null when the agent failed. */
  Object pause(Object token) {
    try {
      return (Object) pause.invokeExact(token);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  void resume(Object pauseToken) {
    try {
      resume.invokeExact(pauseToken);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  /** The JSON of what the test ran, or null when the agent failed. */
  String close(Object token) {
    try {
      return (String) close.invokeExact(token);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  // TestHooks catches everything its listener throws; only an Error of the JVM itself gets here.
  private static RuntimeException unexpected(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException("QueryLens: the agent's TestHooks threw, which its contract rules out", t);
  }
}
