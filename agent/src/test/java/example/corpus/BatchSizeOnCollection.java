package example.corpus;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.BatchSize;

/**
 * A lazy collection with {@code @BatchSize(size = 10)}: touching 25 owners' pets loads them ten owners
 * at a time (three chunks), the fix for N+1, so no finding.
 */
final class BatchSizeOnCollection implements Scenario {

  private static final int OWNERS = 25;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(), Owner.class, Pet.class);
    List<Object[]> owners = new ArrayList<>();
    List<Object[]> pets = new ArrayList<>();
    for (long owner = 1; owner <= OWNERS; owner++) {
      owners.add(new Object[] {owner, CorpusValues.text("batched-owner", owner)});
      pets.add(new Object[] {owner, owner, CorpusValues.text("batched-pet", owner)});
    }
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.seed(c, "insert into batched_owner (id, name) values (?, ?)", owners);
      CorpusDb.seed(c, "insert into batched_pet (id, owner_id, name) values (?, ?, ?)", pets);
    }
  }

  @Override
  public void run() {
    int pets = 0;
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      List<Owner> owners = session.createQuery("from Owner o order by o.id", Owner.class).getResultList();
      for (Owner owner : owners) {
        pets += owner.getPets().size();
      }
      session.getTransaction().commit();
    }
    if (pets != OWNERS) {
      throw new IllegalStateException("counted " + pets + " pets");
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }

  /** An owner whose pets load in batches. */
  @Entity(name = "Owner")
  @Table(name = "batched_owner")
  public static class Owner {
    @Id private Long id;
    private String name;

    @OneToMany(mappedBy = "owner")
    @BatchSize(size = 10)
    private Set<Pet> pets;

    protected Owner() {}

    public Set<Pet> getPets() {
      return pets;
    }
  }

  /** A pet. */
  @Entity(name = "Pet")
  @Table(name = "batched_pet")
  public static class Pet {
    @Id private Long id;
    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Owner owner;

    protected Pet() {}
  }
}
