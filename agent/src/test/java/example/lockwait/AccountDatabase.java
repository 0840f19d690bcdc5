package example.lockwait;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database a lock-wait workload runs on (PostgreSQL, MariaDB or H2) and its one-row account table,
 * {@code lw_account_<token>}: the run's token keeps apart the tables of runs that share one server.
 */
final class AccountDatabase {

  /** The databases a lock-wait workload knows. */
  enum Kind {
    POSTGRESQL,
    MARIADB,
    H2
  }

  private final String url;
  private final Kind kind;
  private final String table;

  private AccountDatabase(String url, Kind kind, String token) {
    this.url = url;
    this.kind = kind;
    this.table = table(token);
  }

  /** The account table of the run with {@code token}. */
  static String table(String token) {
    return "lw_account_" + token;
  }

  /** The database at {@code url}, PostgreSQL, MariaDB or H2, with the run's {@code token}. */
  static AccountDatabase at(String url, String token) {
    if (!token.matches("[a-z0-9]+")) {
      throw new IllegalArgumentException("a token is lowercase letters and digits, not '" + token + "'");
    }
    // Through P6Spy's driver (library mode), jdbc:p6spy:<the database's own URL without jdbc:>
    String database = url.startsWith("jdbc:p6spy:") ? "jdbc:" + url.substring("jdbc:p6spy:".length()) : url;
    if (database.startsWith("jdbc:postgresql:")) {
      return new AccountDatabase(url, Kind.POSTGRESQL, token);
    }
    if (database.startsWith("jdbc:mariadb:")) {
      return new AccountDatabase(url, Kind.MARIADB, token);
    }
    if (database.startsWith("jdbc:h2:")) {
      return new AccountDatabase(url, Kind.H2, token);
    }
    throw new IllegalArgumentException("a lock-wait workload runs on PostgreSQL, MariaDB or H2, not on " + url);
  }

  Kind kind() {
    return kind;
  }

  /** The account table: lowercase, valid unquoted everywhere. */
  String table() {
    return table;
  }

  /** A new unpooled connection in autocommit mode: each thread holds its own. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Creates the account table with account 1. */
  void createAccount() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      // Row locks are InnoDB's; were the server's default engine Aria or MyISAM, the whole table would lock.
      s.execute("create table " + table + " (id int primary key, balance int not null)"
          + (kind == Kind.MARIADB ? " engine=InnoDB" : ""));
      s.executeUpdate("insert into " + table + " (id, balance) values (1, 100)");
    }
  }

  /** Drops the account table. */
  void dropAccount() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("drop table " + table);
    }
  }

  /**
   * The server's id for the session behind {@code connection}, as the database itself names it: the
   * backend pid on PostgreSQL, the connection id on MariaDB, the session id on H2. Runs one query, so call
   * it before the transaction it is meant to identify begins.
   */
  String sessionId(Connection connection) throws SQLException {
    String query = switch (kind) {
      case POSTGRESQL -> "select pg_backend_pid()";
      case MARIADB -> "select connection_id()";
      case H2 -> "select session_id()";
    };
    try (Statement s = connection.createStatement();
        ResultSet row = s.executeQuery(query)) {
      row.next();
      return row.getString(1);
    }
  }
}
