package example.locks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A lock wait that gives up: {@code holder} updates row 1 and keeps its transaction open; {@code waiter},
 * in autocommit mode with a short lock timeout ({@link LockDb#shortLockTimeout()}, or the URL's on H2),
 * updates the same row and fails once the timeout passes (PostgreSQL 55P03, MariaDB 1205, H2 50200).
 * Only then does the holder roll back.
 */
final class LockTimeout extends LockScenario {

  private final CountDownLatch rowLocked = new CountDownLatch(1);
  private final CountDownLatch waiterDone = new CountDownLatch(1);

  LockTimeout(LockDb db) {
    super(db, "ql_lock_timeout");
  }

  @Override
  String name() {
    return "lockTimeout";
  }

  @Override
  void run() throws Exception {
    List<LockFailure> outcomes = Rendezvous.concurrently("holder", this::holder, "waiter", this::waiter);
    if (outcomes.get(1) == null) {
      throw new IllegalStateException("the waiter's update went through while the holder held the row");
    }
    outcomes.get(1).print(name());
  }

  private LockFailure holder() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate(update("holder", 1));
      rowLocked.countDown();
      Rendezvous.await(waiterDone, "the waiter to give up");
      c.rollback();
      return null;
    }
  }

  private LockFailure waiter() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      String shortTimeout = db.shortLockTimeout();
      if (shortTimeout != null) {
        s.execute(shortTimeout);
      }
      Rendezvous.await(rowLocked, "the holder to lock row 1");
      try {
        s.executeUpdate(update("waiter", 1)); // site: lockTimeout.waiter
      } catch (SQLException e) {
        return LockFailure.of(e);
      }
      return null;
    } finally {
      // the holder keeps its lock until the waiter is through, however it went
      waiterDone.countDown();
    }
  }
}
