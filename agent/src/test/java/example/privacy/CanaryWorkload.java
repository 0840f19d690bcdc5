package example.privacy;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An application that puts {@link Canaries} everywhere QueryLens could pick a value up: SQL literals, bind
 * parameters of every common type, comments (plain and sqlcommenter), error messages (unique-key
 * violations quoting the duplicate value), and inside the statements findings are made of: an N+1 on
 * bind values and one on literals, slow queries and a lock wait. Run under the agent by {@code PrivacyIT},
 * which then looks for every canary in every output.
 *
 * <p>It never prints a canary itself, nor a driver's message: only {@code observed <key>=<value>} lines of
 * counts and yes/no answers, so that a canary in its output can only come from the agent.
 *
 * <p>Usage: {@code CanaryWorkload <jdbc url> <token>}; the table is {@code pv_person_<token>}. After the
 * workload it prints {@code workload-done} and waits (at most a minute) for a file {@code stop} in its working
 * directory, so that the test can scrape its metrics endpoint, then drops its table and exits.
 */
public final class CanaryWorkload {
  /** Executions of each loop: above the default N+1 threshold of 3. */
  static final int LOOP = 4;

  /** How long the slow statements take; the test sets its threshold well below. */
  static final int SLOW_MS = 400;

  /** How long the blocker holds the row: several of the lock-wait sweeper's 100 ms rounds. */
  static final int HOLD_MS = 800;

