package io.querylens.exporter.metrics;

/**
 * Where the metrics count their own failures: the agent's error counter, which says each kind once.
 */
@FunctionalInterface
public interface FailureSink {
  /**
   * Counts a failure of {@code kind}; the first of each kind is said with {@code message}.
   *
   * @param cause what was thrown, or null
   */
  void failed(String kind, String message, Throwable cause);
}
