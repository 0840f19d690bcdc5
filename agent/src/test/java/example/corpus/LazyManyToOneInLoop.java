package example.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Hibernate 6: load the pets, then touch each pet's lazy {@code @ManyToOne} owner. Every distinct
 * owner is one select, fired from the proxy when the loop calls {@code getName()}: the call site is
 * the loop's line, not the proxy's.
 */
final class LazyManyToOneInLoop implements Scenario {

  private static final int OWNERS = 5;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(), LazyClinic.ENTITIES);
    LazyClinic.seed(OWNERS, 2);
  }

  @Override
  public void run() {
    List<String> ownerNames = new ArrayList<>();
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      List<LazyClinic.Pet> pets =
          session.createQuery("from Pet p order by p.id", LazyClinic.Pet.class).getResultList();
      for (LazyClinic.Pet pet : pets) {
        ownerNames.add(pet.getOwner().getName()); // expect: N_PLUS_ONE
      }
      session.getTransaction().commit();
    }
    if (ownerNames.size() != OWNERS * 2) {
      throw new IllegalStateException("named " + ownerNames.size() + " owners");
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }
}
