package example.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A lock wait on an existing table: thread {@code blocker} takes away 10 from row 1 and keeps its transaction open for
 * {@value #HOLD_MS} ms; thread {@code waiter} adds 5 to the same row in autocommit mode and waits for the commit. Each
 * uses a connection of its own: in {@code FaultInjectionIT}, all the connections its database user may open, so the
 * agent's lock probe finds none left. Usage: {@code HeldRow <jdbc url> <table>}.
 */
public final class HeldRow {

  /** How long the blocker holds the row. */
  public static final int HOLD_MS = 1_500;

  private HeldRow() {}

  /** Runs the two threads. */
  public static void main(String[] args) throws Exception {
    String url = args[0];
    String table = args[1];
    CountDownLatch held = new CountDownLatch(1);
    String[] results = new String[2];
    Thread blocker = new Thread(() -> results[0] = run(() -> {
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        int updated = s.executeUpdate("update " + table + " set balance = balance - 10 where id = 1");
        held.countDown();
        Thread.sleep(HOLD_MS);
        c.commit();
        return "blocker updated " + updated;
      }
    }), "blocker");
    Thread waiter = new Thread(() -> results[1] = run(() -> {
      held.await();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        int updated = s.executeUpdate("update " + table + " set balance = balance + 5 where id = 1");
        try (ResultSet balance = s.executeQuery("select balance from " + table + " where id = 1")) {
          balance.next();
          return "waiter updated " + updated + ", balance now " + balance.getInt(1);
        }
      }
    }), "waiter");
    blocker.start();
    waiter.start();
    blocker.join();
    waiter.join();
    Transcript.app(results[0]);
    Transcript.app(results[1]);
    Transcript.app("done");
  }

  private static String run(Work work) {
    try {
      return work.run();
    } catch (SQLException e) {
      Transcript.caught(Thread.currentThread().getName(), e);
      return Thread.currentThread().getName() + " failed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Thread.currentThread().getName() + " interrupted";
    }
  }

  private interface Work {
    String run() throws SQLException, InterruptedException;
  }
}
