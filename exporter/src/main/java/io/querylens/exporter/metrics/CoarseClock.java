package io.querylens.exporter.metrics;

import io.micrometer.core.instrument.Clock;

/**
 * Micrometer's clock, with a wall time that {@link #tick()} refreshes every {@value #TICK_MILLIS} ms
 * instead of a clock read per call.
 *
 * <p>Micrometer reads the wall clock twice per recorded timing, to rotate the windows of its maximum
 * and its histogram; those windows are tens of seconds long, so a time at most a tick old is as good,
 * and it saves two clock reads on every JDBC execution.
 */
final class CoarseClock implements Clock {
  static final long TICK_MILLIS = 100;

  private volatile long wallMillis = System.currentTimeMillis();

  /** Reads the wall clock; called every {@value #TICK_MILLIS} ms by the metrics' maintenance thread. */
  void tick() {
    wallMillis = System.currentTimeMillis();
  }

  @Override
  public long wallTime() {
    return wallMillis;
  }

  @Override
  public long monotonicTime() {
    return System.nanoTime();
  }
}
