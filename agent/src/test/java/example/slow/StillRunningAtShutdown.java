package example.slow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A report builder's query is still running when the application exits: a worker thread named {@value
 * #WORKER} starts a 30-second query written with a literal, and the main thread calls {@code System.exit(0)}
 * 1.5 s later. The report written at shutdown must show the query as a running SLOW_QUERY at the worker's
 * line, literal-free.
 *
 * <p>The worker is a daemon thread and its connection is never closed, so the exit waits for neither.
 *
 * <p>Usage: {@code StillRunningAtShutdown <jdbc url>}. Prints {@code observed inFlightMs=<ms>} (how long the
 * query had been running when the exit began), then {@code exiting with the query in flight}; exits 1 if the
 * query ended before that.
 */
public final class StillRunningAtShutdown {

  /** The worker thread's name. */
  public static final String WORKER = "report-builder";

  /** How long the worker's query would run: far longer than the child lives. */
  public static final Duration QUERY_SLEEP = Duration.ofSeconds(30);

  /** How long the main thread lets the query run before it exits. */
  public static final Duration IN_FLIGHT_BEFORE_EXIT = Duration.ofMillis(1500);

  private StillRunningAtShutdown() {}

  /** Starts the worker and exits under it; see the class comment. */
  public static void main(String[] args) throws Exception {
    SleepingDatabase database = SleepingDatabase.at(args[0]);
    Connection connection = database.connect();
    CountDownLatch submitting = new CountDownLatch(1);
    Thread worker = new Thread(() -> buildReport(database, connection, submitting), WORKER);
    worker.setDaemon(true);
    worker.start();
    submitting.await();
    long start = System.nanoTime();
    Thread.sleep(IN_FLIGHT_BEFORE_EXIT.toMillis());
    if (!worker.isAlive()) {
      System.out.println("the query ended before the exit; nothing was in flight");
      System.exit(1);
    }
    SleepingDatabase.observe("inFlightMs", (System.nanoTime() - start) / 1_000_000);
    System.out.println("exiting with the query in flight");
    System.exit(0);
  }

  private static void buildReport(SleepingDatabase database, Connection connection, CountDownLatch submitting) {
    String sql = database.sleepQueryWithLiteral(QUERY_SLEEP);
    try (Statement statement = connection.createStatement()) {
      submitting.countDown();
      try (ResultSet row = statement.executeQuery(sql)) { // marker: report-builder
        row.next();
      }
      System.out.println("the report query finished");
    } catch (SQLException e) {
      System.out.println("the report query failed: " + e);
    }
  }
}
