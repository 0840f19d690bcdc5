package example.corpus;

import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;

/**
 * The same EAGER mapping with {@code hibernate.default_batch_fetch_size=16} and 45 owners: the
 * collections load in chunks of up to 16 keys (several chunks per level, each a different key set),
 * which is batch fetching, not N+1.
 */
final class EagerCollectionsWithBatchFetch implements Scenario {

  private static final int OWNERS = 45;
  private static final int PETS_PER_OWNER = 2;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(AvailableSettings.DEFAULT_BATCH_FETCH_SIZE, "16"), EagerClinic.ENTITIES);
    EagerClinic.seed(OWNERS, PETS_PER_OWNER);
  }

  @Override
  public void run() {
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      List<EagerClinic.Owner> owners =
          session.createQuery("from Owner o order by o.id", EagerClinic.Owner.class).getResultList();
      session.getTransaction().commit();
      int visits = owners.stream().flatMap(o -> o.getPets().stream()).mapToInt(p -> p.getVisits().size()).sum();
      if (visits != OWNERS * PETS_PER_OWNER) {
        throw new IllegalStateException("loaded " + visits + " visits");
      }
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }
}
