package io.querylens.agent.it.workload;

import java.util.Properties;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * The ORM application the end-to-end tests run in a child JVM: Hibernate 6, native bootstrap (no Spring,
 * no {@code persistence.xml}), its built-in connection provider, {@code hbm2ddl.auto=create-drop}, no JDBC
 * batching. It persists {@link #PERSISTED} customers in one transaction (one insert each), clears the
 * session, then finds {@link #FOUND} of them by id (one select each), and prints Hibernate's own statistics
 * as the oracle.
 *
 * <p>Usage: {@code HibernateWorkload hibernate <jdbc url> <token>}.
 */
public final class HibernateWorkload {

  /** Customers persisted. */
  public static final int PERSISTED = 12;

  /** Customers found by id after the session was cleared. */
  public static final int FOUND = 7;

  private HibernateWorkload() {}

  /** The physical table of a run. */
  public static String customerTable(String token) {
    return RunScopedNamingStrategy.tableName("ql_customer", token);
  }

  /** Runs the workload. */
  public static void main(String[] args) {
    if (args.length != 3 || WorkloadMode.fromCliName(args[0]) != WorkloadMode.HIBERNATE) {
      throw new IllegalArgumentException("usage: HibernateWorkload hibernate <jdbc url> <token>");
    }
    // Hibernate logs through JBoss Logging, which would pick JUL and print INFO lines; slf4j-nop keeps it quiet.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    Properties settings = new Properties();
    settings.setProperty(AvailableSettings.JAKARTA_JDBC_URL, args[1]);
    settings.setProperty(AvailableSettings.HBM2DDL_AUTO, "create-drop");
    settings.setProperty(AvailableSettings.GENERATE_STATISTICS, "true");
    settings.setProperty(AvailableSettings.SHOW_SQL, "false");
    settings.setProperty(AvailableSettings.LOG_SESSION_METRICS, "false");
    settings.setProperty(AvailableSettings.POOL_SIZE, "2");
    Configuration configuration =
        new Configuration()
            .addProperties(settings)
            .addAnnotatedClass(Customer.class)
            .setPhysicalNamingStrategy(new RunScopedNamingStrategy(args[2]));

    try (SessionFactory sessionFactory = configuration.buildSessionFactory()) {
      Statistics statistics = sessionFactory.getStatistics();
      statistics.clear(); // schema export is not part of the workload's figures

      try (Session session = sessionFactory.openSession()) {
        session.getTransaction().begin();
        for (long id = 1; id <= PERSISTED; id++) {
          session.persist(new Customer(id, "customer-" + id));
        }
        session.getTransaction().commit();

        session.clear();
        session.getTransaction().begin();
        for (long id = 1; id <= FOUND; id++) {
          Customer found = session.find(Customer.class, id * 1L);
          if (found == null || !found.getName().equals("customer-" + id)) {
            throw new IllegalStateException("customer " + id + " not found after persist");
          }
        }
        session.getTransaction().commit();
      }

      Observations.observe("hibernate.entityInsertCount", statistics.getEntityInsertCount());
      Observations.observe("hibernate.entityLoadCount", statistics.getEntityLoadCount());
      Observations.observe("hibernate.prepareStatementCount", statistics.getPrepareStatementCount());
      Observations.observe("hibernate.transactionCount", statistics.getTransactionCount());
    }
    Observations.done();
  }
}
