package example.locks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Two transactions take the same two rows in opposite orders: {@code first} updates row 1 then row 2,
 * {@code second} row 2 then row 1, and neither takes its second row before both hold their first. The
 * database breaks the cycle by failing the second update of one of them, which one it pleases: the
 * workload prints it as {@code observed deadlock.failedThread}. The other's second update then goes
 * through, and it commits; how long it waited for the victim's row lock is printed as {@code observed
 * deadlock.survivorWaitMs}.
 *
 * <p>PostgreSQL fails one with 40P01 after its {@code deadlock_timeout} (1 s), so the survivor waits that
 * long too; MariaDB fails one with 1213 at once. H2 (40001) checks for a cycle as a transaction starts to
 * wait, after publishing what it waits for in a volatile field, so of two threads starting to wait at once
 * at least one sees the cycle, and H2 picks the younger transaction as the one victim.
 */
final class Deadlock extends LockScenario {

  private final CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);

  Deadlock(LockDb db) {
    super(db, "ql_deadlock");
  }

  @Override
  String name() {
    return "deadlock";
  }

  @Override
  void run() throws Exception {
    List<SecondUpdate> updates = Rendezvous.concurrently("first", this::first, "second", this::second);
    SecondUpdate victim = updates.get(0).failure() != null ? updates.get(0) : updates.get(1);
    SecondUpdate survivor = victim == updates.get(0) ? updates.get(1) : updates.get(0);
    if (victim.failure() == null || survivor.failure() != null) {
      throw new IllegalStateException("expected exactly one deadlock victim, got " + updates);
    }
    victim.failure().print(name());
    LockWorkload.observe(name() + ".survivorWaitMs", survivor.millis());
  }

  private SecondUpdate first() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      waitLongForLocks(s);
      c.setAutoCommit(false);
      s.executeUpdate(update("first", 1));
      Rendezvous.await(bothHoldTheirFirstRow, "both rows locked");
      long start = System.nanoTime();
      try {
        s.executeUpdate(update("first", 2)); // site: deadlock.first
      } catch (SQLException e) {
        c.rollback();
        return new SecondUpdate(millisSince(start), LockFailure.of(e));
      }
      long millis = millisSince(start);
      c.commit();
      return new SecondUpdate(millis, null);
    }
  }

  private SecondUpdate second() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      waitLongForLocks(s);
      c.setAutoCommit(false);
      s.executeUpdate(update("second", 2));
      Rendezvous.await(bothHoldTheirFirstRow, "both rows locked");
      long start = System.nanoTime();
      try {
        s.executeUpdate(update("second", 1)); // site: deadlock.second
      } catch (SQLException e) {
        c.rollback();
        return new SecondUpdate(millisSince(start), LockFailure.of(e));
      }
      long millis = millisSince(start);
      c.commit();
      return new SecondUpdate(millis, null);
    }
  }

  private void waitLongForLocks(Statement s) throws SQLException {
    String longTimeout = db.longLockTimeout();
    if (longTimeout != null) {
      s.execute(longTimeout);
    }
  }

  private static long millisSince(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /**
   * How a thread's second update went.
   *
   * @param millis how long it took, as the application measured it
   * @param failure the deadlock, or {@code null} when the update went through
   */
  private record SecondUpdate(long millis, LockFailure failure) {}
}
