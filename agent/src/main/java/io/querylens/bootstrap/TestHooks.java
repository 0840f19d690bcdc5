package io.querylens.bootstrap;

/**
 * The static entry points for test frameworks: the QueryLens JUnit extension finds this class by
 * name and calls it reflectively, so that it depends on no agent class.
 *
 * <p>Internal: appended to the bootstrap class path with {@link ScopeHooks}, or on the class path in
 * library mode. The names and signatures are a contract with {@code querylens-junit}: change them
 * only together. Never throws.
 */
public final class TestHooks {
  // written once at start-up; read per test
  private static volatile TestListener listener;

  private TestHooks() {}

  /** Installs the listener that receives the calls. */
  public static void install(TestListener newListener) {
    listener = newListener;
  }

  /** Whether something records statements in this JVM: the agent, or library mode. */
  public static boolean isActive() {
    return listener != null;
  }

  /** See {@link TestListener#open}; null when nothing records. */
  public static Object open(String testId, String displayName) {
    TestListener current = listener;
    if (current == null) {
      return null;
    }
    try {
      return current.open(testId, displayName);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link TestListener#snapshot}. */
  public static String snapshot(Object token) {
    TestListener current = listener;
    if (current == null || token == null) {
      return null;
    }
    try {
      return current.snapshot(token);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link TestListener#reset}. */
  public static void reset(Object token) {
    TestListener current = listener;
    if (current == null || token == null) {
      return;
    }
    try {
      current.reset(token);
    } catch (Throwable t) {
      // the listener counts its own failures
    }
  }

  /** See {@link TestListener#pause}. */
  public static Object pause(Object token) {
    TestListener current = listener;
    if (current == null || token == null) {
      return null;
    }
    try {
      return current.pause(token);
    } catch (Throwable t) {
      return null;
    }
  }

  /** See {@link TestListener#resume}. */
  public static void resume(Object pauseToken) {
    TestListener current = listener;
    if (current == null || pauseToken == null) {
      return;
    }
    try {
      current.resume(pauseToken);
    } catch (Throwable t) {
      // see reset
    }
  }

  /** See {@link TestListener#close}. */
  public static String close(Object token) {
    TestListener current = listener;
    if (current == null || token == null) {
      return null;
    }
    try {
      return current.close(token);
    } catch (Throwable t) {
      return null;
    }
  }
}
