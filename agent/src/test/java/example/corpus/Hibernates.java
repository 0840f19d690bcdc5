package example.corpus;

import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Builds the Hibernate scenarios' session factories: native bootstrap on the shared HikariCP pool,
 * schema created by Hibernate's schema export (DDL only, so free of findings), JDBC batching off
 * unless a scenario turns it on.
 */
final class Hibernates {

  private Hibernates() {}

  /** A session factory for {@code entities} with {@code settings} on top of the defaults. */
  static SessionFactory build(Map<String, Object> settings, Class<?>... entities) {
    Configuration configuration = new Configuration();
    configuration.getProperties().put(AvailableSettings.DATASOURCE, CorpusDb.pool());
    configuration.setProperty(AvailableSettings.HBM2DDL_AUTO, "create");
    configuration.setProperty(AvailableSettings.SHOW_SQL, String.valueOf(Boolean.getBoolean("corpus.showSql")));
    configuration.setProperty(AvailableSettings.LOG_SESSION_METRICS, "false");
    // No bulk HQL here; without this each factory re-creates Hibernate's temporary id tables and the
    // second one fails (already exists), an error in the report for nothing.
    configuration.setProperty("hibernate.query.mutation_strategy.global_temporary.create_tables", "false");
    configuration.getProperties().putAll(settings);
    for (Class<?> entity : entities) {
      configuration.addAnnotatedClass(entity);
    }
    return configuration.buildSessionFactory();
  }

  /** Closes {@code sessionFactory} if it was built. */
  static void close(SessionFactory sessionFactory) {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
  }
}
