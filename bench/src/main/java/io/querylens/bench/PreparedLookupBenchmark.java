package io.querylens.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A prepared primary-key lookup on H2 in memory: the cheapest real statement there is, so the
 * agent's cost per statement shows as clearly as it can. {@link AgentOverhead} runs it with and
 * without the agent in one run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class PreparedLookupBenchmark {
  private static final int ROWS = 1024;

  private Connection connection;
  private PreparedStatement lookup;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("create table if not exists customer (id int primary key, name varchar(40))");
      ddl.execute("delete from customer");
    }
    try (PreparedStatement insert = connection.prepareStatement("insert into customer values (?, ?)")) {
      for (int i = 0; i < ROWS; i++) {
        insert.setInt(1, i);
        insert.setString(2, "customer " + i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    lookup = connection.prepareStatement("select id, name from customer where id = ?");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    lookup.close();
    connection.close();
  }

  /** Executes the same prepared statement again: the steady state of a hot loop. */
  @Benchmark
  public String preparedPrimaryKeyLookup() throws SQLException {
    lookup.setInt(1, next++ & (ROWS - 1));
    try (ResultSet rows = lookup.executeQuery()) {
      return rows.next() ? rows.getString(2) : null;
    }
  }

  /** Prepares, executes and closes each time, as ORMs without a statement cache do. */
  @Benchmark
  public String prepareExecuteClose() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select id, name from customer where id = ?")) {
      statement.setInt(1, next++ & (ROWS - 1));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(2) : null;
      }
    }
  }

  /** The yardstick the design measures the hot path against: two clock reads. */
  @Benchmark
  public long twoNanoTimeCalls() {
    return System.nanoTime() - System.nanoTime();
  }
}
