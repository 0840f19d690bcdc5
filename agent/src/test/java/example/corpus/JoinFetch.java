package example.corpus;

import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/** Owners with their lazy pets fetched by {@code join fetch}: one query, no finding. */
final class JoinFetch implements Scenario {

  private static final int OWNERS = 6;
  private static final int PETS_PER_OWNER = 3;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(), LazyClinic.ENTITIES);
    LazyClinic.seed(OWNERS, PETS_PER_OWNER);
  }

  @Override
  public void run() {
    int pets = 0;
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      List<LazyClinic.Owner> owners =
          session
              .createQuery("select distinct o from Owner o join fetch o.pets order by o.id", LazyClinic.Owner.class)
              .getResultList();
      for (LazyClinic.Owner owner : owners) {
        pets += owner.getPets().size();
      }
      session.getTransaction().commit();
    }
    if (pets != OWNERS * PETS_PER_OWNER) {
      throw new IllegalStateException("counted " + pets + " pets");
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }
}
