package example.lockwait;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A row held by a session outside this JVM: {@code psql} opens a transaction, updates the account
 * row and sits idle in it for a few seconds; this JVM's update of the same row waits. Run under the
 * agent by {@code LockWaitIT} on PostgreSQL: the blocker can only be described by what the database
 * knows.
 */
public final class BlockedFromOutside {
  private static final int HOLD_SECONDS = 3;

  private BlockedFromOutside() {}

  /** {@code main <jdbc url> <token>}; psql reaches the same database at 127.0.0.1:5432 as postgres. */
  public static void main(String[] args) throws Exception {
    AccountDatabase database = AccountDatabase.at(args[0], args[1]);
    database.createAccount();
    String table = database.table();
    Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-q", "-v",
        "ON_ERROR_STOP=1")
        .redirectErrorStream(true)
        .start();
    psql.getOutputStream().write(("begin;\nupdate " + table + " set balance = balance - 7 where id = 1;\n\\! sleep "
        + HOLD_SECONDS + "\ncommit;\n").getBytes(StandardCharsets.UTF_8));
    psql.getOutputStream().close();
    try (Connection connection = database.connect()) {
      awaitRowLockedOutside(connection, table);
      long start = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("update " + table + " set balance = balance + 1 where id = 1"); // marker: waited
      }
      System.out.println("observed waitedMs=" + (System.nanoTime() - start) / 1_000_000);
    }
    if (!psql.waitFor(30, TimeUnit.SECONDS) || psql.exitValue() != 0) {
      System.out.println("psql failed: " + new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      System.exit(1);
    }
    database.dropAccount();
    System.out.println("workload done");
  }

  /** Waits until another session holds a row lock on the table; each look is its own scope. */
  private static void awaitRowLockedOutside(Connection connection, String table) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (QueryLensScope look = QueryLens.scope("await-outside-lock");
          PreparedStatement query = connection.prepareStatement(
              "select count(*) from pg_locks l join pg_class c on c.oid = l.relation"
                  + " where c.relname = ? and l.mode = 'RowExclusiveLock' and l.granted and l.pid <> pg_backend_pid()")) {
        query.setString(1, table);
        try (ResultSet rows = query.executeQuery()) {
          if (rows.next() && rows.getInt(1) > 0) {
            return;
          }
        }
      }
      Thread.sleep(50);
    }
    throw new IOException("psql never locked the row of " + table);
  }
}
