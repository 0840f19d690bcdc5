package io.querylens.bootstrap;

/**
 * Receives a test framework's calls: a test starts, is looked at, pauses, resumes and ends;
 * implemented by the agent (or by library mode).
 *
 * <p>Internal: the test framework's classes do not share the agent's, so only {@code java.base}
 * types cross: tokens are opaque, results are JSON strings (the analyzer's {@code CapturedQueries}).
 * Implementations must never throw.
 */
public interface TestListener {
  /**
   * Starts capturing for the test {@code testId} (unique among running tests), named {@code
   * displayName} in reports, on the calling thread; returns the token for the other calls, or null.
   */
  Object open(String testId, String displayName);

  /** What the test ran so far, as JSON; null when it cannot be told. */
  String snapshot(Object token);

  /** Forgets what the test ran so far; on the test's thread. */
  void reset(Object token);

  /** Stops counting, on the test's thread and for requests it sends, until {@link #resume}; returns its token. */
  Object pause(Object token);

  /** Ends the pause {@code pauseToken} names. */
  void resume(Object pauseToken);

  /** Ends the test, on its thread; returns what it ran, as JSON, or null. */
  String close(Object token);
}
