package example.corpus;

import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.query.Query;

/**
 * EAGER collections two levels deep, no batch fetching: {@code from Owner} loads the owners, then
 * each owner's pets with one select, then each pet's visits with one select, all inside {@code
 * getResultList()}. Two N+1s (pets, visits) at the query's line.
 */
final class EagerCollectionsWithoutBatchFetch implements Scenario {

  private static final int OWNERS = 6;
  private static final int PETS_PER_OWNER = 2;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(), EagerClinic.ENTITIES);
    EagerClinic.seed(OWNERS, PETS_PER_OWNER);
  }

  @Override
  public void run() {
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      Query<EagerClinic.Owner> query = session.createQuery("from Owner o order by o.id", EagerClinic.Owner.class);
      List<EagerClinic.Owner> owners = query.getResultList(); // expect: N_PLUS_ONE N_PLUS_ONE
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
