package io.querylens.exporter.metrics;

import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One statement's meters, kept on its statistics so that recording an execution is one field read
 * and one timer update: one timer per outcome (success, or each error type), made on first use.
 */
final class StatementMeters {
  /** The metrics' label generation these meters were resolved in; stale ones are resolved again. */
  final int generation;
  /** The statement's own summary, before capping: what its weight counts towards. */
  final String summary;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final java.util.function.Function<String, Timer> timerFor;
  // the timer of successes, made on the first one: a statement that only fails has no empty series
  private volatile Timer succeeded;
  // read and written by the metrics' re-rank thread only
  long rankedNanos;

  /** Meters whose timers {@code timerFor} makes from an error type, {@code ""} for successes. */
  StatementMeters(int generation, String summary, java.util.function.Function<String, Timer> timerFor) {
    this.generation = generation;
    this.summary = summary;
    this.timerFor = timerFor;
  }

  void succeeded(long durationNanos) {
    Timer timer = succeeded;
    if (timer == null) {
      // Racing threads get the same timer from the registry, so either write is right.
      timer = timers.computeIfAbsent("", timerFor);
      succeeded = timer;
    }
    timer.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** A failure; {@code errorType} is already capped, so this map stays small. */
  void failed(long durationNanos, String errorType) {
    timers.computeIfAbsent(errorType, timerFor).record(durationNanos, TimeUnit.NANOSECONDS);
  }
}
