package io.querylens.agent.library;

import io.querylens.agent.AgentInstaller;
import io.querylens.agent.AgentLog;

/**
 * Starts QueryLens in library mode: the agent's own pipeline (recorder, detectors, reports,
 * metrics) without instrumentation, for P6Spy's listener to feed.
 *
 * <p>{@link QueryLensP6Module} and {@link QueryLensJdbcEventListener} call {@link #start()}; an
 * integration such as a test extension may call it too. Thread-safe.
 *
 * @since 0.1
 */
public final class LibraryMode {
  /**
   * Only the agent puts its hooks on the bootstrap class path ({@code -javaagent} or attach); the
   * copy library mode uses, in this jar on the class path, is not found there.
   */
  private static final String BOOTSTRAP_HOOKS = "io.querylens.bootstrap.JdbcHooks";

  private static final String BOOTSTRAP_TEST_HOOKS = "io.querylens.bootstrap.TestHooks";

  // guarded by the class monitor; decided by the first call, then only read
  private static Boolean recording;

  private LibraryMode() {}

  /**
   * Starts library mode on the first call; later calls return the first call's answer. Says on
   * standard error, once, that it started or why it stands aside. Never throws.
   *
   * @return whether library mode records statements: false when the agent is in this JVM (it sees
   *     every statement below P6Spy, so recording here too would count each twice), when QueryLens is
   *     disabled ({@code querylens.enabled=false}), or when it could not start
   */
  public static synchronized boolean start() {
    if (recording == null) {
      recording = decide();
    }
    return recording;
  }

  /**
   * Whether library mode was started in this JVM and records statements; never starts it. A test
   * extension asks this before it attaches the agent, which would then refuse to start.
   */
  public static synchronized boolean isRecording() {
    return Boolean.TRUE.equals(recording);
  }

  private static boolean decide() {
    try {
      String agent = agentInThisJvm();
      if (agent != null) {
        AgentLog.info(agent);
        return false;
      }
      return AgentInstaller.installLibraryMode();
    } catch (Throwable t) {
      // Never stop the application: without library mode it runs exactly as before.
      AgentLog.warn("could not start library mode (P6Spy), the application runs without QueryLens: " + t);
      return false;
    }
  }

  /** Why library mode stands aside for the agent, or null when no agent is in this JVM. */
  static String agentInThisJvm() {
    try {
      Class.forName(BOOTSTRAP_HOOKS, false, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
    // The bridge is appended before the agent reads its options, so it is there even when the agent was
    // disabled or failed to start; library mode stands aside then too, rather than guess whether it may
    // record under the agent's instrumentation.
    return recordsStatements()
        ? "the agent runs in this JVM and sees every statement below P6Spy; library mode (P6Spy) stands aside"
        : "the agent is in this JVM but records nothing (disabled, or it could not start); library mode (P6Spy)"
            + " stands aside";
  }

  private static boolean recordsStatements() {
    try {
      return (Boolean) Class.forName(BOOTSTRAP_TEST_HOOKS, false, null).getMethod("isActive").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return true; // cannot tell (a bridge without TestHooks): say what is most likely
    }
  }
}
