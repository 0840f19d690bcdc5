package io.querylens.agent.record;

import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.event.StatementEventListener;

/** Feeds each execution into its fingerprint's statistics. */
public final class StatisticsListener implements StatementEventListener {
  // Wall-clock time derived from nanoTime: one clock read per statement instead of two.
  private final long anchorMillis = System.currentTimeMillis();
  private final long anchorNanos = System.nanoTime();

  @Override
  public void onStatement(StatementEvent event) {
    long endMillis = anchorMillis + (event.endNanos() - anchorNanos) / 1_000_000L;
    event.statistics().record(event.durationNanos(), event.updateCount(), event.sqlState(), endMillis);
    if (event.parameters() != null) { // captureParameters=true only
      event.statistics().offerSample(event.durationNanos(), event.parameters());
    }
  }

  @Override
  public void onRowsRead(StatementEvent event, long rows) {
    event.statistics().addRows(rows);
  }
}
