package io.querylens.agent.it.workload;

import static io.querylens.agent.it.workload.ItemStatement.BATCH_SIZE;
import static io.querylens.agent.it.workload.ItemStatement.IN_LIST_SIZES;
import static io.querylens.agent.it.workload.ItemStatement.LITERAL_VALUES;
import static io.querylens.agent.it.workload.ItemStatement.SINGLE_ROWS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The plain-JDBC application the end-to-end tests run in a child JVM: every {@link ItemStatement} exactly
 * {@link ItemStatement#calls()} times, in a fixed order, through the connection stack of a {@link WorkloadMode}.
 *
 * <p>Usage: {@code JdbcWorkload <mode> <jdbc url> <token>}; {@code token} makes the table names unique.
 * Each phase borrows its own connection, as an application with a pool would.
 */
public final class JdbcWorkload {

  private final ConnectionSource connections;
  private final String token;

  private JdbcWorkload(ConnectionSource connections, String token) {
    this.connections = connections;
    this.token = token;
  }

  /** Runs the workload; exits non-zero (by exception) if the database does not behave as expected. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: JdbcWorkload <mode> <jdbc url> <token>");
    }
    Observations.configureP6Spy();
    WorkloadMode mode = WorkloadMode.fromCliName(args[0]);
    try (ConnectionSource connections = ConnectionSource.open(mode, args[1])) {
      new JdbcWorkload(connections, args[2]).run();
    }
    Observations.done();
  }

  private void run() throws Exception {
    execute(ItemStatement.CREATE_TABLE);
    insertOneByOne();
    insertBatch();
    selectById();
    selectConcurrently();
    selectInLists();
    selectWithLiterals();
    updateQuantities();
    selectFromMissingTable();
    commitThenRollBack();
    selectAll();
    execute(ItemStatement.DROP_TABLE);
  }

  private void execute(ItemStatement ddl) throws SQLException {
    try (Connection c = connections.get();
        Statement s = c.createStatement()) {
      s.execute(ddl.sql(token));
    }
  }

  private void insertOneByOne() throws SQLException {
    try (Connection c = connections.get();
        PreparedStatement ps = c.prepareStatement(ItemStatement.INSERT_ONE_BY_ONE.sql(token))) {
      for (int id = 1; id <= SINGLE_ROWS; id++) {
        ps.setInt(1, id);
        ps.setString(2, "item-" + id);
        ps.setInt(3, id % 5); // 4 rows for each qty 0..4
        ps.executeUpdate();
      }
    }
  }

  private void insertBatch() throws SQLException {
    try (Connection c = connections.get();
        PreparedStatement ps = c.prepareStatement(ItemStatement.INSERT_BATCH.sql(token))) {
      for (int i = 0; i < BATCH_SIZE; i++) {
        int id = SINGLE_ROWS + 1 + i;
        ps.setInt(1, 100 + i); // outside the literal queries' qty range
        ps.setInt(2, id);
        ps.setString(3, "item-" + id);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      Observations.observe("batchUpdateCounts", Arrays.toString(counts));
    }
  }

  private void selectById() throws SQLException {
    try (Connection c = connections.get();
        PreparedStatement ps = c.prepareStatement(ItemStatement.SELECT_BY_ID.sql(token))) {
      int rows = 0;
      for (int i = 0; i < ItemStatement.SELECT_BY_ID.calls(); i++) {
        ps.setInt(1, i % SINGLE_ROWS + 1);
        rows += readAll(ps.executeQuery());
      }
      expect(rows, ItemStatement.SELECT_BY_ID.rows(), "rows of the id lookups");
    }
  }

  private void selectConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(ItemStatement.THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (int t = 0; t < ItemStatement.THREADS; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          int rows = 0;
          try (Connection c = connections.get();
              PreparedStatement ps = c.prepareStatement(ItemStatement.SELECT_QTY_CONCURRENTLY.sql(token))) {
            for (int i = 0; i < ItemStatement.PER_THREAD; i++) {
              ps.setInt(1, (thread * ItemStatement.PER_THREAD + i) % SINGLE_ROWS + 1);
              rows += readAll(ps.executeQuery());
            }
          }
          return rows;
        }));
      }
      start.countDown();
      int rows = 0;
      for (Future<Integer> result : results) {
        rows += result.get(60, TimeUnit.SECONDS);
      }
      expect(rows, ItemStatement.SELECT_QTY_CONCURRENTLY.rows(), "rows of the concurrent lookups");
    } finally {
      pool.shutdownNow();
    }
  }

  private void selectInLists() throws SQLException {
    int rows = 0;
    try (Connection c = connections.get()) {
      for (int size : IN_LIST_SIZES) {
        String markers = String.join(", ", Collections.nCopies(size, "?"));
        try (PreparedStatement ps = c.prepareStatement(ItemStatement.SELECT_IN_LIST.sql(token, markers))) {
          for (int i = 1; i <= size; i++) {
            ps.setInt(i, i);
          }
          rows += readAll(ps.executeQuery());
        }
      }
    }
    expect(rows, ItemStatement.SELECT_IN_LIST.rows(), "rows of the IN-list queries");
  }

  private void selectWithLiterals() throws SQLException {
    int rows = 0;
    try (Connection c = connections.get();
        Statement s = c.createStatement()) {
      for (int qty = 0; qty < LITERAL_VALUES; qty++) {
        rows += readAll(s.executeQuery(ItemStatement.SELECT_BY_QTY_LITERAL.sql(token, Integer.toString(qty))));
      }
    }
    expect(rows, ItemStatement.SELECT_BY_QTY_LITERAL.rows(), "rows of the literal queries");
  }

  private void updateQuantities() throws SQLException {
    try (Connection c = connections.get();
        PreparedStatement ps = c.prepareStatement(ItemStatement.UPDATE_QTY.sql(token))) {
      ps.setInt(1, 1);
      ps.setInt(2, 5);
      if (ps.execute()) {
        throw new IllegalStateException("an update returned a result set");
      }
      expect(ps.getUpdateCount(), ItemStatement.UPDATE_QTY.rows(), "rows updated");
    }
  }

  private void selectFromMissingTable() throws SQLException {
    try (Connection c = connections.get();
        Statement s = c.createStatement()) {
      s.executeQuery(ItemStatement.SELECT_MISSING_TABLE.sql(token)).close();
      throw new IllegalStateException("a select from a missing table succeeded");
    } catch (SQLException expected) {
      Observations.observe("failedSqlState", expected.getSQLState());
    }
  }

  private void commitThenRollBack() throws SQLException {
    try (Connection c = connections.get()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(ItemStatement.UPDATE_NAME_COMMITTED.sql(token))) {
        ps.setString(1, "renamed");
        ps.setInt(2, 1);
        expect(ps.executeUpdate(), ItemStatement.UPDATE_NAME_COMMITTED.rows(), "rows renamed");
      }
      c.commit();
      try (PreparedStatement ps = c.prepareStatement(ItemStatement.DELETE_ROLLED_BACK.sql(token))) {
        ps.setInt(1, SINGLE_ROWS);
        expect(ps.executeUpdate(), ItemStatement.DELETE_ROLLED_BACK.rows(), "rows deleted");
      }
      c.rollback();
      c.setAutoCommit(true);
    }
  }

  private void selectAll() throws SQLException {
    try (Connection c = connections.get();
        Statement s = c.createStatement()) {
      if (!s.execute(ItemStatement.SELECT_ALL.sql(token))) {
        throw new IllegalStateException("a select returned no result set");
      }
      expect(readAll(s.getResultSet()), ItemStatement.SELECT_ALL.rows(), "rows of the full scan");
    }
  }

  private static int readAll(ResultSet rs) throws SQLException {
    try (rs) {
      int rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }
  }

  private static void expect(int actual, int expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": expected " + expected + " but the database said " + actual);
    }
  }
}
