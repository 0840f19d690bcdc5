package example.corpus;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Spring Data JPA without Spring Boot: a repository from {@code JpaRepositoryFactory}, and {@code
 * findById} called once per id inside a transaction. The call site is the loop's line, behind the
 * repository's JDK proxy and Spring's interceptors.
 */
final class SpringDataFindByIdInLoop implements Scenario {

  private static final int OWNERS = 4;
  private static final int PETS_PER_OWNER = 2;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  /** The application's repository. */
  public interface PetRepository extends JpaRepository<LazyClinic.Pet, Long> {}

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(), LazyClinic.ENTITIES);
    LazyClinic.seed(OWNERS, PETS_PER_OWNER);
  }

  @Override
  public void run() {
    EntityManager entityManager = sessionFactory.createEntityManager();
    try {
      PetRepository pets = new JpaRepositoryFactory(entityManager).getRepository(PetRepository.class);
      entityManager.getTransaction().begin();
      List<Long> ids =
          entityManager.createQuery("select p.id from Pet p order by p.id", Long.class).getResultList();
      int found = 0;
      for (Long id : ids) {
        if (pets.findById(id).isPresent()) { // expect: N_PLUS_ONE
          found++;
        }
      }
      entityManager.getTransaction().commit();
      if (found != OWNERS * PETS_PER_OWNER) {
        throw new IllegalStateException("found " + found + " pets");
      }
    } finally {
      entityManager.close();
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }
}
