package example.slow;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A dashboard refreshes a tile once per tick, each tick its own unit of work: twenty ticks answer at once,
 * then two take 0.6 s. All run the same parameterised query from one line, so under a 300 ms threshold the
 * two slow ones make one SLOW_QUERY at that line, and the twenty fast ones keep the median low.
 *
 * <p>Each tick is a scope of its own ({@code dashboard-refresh}) because one query per tick is the design:
 * twenty-two runs of one query in one scope would rightly be an N+1.
 *
 * <p>Usage: {@code SlowAfterFastOnes <jdbc url>}. Prints {@code observed slowestMs=<ms>} (the slowest tick as
 * the application timed it, the query and reading its row) and {@code observed agentActive=<bool>}, then
 * {@code workload done}.
 */
public final class SlowAfterFastOnes {

  /** Ticks whose query answers at once. */
  public static final int FAST_TICKS = 20;

  /** Ticks whose query takes {@link #SLOW}, after the fast ones. */
  public static final int SLOW_TICKS = 2;

  /** How long a slow tick's query sleeps. */
  public static final Duration SLOW = Duration.ofMillis(600);

  /** The name of every tick's scope. */
  public static final String SCOPE = "dashboard-refresh";

  private SlowAfterFastOnes() {}

  /** Runs the ticks; see the class comment. */
  public static void main(String[] args) throws Exception {
    SleepingDatabase database = SleepingDatabase.at(args[0]);
    List<Long> nanos = new ArrayList<>();
    try (Connection c = database.connect();
        PreparedStatement tile = c.prepareStatement(database.sleepQuery())) {
      for (int tick = 0; tick < FAST_TICKS + SLOW_TICKS; tick++) {
        nanos.add(refresh(database, tile, tick < FAST_TICKS ? Duration.ZERO : SLOW));
      }
    }
    SleepingDatabase.observe("agentActive", QueryLens.isAgentActive());
    SleepingDatabase.observe("slowestMs", Collections.max(nanos) / 1_000_000.0);
    System.out.println("workload done");
  }

  private static long refresh(SleepingDatabase database, PreparedStatement tile, Duration sleep)
      throws SQLException {
    try (QueryLensScope tick = QueryLens.scope(SCOPE)) {
      database.bindSleep(tile, sleep);
      long start = System.nanoTime();
      try (ResultSet row = tile.executeQuery()) { // marker: refresh
        if (!row.next()) {
          throw new IllegalStateException("the sleep query returned no row in scope " + tick.name());
        }
      }
      return System.nanoTime() - start;
    }
  }
}
