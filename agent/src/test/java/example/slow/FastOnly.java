package example.slow;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Queries that all finish inside a 300 ms threshold: twenty that answer at once and five of 0.1 s, each in a
 * scope of its own ({@code dashboard-refresh}, as in {@link SlowAfterFastOnes}). No SLOW_QUERY may be
 * reported: not for the instant ones, and not for the ones that take a third of the threshold.
 *
 * <p>Usage: {@code FastOnly <jdbc url>}. Prints {@code observed slowestMs=<ms>} (the slowest query as the
 * application timed it), then {@code workload done}.
 */
public final class FastOnly {

  /** Queries that answer at once. */
  public static final int INSTANT = 20;

  /** Queries that take {@link #NOTICEABLE}. */
  public static final int NOTICEABLE_QUERIES = 5;

  /** Noticeable, yet a third of the threshold. */
  public static final Duration NOTICEABLE = Duration.ofMillis(100);

  private FastOnly() {}

  /** Runs the queries; see the class comment. */
  public static void main(String[] args) throws Exception {
    SleepingDatabase database = SleepingDatabase.at(args[0]);
    long slowest = 0;
    try (Connection c = database.connect();
        PreparedStatement tile = c.prepareStatement(database.sleepQuery())) {
      for (int i = 0; i < INSTANT + NOTICEABLE_QUERIES; i++) {
        slowest = Math.max(slowest, refresh(database, tile, i < INSTANT ? Duration.ZERO : NOTICEABLE));
      }
    }
    SleepingDatabase.observe("slowestMs", slowest / 1_000_000.0);
    System.out.println("workload done");
  }

  private static long refresh(SleepingDatabase database, PreparedStatement tile, Duration sleep)
      throws SQLException {
    try (QueryLensScope tick = QueryLens.scope(SlowAfterFastOnes.SCOPE)) {
      database.bindSleep(tile, sleep);
      long start = System.nanoTime();
      try (ResultSet row = tile.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("the sleep query returned no row in scope " + tick.name());
        }
      }
      return System.nanoTime() - start;
    }
  }
}
