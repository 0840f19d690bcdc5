package io.querylens.analyzer.detect;

/**
 * Turns {@link System#nanoTime()} readings into wall-clock milliseconds, so the execution path reads
 * one clock and divides nothing; the conversion happens when a report is taken.
 *
 * @since 0.1
 */
public final class EpochClock {
  // one anchor for the JVM's life; nanoTime does not drift from it enough to matter for reports
  private static final long ANCHOR_MILLIS = System.currentTimeMillis();
  private static final long ANCHOR_NANOS = System.nanoTime();

  private EpochClock() {}

  /** The wall-clock time, in epoch milliseconds, of the {@code System.nanoTime()} reading {@code nanos}. */
  public static long toEpochMillis(long nanos) {
    return ANCHOR_MILLIS + (nanos - ANCHOR_NANOS) / 1_000_000L;
  }
}
