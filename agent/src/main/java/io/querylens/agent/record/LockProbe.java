package io.querylens.agent.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a database, over the agent's own side connection, who blocks a session: PostgreSQL through
 * {@code pg_blocking_pids} and {@code pg_locks}, MariaDB and MySQL through InnoDB's lock-wait views,
 * H2 through {@code INFORMATION_SCHEMA.SESSIONS}. Each query runs under a one-second timeout.
 */
abstract class LockProbe {
  /** One blocking session as the database describes it. */
  record BlockingSession(String sessionId, boolean idleInTransaction, String query) {}

  /** What the waiting session waits for, and who holds it. */
  record Answer(List<BlockingSession> blockers, String relation, String mode) {}

  // one per kind: only the sweeper thread uses them, and the InnoDB one remembers which views exist
  private static final LockProbe POSTGRES = new Postgres();
  private static final LockProbe INNODB = new InnoDb();
  private static final LockProbe H2_SESSIONS = new H2();

  /** The probe for {@code dbSystem}, or null when the database offers no view we know. */
  static LockProbe forDatabase(String dbSystem) {
    switch (dbSystem) {
      case "postgresql":
        return POSTGRES;
      case "mariadb":
      case "mysql":
        return INNODB;
      case "h2":
        return H2_SESSIONS;
      default:
        return null;
    }
  }

  /** Prepares a fresh side connection: a short statement timeout and a name, where the database takes them. */
  void setUp(Connection side) throws SQLException {}

  abstract Answer ask(Connection side, String waitingSession) throws SQLException;

  static PreparedStatement prepare(Connection side, String sql) throws SQLException {
    PreparedStatement statement = side.prepareStatement(sql);
    statement.setQueryTimeout(1);
    return statement;
  }

  private static final class Postgres extends LockProbe {
    @Override
    void setUp(Connection side) throws SQLException {
      try (Statement statement = side.createStatement()) {
        statement.execute("set statement_timeout = 1000");
      }
    }

    @Override
    Answer ask(Connection side, String waiting) throws SQLException {
      int pid = Integer.parseInt(waiting);
      List<BlockingSession> blockers = new ArrayList<>();
      try (PreparedStatement query = prepare(side,
          "select pid, state, query from pg_stat_activity where pid = any(pg_blocking_pids(?))")) {
        query.setInt(1, pid);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            String state = rows.getString(2);
            blockers.add(new BlockingSession(rows.getString(1), state != null && state.startsWith("idle in transaction"),
                rows.getString(3)));
          }
        }
      }
      String relation = null;
      String mode = null;
      try (PreparedStatement query = prepare(side,
          "select mode, relation::regclass::text from pg_locks where pid = ? and not granted limit 1")) {
        query.setInt(1, pid);
        try (ResultSet rows = query.executeQuery()) {
          if (rows.next()) {
            mode = rows.getString(1);
            relation = rows.getString(2);
          }
        }
      }
      if (relation == null) {
        // A row lock waits on the holder's transaction id; the row's table is in the tuple lock it holds.
        try (PreparedStatement query = prepare(side,
            "select relation::regclass::text from pg_locks where pid = ? and locktype = 'tuple' limit 1")) {
          query.setInt(1, pid);
          try (ResultSet rows = query.executeQuery()) {
            if (rows.next()) {
              relation = rows.getString(1);
            }
          }
        }
      }
      return new Answer(blockers, relation, mode);
    }
  }

  private static final class InnoDb extends LockProbe {
    // MySQL 8 dropped information_schema.INNODB_LOCK_WAITS for performance_schema.data_lock_waits
    private boolean performanceSchema;

    @Override
    Answer ask(Connection side, String waiting) throws SQLException {
      if (!performanceSchema) {
        try {
          return askInformationSchema(side, waiting);
        } catch (SQLException e) {
          performanceSchema = true;
        }
      }
      return new Answer(blockersOf(side, waiting,
          "select bt.PROCESSLIST_ID, bt.PROCESSLIST_COMMAND, bt.PROCESSLIST_INFO"
              + " from performance_schema.data_lock_waits w"
              + " join performance_schema.threads rt on rt.THREAD_ID = w.REQUESTING_THREAD_ID"
              + " join performance_schema.threads bt on bt.THREAD_ID = w.BLOCKING_THREAD_ID"
              + " where rt.PROCESSLIST_ID = ?"), null, null);
    }

    private Answer askInformationSchema(Connection side, String waiting) throws SQLException {
      return new Answer(blockersOf(side, waiting,
          "select b.trx_mysql_thread_id, p.command, b.trx_query"
              + " from information_schema.innodb_lock_waits w"
              + " join information_schema.innodb_trx b on b.trx_id = w.blocking_trx_id"
              + " join information_schema.innodb_trx r on r.trx_id = w.requesting_trx_id"
              + " left join information_schema.processlist p on p.id = b.trx_mysql_thread_id"
              + " where r.trx_mysql_thread_id = ?"), null, null);
    }

    /** Rows of (session id, command, query) for the waiting thread id; "Sleep" means idle in transaction. */
    private static List<BlockingSession> blockersOf(Connection side, String waiting, String sql) throws SQLException {
      List<BlockingSession> blockers = new ArrayList<>();
      try (PreparedStatement query = prepare(side, sql)) {
        query.setLong(1, Long.parseLong(waiting));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            blockers.add(new BlockingSession(rows.getString(1), "Sleep".equalsIgnoreCase(rows.getString(2)),
                rows.getString(3)));
          }
        }
      }
      return blockers;
    }
  }

  private static final class H2 extends LockProbe {
    @Override
    Answer ask(Connection side, String waiting) throws SQLException {
      List<BlockingSession> blockers = new ArrayList<>();
      try (PreparedStatement query = prepare(side,
          "select b.SESSION_ID, b.EXECUTING_STATEMENT from INFORMATION_SCHEMA.SESSIONS w"
              + " join INFORMATION_SCHEMA.SESSIONS b on b.SESSION_ID = w.BLOCKER_ID where w.SESSION_ID = ?")) {
        query.setInt(1, Integer.parseInt(waiting));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            String executing = rows.getString(2);
            blockers.add(new BlockingSession(rows.getString(1), executing == null, executing));
          }
        }
      }
      return new Answer(blockers, null, null);
    }
  }

}
