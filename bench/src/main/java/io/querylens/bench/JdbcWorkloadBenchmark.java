package io.querylens.bench;

import java.sql.Connection;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Three application workloads through whichever {@link Peer} this JVM was started for: a prepared
 * primary-key lookup, a single insert, and a five-statement transaction. {@link PeerComparison} runs
 * it once per peer and divides by {@link Peer#NONE}.
 *
 * <p>Statements are prepared once, as a pool's statement cache or an ORM would, so every measured
 * execution is a fingerprint cache hit for QueryLens. Rows the writes add are removed between
 * iterations, outside the measurement, so the tables do not grow without bound.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JdbcWorkloadBenchmark {
  /** The statements {@link #fiveStatementTransaction} runs before its commit. */
  public static final int STATEMENTS_PER_TRANSACTION = 5;

  private static final int ROWS = 1024;

  /** {@code h2} (in memory, in this JVM) or {@code postgresql} (over loopback, {@value #PG_URL_VARIABLE}). */
  @Param({"h2", "postgresql"})
  public String database;

  static final String PG_URL_VARIABLE = "QUERYLENS_TEST_PG_URL";
  static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private Connection connection;
  private Connection transactional;
  private PreparedStatement lookup;
  private PreparedStatement insert;
  private PreparedStatement readCustomer;
  private PreparedStatement debit;
  private PreparedStatement placeOrder;
  private PreparedStatement audit;
  private PreparedStatement readProduct;
  private int next;

  /** Returns the plain JDBC URL of a benchmark database. */
  static String url(String database) {
    if ("h2".equals(database)) {
      return "jdbc:h2:mem:querylens-bench;DB_CLOSE_DELAY=-1";
    }
    if ("postgresql".equals(database)) {
      String url = System.getenv(PG_URL_VARIABLE);
      return url == null || url.isEmpty() ? DEFAULT_PG_URL : url;
    }
    throw new IllegalArgumentException("database must be h2 or postgresql but was " + database);
  }

  /** Connects through this JVM's peer, fills the tables and prepares every statement. */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    Peer peer = Peer.current();
    String url = url(database);
    try {
      connection = peer.connect(url);
    } catch (SQLException e) {
      throw new SQLException("Cannot open " + url + " for " + peer + "; for PostgreSQL set " + PG_URL_VARIABLE
          + " or leave the postgresql parameter out (-p database=h2)", e);
    }
    createTables(connection);
    transactional = peer.connect(url);
    transactional.setAutoCommit(false);
    lookup = connection.prepareStatement("select id, name from qlb_customer where id = ?");
    insert = connection.prepareStatement("insert into qlb_audit (customer_id, note) values (?, ?)");
    readCustomer = transactional.prepareStatement("select name, balance from qlb_customer where id = ?");
    debit = transactional.prepareStatement("update qlb_customer set balance = balance - ? where id = ?");
    placeOrder = transactional.prepareStatement("insert into qlb_order (customer_id, product_id, amount) values (?, ?, ?)");
    audit = transactional.prepareStatement("insert into qlb_audit (customer_id, note) values (?, ?)");
    readProduct = transactional.prepareStatement("select name, price from qlb_product where id = ?");
  }

  private static void createTables(Connection connection) throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("create table if not exists qlb_customer (id int primary key, name varchar(40), balance bigint)");
      ddl.execute("create table if not exists qlb_product (id int primary key, name varchar(40), price int)");
      ddl.execute("create table if not exists qlb_order (customer_id int, product_id int, amount int)");
      ddl.execute("create table if not exists qlb_audit (customer_id int, note varchar(40))");
      ddl.execute("delete from qlb_customer");
      ddl.execute("delete from qlb_product");
      ddl.execute("delete from qlb_order");
      ddl.execute("delete from qlb_audit");
    }
    try (PreparedStatement customers = connection.prepareStatement("insert into qlb_customer values (?, ?, 0)");
        PreparedStatement products = connection.prepareStatement("insert into qlb_product values (?, ?, 100)")) {
      for (int i = 0; i < ROWS; i++) {
        customers.setInt(1, i);
        customers.setString(2, "customer " + i);
        customers.addBatch();
        products.setInt(1, i);
        products.setString(2, "product " + i);
        products.addBatch();
      }
      customers.executeBatch();
      products.executeBatch();
    }
  }

  /** Empties the tables the writes fill, between iterations (not measured). */
  @TearDown(Level.Iteration)
  public void removeWrittenRows() throws SQLException {
    try (Statement cleanup = connection.createStatement()) {
      cleanup.execute("delete from qlb_order");
      cleanup.execute("delete from qlb_audit");
    }
  }

  /** Closes both connections. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    transactional.close();
    connection.close();
  }

  /** One prepared primary-key lookup: execute, read the one row, close the result set. */
  @Benchmark
  public String lookup() throws SQLException {
    lookup.setInt(1, next++ & (ROWS - 1));
    try (ResultSet rows = lookup.executeQuery()) {
      return rows.next() ? rows.getString(2) : null;
    }
  }

  /** One single-row insert, auto-committed. */
  @Benchmark
  public int insert() throws SQLException {
    insert.setInt(1, next++ & (ROWS - 1));
    insert.setString(2, "seen");
    return insert.executeUpdate();
  }

  /**
   * An order placed in one transaction: read the customer, debit them, insert the order, audit it,
   * read the product; then commit. Five statements and a commit.
   */
  @Benchmark
  public int fiveStatementTransaction() throws SQLException {
    int customer = next++ & (ROWS - 1);
    int product = (customer * 7) & (ROWS - 1);
    readCustomer.setInt(1, customer);
    long balance;
    try (ResultSet rows = readCustomer.executeQuery()) {
      balance = rows.next() ? rows.getLong(2) : 0;
    }
    debit.setInt(1, 1);
    debit.setInt(2, customer);
    int written = debit.executeUpdate();
    placeOrder.setInt(1, customer);
    placeOrder.setInt(2, product);
    placeOrder.setInt(3, 1);
    written += placeOrder.executeUpdate();
    audit.setInt(1, customer);
    audit.setString(2, "order");
    written += audit.executeUpdate();
    readProduct.setInt(1, product);
    try (ResultSet rows = readProduct.executeQuery()) {
      written += rows.next() ? rows.getInt(2) : 0;
    }
    transactional.commit();
    return written + (int) balance;
  }
}