  private CanaryWorkload() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Canaries canaries = new Canaries(args[1]);
    String table = "pv_person_" + canaries.token();
    boolean postgres = url.startsWith("jdbc:postgresql:");
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("drop table if exists " + table);
        s.execute("create table " + table + " (id bigint primary key, email varchar(100) unique, born date, photo "
            + (postgres ? "bytea" : "varbinary(200)") + ")");
        if (!postgres) {
          s.execute("create alias if not exists ql_sleep for 'java.lang.Thread.sleep(long)'");
        }
      }
      try {
        run(c, url, table, canaries, postgres);
      } finally {
        awaitStop();
        try (Statement s = c.createStatement()) {
          s.execute("drop table if exists " + table);
        }
      }
    }
  }

  private static void run(Connection c, String url, String table, Canaries canaries, boolean postgres)
      throws Exception {
    // Bind values of every common type.
    try (PreparedStatement insert = c.prepareStatement(
        "insert into " + table + " (id, email, born, photo) values (?, ?, ?, ?)")) {
      insert.setLong(1, canaries.bindNumber());
      insert.setString(2, canaries.bindString());
      insert.setDate(3, canaries.bindDate());
      insert.setBytes(4, canaries.bindBytes());
      insert.executeUpdate();
    }
    // Another statement, so that the canary row's insert has one execution and one worst sample.
    try (PreparedStatement insert = c.prepareStatement(
        "insert into " + table + " (email, id, born, photo) values (?, ?, ?, ?)")) {
      for (int id = 1; id <= LOOP; id++) {
        insert.setString(1, canaries.bindString() + "-" + id);
        insert.setLong(2, id);
        insert.setNull(3, java.sql.Types.DATE);
        insert.setNull(4, java.sql.Types.VARBINARY);
        insert.executeUpdate();
      }
    }

    // A unique-key violation on a bind value and one on a literal: the drivers quote the duplicate.
    boolean bindQuoted;
    try (PreparedStatement insert = c.prepareStatement("insert into " + table + " (id, email) values (?, ?)")) {
      insert.setLong(1, 100);
      insert.setString(2, canaries.duplicateEmail());
      insert.executeUpdate();
      insert.setLong(1, 101);
      bindQuoted = duplicateQuotes(insert::executeUpdate, canaries.duplicateEmail());
    }
    boolean literalQuoted;
    try (Statement s = c.createStatement()) {
      String sql = "insert into " + table + " (id, email) values (%d, '" + canaries.duplicateLiteral() + "')";
      s.executeUpdate(String.format(sql, 102));
      literalQuoted = duplicateQuotes(() -> s.executeUpdate(String.format(sql, 103)), canaries.duplicateLiteral());
    }
    System.out.println("observed bindDuplicateQuoted=" + bindQuoted);
    System.out.println("observed literalDuplicateQuoted=" + literalQuoted);

    // Comments, plain and sqlcommenter (https://google.github.io/sqlcommenter/spec/).
    try (Statement s = c.createStatement()) {
      s.executeQuery("/* " + canaries.comment() + " */ select count(*) from " + table).close();
      s.executeQuery("select count(*) from " + table + " /*controller='" + canaries.sqlcommenter()
          + "',framework='jdbc'*/").close();
    }

    // Two N+1 loops in one unit of work: one on bind values, one on literals.
    try (QueryLensScope scope = QueryLens.scope("GET /people");
        PreparedStatement byEmail = c.prepareStatement("select id from " + table + " where email = ?");
        Statement plain = c.createStatement()) {
      for (int id = 1; id <= LOOP; id++) {
        byEmail.setString(1, canaries.bindString() + "-" + id);
        byEmail.executeQuery().close();
      }
      for (int i = 0; i < LOOP; i++) {
        plain.executeQuery("select email from " + table + " where id = " + (canaries.literalNumber() + i)
            + " or email = '" + canaries.literalString() + "'").close();
      }
    }

    // Slow statements: one with a bind value, one with a literal.
    String sleep = postgres ? "pg_sleep(" + SLOW_MS / 1000.0 + ")" : "ql_sleep(" + SLOW_MS + ")";
    try (PreparedStatement slow = c.prepareStatement("select " + sleep + ", id from " + table + " where email = ?");
        Statement plain = c.createStatement()) {
      slow.setString(1, canaries.bindString());
      slow.executeQuery().close();
      plain.executeQuery("select " + sleep + ", id from " + table + " where email = '"
          + canaries.literalString() + "'").close();
    }

    lockWait(c, url, table, canaries);
  }

  /**
   * Holds the canary row on a second connection for {@link #HOLD_MS} while this thread updates it with a
   * bind value: a lock wait whose blocker ran a statement with a bind canary too.
   */
  private static void lockWait(Connection c, String url, String table, Canaries canaries) throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    Thread blocker = new Thread(() -> {
      try (Connection other = DriverManager.getConnection(url)) {
        other.setAutoCommit(false);
        try (PreparedStatement hold = other.prepareStatement("update " + table + " set born = ? where id = ?")) {
          hold.setDate(1, canaries.bindDate());
          hold.setLong(2, canaries.bindNumber());
          hold.executeUpdate();
        }
        held.countDown();
        Thread.sleep(HOLD_MS);
        other.commit();
      } catch (Exception e) {
        System.out.println("observed blockerFailed=" + e.getClass().getName());
        held.countDown();
      }
    }, "blocker");
    blocker.start();
    if (!held.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the blocker never held the row");
    }
    try (PreparedStatement wait = c.prepareStatement("update " + table + " set email = ? where id = ?")) {
      wait.setString(1, canaries.bindString() + "-lock");
      wait.setLong(2, canaries.bindNumber());
      long start = System.nanoTime();
      wait.executeUpdate();
      System.out.println("observed waitedMs=" + (System.nanoTime() - start) / 1_000_000);
    }
    blocker.join(30_000);
  }

  /** Runs a statement expected to violate a unique key; whether the driver's message quoted {@code value}. */
  private static boolean duplicateQuotes(SqlAction action, String value) {
    try {
      action.run();
      throw new IllegalStateException("the duplicate went through");
    } catch (SQLException e) {
      System.out.println("observed duplicateSqlState=" + e.getSQLState());
      return String.valueOf(e.getMessage()).contains(value);
    }
  }

  private static void awaitStop() throws InterruptedException {
    System.out.println("workload-done");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!Files.exists(Path.of("stop")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @FunctionalInterface
  private interface SqlAction {
    void run() throws SQLException;
  }
}
