package example.corpus;

import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Thirty entities persisted without JDBC batching: Hibernate flushes thirty single inserts at
 * commit. The first application frame when they run is the {@code commit()} line.
 */
final class HibernateUnbatchedInserts implements Scenario {

  private static final int INVOICES = 30;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() {
    sessionFactory = Hibernates.build(Map.of(), InvoiceModel.Invoice.class);
  }

  @Override
  public void run() {
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      for (int i = 1; i <= INVOICES; i++) {
        session.persist(new InvoiceModel.Invoice(CorpusValues.text("unbatched-invoice", i)));
      }
      session.getTransaction().commit(); // expect: UNBATCHED_WRITES
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }
}
