package io.querylens.agent.it.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Where a workload gets its connections from, per {@link WorkloadMode}; closing it shuts a pool down. */
interface ConnectionSource extends AutoCloseable {

  /** HikariCP's validation query: distinctive, so a test can tell it never reached the application's figures. */
  String POOL_TEST_QUERY = "SELECT 1 AS querylens_probe";

  /** HikariCP's init SQL, run once per new physical connection; distinctive for the same reason. */
  String POOL_INIT_SQL = "SELECT 2 AS querylens_init";

  /** Borrows (or opens) a connection. */
  Connection get() throws SQLException;

  @Override
  default void close() {}

  /** The connection source for {@code mode} on {@code url} (a plain {@code jdbc:<db>:} URL). */
  static ConnectionSource open(WorkloadMode mode, String url) {
    switch (mode) {
      case DRIVER_MANAGER:
        return () -> DriverManager.getConnection(url);
      case P6SPY:
        return () -> DriverManager.getConnection(p6spyUrl(url));
      case SPRING_PROXY:
        TransactionAwareDataSourceProxy proxy = new TransactionAwareDataSourceProxy(new DriverManagerDataSource(url));
        return proxy::getConnection;
      case HIKARI:
        return hikari(url, null);
      case HIKARI_P6SPY:
        return hikari(p6spyUrl(url), "com.p6spy.engine.spy.P6SpyDriver");
      default:
        throw new IllegalArgumentException(mode + " is not a plain JDBC mode");
    }
  }

  private static ConnectionSource hikari(String url, String driverClassName) {
    // HikariCP skips validation of a connection used in the last 500 ms; with 0 it validates on (nearly) every
    // borrow, so its test query also runs on the application's thread, inside getConnection(). Read once,
    // when HikariPool loads.
    System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", "0");
    HikariConfig config = new HikariConfig();
    config.setPoolName("querylens-it");
    config.setJdbcUrl(url);
    if (driverClassName != null) {
      config.setDriverClassName(driverClassName);
    }
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(1);
    config.setConnectionTestQuery(POOL_TEST_QUERY);
    config.setConnectionInitSql(POOL_INIT_SQL);
    HikariDataSource dataSource = new HikariDataSource(config);
    return new ConnectionSource() {
      private final AtomicInteger borrows = new AtomicInteger();

      @Override
      public Connection get() throws SQLException {
        // A connection returned in the same millisecond is not validated again (elapsed > 0 is required).
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        borrows.incrementAndGet();
        return dataSource.getConnection();
      }

      @Override
      public void close() {
        dataSource.close();
        Observations.observe("poolBorrows", borrows.get());
      }
    };
  }

  /** {@code jdbc:h2:…} becomes {@code jdbc:p6spy:h2:…}. */
  static String p6spyUrl(String url) {
    return "jdbc:p6spy:" + url.substring("jdbc:".length());
  }
}
