package example.locks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The database a lock workload runs on: which one it is, how to connect, and the run's token that makes
 * every table name unique (several runs may share one server).
 */
final class LockDb {

  /** The databases the workloads know, named as the report's {@code dbSystem} names them. */
  enum Kind {
    POSTGRESQL,
    MARIADB,
    H2;

    /** The kind named {@code dbSystem} ({@code postgresql}, {@code mariadb}, {@code h2}). */
    static Kind of(String dbSystem) {
      return valueOf(dbSystem.toUpperCase(Locale.ROOT));
    }
  }

  private final Kind kind;
  private final String url;
  private final String token;

  LockDb(Kind kind, String url, String token) {
    this.kind = kind;
    this.url = url;
    this.token = token;
  }

  Kind kind() {
    return kind;
  }

  /** A new unpooled connection in autocommit mode: each thread of a scenario holds its own. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** {@code <prefix>_<token>}: lowercase letters, digits and underscores, valid unquoted everywhere. */
  String table(String prefix) {
    return prefix + "_" + token;
  }

  /**
   * The statement that makes this session's lock waits give up quickly, or {@code null} when the URL
   * already did ({@code LOCK_TIMEOUT=} on H2's). PostgreSQL waits forever by default, MariaDB 50 s.
   */
  String shortLockTimeout() {
    switch (kind) {
      case POSTGRESQL:
        return "set lock_timeout = '200ms'";
      case MARIADB:
        // whole seconds only: the shortest wait that still waits
        return "set session innodb_lock_wait_timeout = 1";
      default:
        return null;
    }
  }

  /**
   * The statement that lets this session wait long for a lock, or {@code null} when it does by default.
   * Only H2's URL sets a short timeout ({@code LOCK_TIMEOUT=200}, for {@link LockTimeout}); a deadlock must
   * not turn into a timeout when a thread is slow to reach its second update.
   */
  String longLockTimeout() {
    return kind == Kind.H2 ? "set lock_timeout " + Rendezvous.LIMIT_SECONDS * 1000 : null;
  }

  /** Creates {@code table} with rows 1 and 2, in two statements: no finding may come from the set-up. */
  void createTableWithTwoRows(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("create table " + table + " (id int primary key, v int not null, note varchar(100))");
      s.executeUpdate("insert into " + table + " (id, v, note) values (1, 0, '" + LockWorkload.text("seed", 1)
          + "'), (2, 0, '" + LockWorkload.text("seed", 2) + "')");
    }
  }

  /** Drops {@code table}. */
  void dropTable(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("drop table " + table);
    }
  }
}
