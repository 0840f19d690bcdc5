package io.querylens.agent.it.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A long-running application the agent is attached to while it runs. It opens a connection and runs
 * statements before the attach, prints {@code ready}, waits for the signal file, then runs statements
 * on the connection it already had (prepared after the attach) and on a new connection.
 *
 * <p>Usage: {@code AttachTargetApp <token> <signal file>}.
 */
public final class AttachTargetApp {

  /** Inserts before the attach (the agent cannot have seen them). */
  public static final int INSERTS_BEFORE = 5;
  /** Prepared lookups after the attach, on the connection opened before it. */
  public static final int LOOKUPS_AFTER = 9;
  /** Literal counts after the attach, on the connection opened before it. */
  public static final int COUNTS_AFTER = 4;
  /** Prepared updates after the attach, on a connection opened after it. */
  public static final int UPDATES_AFTER = 3;

  private AttachTargetApp() {}

  /** The table in run {@code token}. */
  public static String table(String token) {
    return "ql_attach_" + token;
  }

  /** Runs the application. */
  public static void main(String[] args) throws Exception {
    String table = table(args[0]);
    Path signal = Paths.get(args[1]);
    String url = "jdbc:h2:mem:attach;DB_CLOSE_DELAY=-1";
    try (Connection before = DriverManager.getConnection(url)) {
      try (Statement s = before.createStatement()) {
        s.execute("create table " + table + " (id int primary key, phase varchar(10))");
      }
      try (PreparedStatement ps = before.prepareStatement("insert into " + table + " (id, phase) values (?, 'before')")) {
        for (int id = 1; id <= INSERTS_BEFORE; id++) {
          ps.setInt(1, id);
          ps.executeUpdate();
        }
      }

      System.out.println("ready " + ProcessHandle.current().pid());
      long deadline = System.nanoTime() + 90_000_000_000L;
      while (!Files.exists(signal)) {
        if (System.nanoTime() > deadline) {
          System.out.println("no signal");
          System.exit(3);
        }
        Thread.sleep(20);
      }

      try (PreparedStatement ps = before.prepareStatement("select phase from " + table + " where id = ?")) {
        for (int i = 0; i < LOOKUPS_AFTER; i++) {
          ps.setInt(1, i % INSERTS_BEFORE + 1);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
        }
      }
      try (Statement s = before.createStatement()) {
        for (int i = 0; i < COUNTS_AFTER; i++) {
          try (ResultSet rs = s.executeQuery("select count(*) from " + table + " where id > " + i)) {
            rs.next();
          }
        }
      }
      try (Connection after = DriverManager.getConnection(url);
          PreparedStatement ps = after.prepareStatement("update " + table + " set phase = ? where id = ?")) {
        for (int id = 1; id <= UPDATES_AFTER; id++) {
          ps.setString(1, "after");
          ps.setInt(2, id);
          ps.executeUpdate();
        }
      }
    }
    Observations.done();
  }
}
