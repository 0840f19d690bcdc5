package io.querylens.junit;

import org.junit.platform.commons.JUnitException;

/**
 * One test's recording in the agent, from the moment before its method runs until {@link #finish()}.
 *
 * <p>Kept in the test's store: if the test ends without {@link #finish()} (another extension failed
 * first), Jupiter closes it. Used on the test's thread; {@link #snapshot()} may be called from any.
 */
final class TestCapture implements AutoCloseable {
  private final TestHooksBridge hooks;
  private final Object token;
  private final String testId;
  private final String testName;
  // set on the test's thread when it ends; read by recordings a test may have handed to other threads
  private volatile boolean finished;

  private TestCapture(TestHooksBridge hooks, Object token, String testId, String testName) {
    this.hooks = hooks;
    this.token = token;
    this.testId = testId;
    this.testName = testName;
  }

  /**
   * Starts recording the test {@code testName}, on the calling thread.
   *
   * @throws JUnitException when the agent could not start recording
   */
  static TestCapture open(TestHooksBridge hooks, String testId, String testName) {
    Object token = hooks.open(testId, testName);
    if (token == null) {
      throw agentFailed("start recording " + testName);
    }
    return new TestCapture(hooks, token, testId, testName);
  }

  String testId() {
    return testId;
  }

  String testName() {
    return testName;
  }

  /** What the test ran so far. */
  RecordedQueries snapshot() {
    requireRunning("snapshot()");
    return read(hooks.snapshot(token));
  }

  /** Forgets what the test ran so far. */
  void reset() {
    requireRunning("reset()");
    hooks.reset(token);
  }

  /** Stops counting until {@link #resume}; returns the pause's token. */
  Object pause() {
    requireRunning("notCounted(...)");
    Object pause = hooks.pause(token);
    if (pause == null) {
      throw agentFailed("pause recording " + testName);
    }
    return pause;
  }

  void resume(Object pause) {
    hooks.resume(pause);
  }

  /** Ends the recording; returns what the test ran. */
  RecordedQueries finish() {
    finished = true;
    return read(hooks.close(token));
  }

  /** Ends the recording, if {@link #finish()} did not. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      hooks.close(token);
    }
  }

  private RecordedQueries read(String json) {
    if (json == null) {
      throw agentFailed("read what " + testName + " ran");
    }
    return new RecordedQueries(testName, CapturedJson.parse(json));
  }

  private static JUnitException agentFailed(String what) {
    return new JUnitException(
        "QueryLens could not " + what + ": the agent failed (it counts such failures in querylens_agent_errors_total)");
  }

  private void requireRunning(String call) {
    if (finished) {
      throw new IllegalStateException("QueryRecording." + call + " after " + testName
          + " ended: a QueryRecording works only while its test method runs");
    }
  }
}
