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
import org.hibernate.query.Query;

/**
 * Two levels of EAGER collections with no {@code @Fetch} and no batch fetching: Hibernate 6.6 loads
 * each owner's pets with one select that left-joins the pets' visits, so one N+1 (per owner), not
 * two, at the query's line.
 */
final class NestedEagerJoinedIntoEachSelect implements Scenario {

  private static final int OWNERS = 5;
  private static final int PETS_PER_OWNER = 2;

  // written on the set-up thread, read on the scenario's after join()
  private SessionFactory sessionFactory;

  @Override
  public void prepare() throws Exception {
    sessionFactory = Hibernates.build(Map.of(), Owner.class, Pet.class, Visit.class);
    List<Object[]> owners = new ArrayList<>();
    List<Object[]> pets = new ArrayList<>();
    List<Object[]> visits = new ArrayList<>();
    for (long owner = 1; owner <= OWNERS; owner++) {
      owners.add(new Object[] {owner, CorpusValues.text("joined-owner", owner)});
      for (int p = 1; p <= PETS_PER_OWNER; p++) {
        long pet = (owner - 1) * PETS_PER_OWNER + p;
        pets.add(new Object[] {pet, owner, CorpusValues.text("joined-pet", pet)});
        visits.add(new Object[] {pet, pet});
      }
    }
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.seed(c, "insert into joined_owner (id, name) values (?, ?)", owners);
      CorpusDb.seed(c, "insert into joined_pet (id, owner_id, name) values (?, ?, ?)", pets);
      CorpusDb.seed(c, "insert into joined_visit (id, pet_id) values (?, ?)", visits);
    }
  }

  @Override
  public void run() {
    try (Session session = sessionFactory.openSession()) {
      session.beginTransaction();
      Query<Owner> query = session.createQuery("from Owner o order by o.id", Owner.class);
      List<Owner> owners = query.getResultList(); // expect: N_PLUS_ONE
      session.getTransaction().commit();
      int visits = owners.stream().flatMap(o -> o.pets.stream()).mapToInt(p -> p.visits.size()).sum();
      if (visits != OWNERS * PETS_PER_OWNER) {
        throw new IllegalStateException("loaded " + visits + " visits");
      }
    }
  }

  @Override
  public void close() {
    Hibernates.close(sessionFactory);
  }

  /** An owner whose pets are loaded with it. */
  @Entity(name = "Owner")
  @Table(name = "joined_owner")
  public static class Owner {
    @Id private Long id;
    private String name;

    @OneToMany(mappedBy = "owner", fetch = FetchType.EAGER)
    private Set<Pet> pets;

    protected Owner() {}
  }

  /** A pet whose visits are loaded with it. */
  @Entity(name = "Pet")
  @Table(name = "joined_pet")
  public static class Pet {
    @Id private Long id;
    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Owner owner;

    @OneToMany(mappedBy = "pet", fetch = FetchType.EAGER)
    private Set<Visit> visits;

    protected Pet() {}
  }

  /** A visit. */
  @Entity(name = "Visit")
  @Table(name = "joined_visit")
  public static class Visit {
    @Id private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Pet pet;

    protected Visit() {}
  }
}
