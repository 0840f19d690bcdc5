package example.locks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Two REPEATABLE READ transactions update one row (run on PostgreSQL only; see {@link LockWorkload}). {@code reader} reads row 1, which fixes its snapshot; {@code writer} then updates
 * the row and commits; only then does {@code reader} update the row it read, and PostgreSQL fails that
 * update with 40001, as the row changed after the snapshot.
 */
final class SerializationFailure extends LockScenario {

  private final CountDownLatch readerHasItsSnapshot = new CountDownLatch(1);
  private final CountDownLatch writerCommitted = new CountDownLatch(1);

  SerializationFailure(LockDb db) {
    super(db, "ql_serialization");
  }

  @Override
  String name() {
    return "serializationFailure";
  }

  @Override
  void run() throws Exception {
    List<LockFailure> outcomes = Rendezvous.concurrently("writer", this::writer, "reader", this::reader);
    if (outcomes.get(1) == null) {
      throw new IllegalStateException("the reader's update went through although its snapshot was stale");
    }
    outcomes.get(1).print(name());
  }

  private LockFailure writer() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      Rendezvous.await(readerHasItsSnapshot, "the reader's snapshot");
      s.executeUpdate(update("writer", 1));
      c.commit();
      return null;
    } finally {
      writerCommitted.countDown();
    }
  }

  private LockFailure reader() throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try (ResultSet row = s.executeQuery("select v from " + table + " where id = 1")) {
        if (!row.next()) {
          throw new IllegalStateException("no row 1 in " + table);
        }
      }
      readerHasItsSnapshot.countDown();
      Rendezvous.await(writerCommitted, "the writer's commit");
      try {
        s.executeUpdate(update("reader", 1)); // site: serializationFailure.reader
      } catch (SQLException e) {
        c.rollback();
        return LockFailure.of(e);
      }
      c.commit();
      return null;
    }
  }
}
