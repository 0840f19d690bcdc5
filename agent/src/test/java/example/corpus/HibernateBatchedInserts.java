package example.corpus;

import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * Thirty entities persisted with {@code hibernate.jdbc.batch_size=30} and {@code order_inserts}:
 * Hibernate sends them as one JDBC batch at the flush, so no finding.
 */
final class HibernateBatchedInserts implements Scenario {

  private static final int INVOICES = 30;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() {
    sessionFactory =
        Hibernates.build(
            Map.of(AvailableSettings.STATEMENT_BATCH_SIZE, "30", AvailableSettings.ORDER_INSERTS, "true"),
            InvoiceModel.Invoice.class);
  }

  @Override
  public void run() {
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      for (int i = 1; i <= INVOICES; i++) {
        session.persist(new InvoiceModel.Invoice(CorpusValues.text("batched-invoice", i)));
      }
      session.getTransaction().commit();
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }
}
