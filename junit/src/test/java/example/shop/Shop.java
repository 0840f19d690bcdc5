package example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The database the example test cases use: one H2 in memory per JVM, behind HikariCP, with a
 * Hibernate session factory over it. Built on first use; thread-safe.
 */
public final class Shop {
  /** Customers, each with one order, after {@link #reset}. */
  public static final int ORDERS = 5;

  /**
   * H2 in memory; the library-mode run sets {@code example.jdbc.url} to the same database through
   * P6Spy ({@code jdbc:p6spy:h2:...}).
   */
  private static final String URL = System.getProperty("example.jdbc.url", "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1");

  private static DataSource dataSource;
  private static SessionFactory sessionFactory;

  private Shop() {}

  /** The pooled data source. */
  public static synchronized DataSource dataSource() {
    if (dataSource == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(URL);
      config.setUsername("sa");
      config.setMaximumPoolSize(8);
      dataSource = new HikariDataSource(config);
    }
    return dataSource;
  }

  /** Hibernate over {@link #dataSource()}; creates the schema the first time. */
  public static synchronized SessionFactory sessionFactory() {
    if (sessionFactory == null) {
      Configuration configuration = new Configuration()
          .addAnnotatedClass(Customer.class)
          .addAnnotatedClass(CustomerOrder.class);
      configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource());
      configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
      configuration.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
      configuration.setProperty(AvailableSettings.ORDER_INSERTS, "true");
      configuration.setProperty(AvailableSettings.SHOW_SQL, "false");
      sessionFactory = configuration.buildSessionFactory();
    }
    return sessionFactory;
  }

  /** Deletes every order and customer, then inserts {@link #ORDERS} customers with one order each. */
  public static void reset() {
    sessionFactory().inTransaction(session -> {
      session.createMutationQuery("delete from CustomerOrder").executeUpdate();
      session.createMutationQuery("delete from Customer").executeUpdate();
      for (long id = 1; id <= ORDERS; id++) {
        Customer customer = new Customer(id, "customer " + id);
        session.persist(customer);
        session.persist(new CustomerOrder(id, customer));
      }
    });
  }

  /**
   * A connection of its own, outside the pool: HikariCP closes a connection whose statement timed
   * out ({@code SQLTimeoutException}), which is what a lock timeout is in H2.
   */
  public static Connection connect() throws SQLException {
    dataSource(); // the database exists as long as the pool holds it open
    return DriverManager.getConnection(URL, "sa", "");
  }

  /** Runs {@code sql} statements on a connection of their own. */
  public static void execute(String... sql) {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
