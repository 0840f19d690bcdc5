package example.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A HikariCP pool of one connection shared by four threads that each hold it for a while: three of
 * them wait in {@code getConnection()}. Run under the agent by {@code PoolWaitIT}.
 */
public final class SharedPoolOfOne {
  public static final String POOL = "orders-pool";
  public static final int WORKERS = 4;
  public static final long HOLD_MILLIS = 300;

  private SharedPoolOfOne() {}

  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:pool;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(1);
    config.setPoolName(POOL);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      try (Connection warm = pool.getConnection(); // marker: warm-up
          Statement statement = warm.createStatement()) {
        statement.execute("create table if not exists pool_orders (id int primary key)");
      }
      CountDownLatch start = new CountDownLatch(1);
      Thread[] workers = new Thread[WORKERS];
      for (int i = 0; i < WORKERS; i++) {
        int worker = i;
        workers[i] = new Thread(() -> work(pool, start, worker), "orders-worker-" + i);
        workers[i].start();
      }
      start.countDown();
      for (Thread thread : workers) {
        thread.join();
      }
    }
    System.out.println("done");
  }

  private static void work(HikariDataSource pool, CountDownLatch start, int worker) {
    try {
      start.await();
      try (Connection connection = pool.getConnection(); // marker: checkout
          Statement statement = connection.createStatement()) {
        statement.executeQuery("select count(*) from pool_orders").close();
        Thread.sleep(HOLD_MILLIS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("worker " + worker + " failed", e);
    }
  }
}
