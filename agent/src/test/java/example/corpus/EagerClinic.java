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
import java.util.Set;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/**
 * A clinic with two levels of EAGER collections (owner → pets → visits), each fetched by its own
 * select ({@code @Fetch(FetchMode.SELECT)}): a plain {@code from Owner} query loads every owner's pets
 * and every pet's visits with one select each unless batch fetching is on. Used with and without
 * {@code hibernate.default_batch_fetch_size}.
 *
 * <p>Without {@code @Fetch}, Hibernate 6.6 joins the visits into each owner's pets select, one level
 * of selects instead of two; {@link NestedEagerJoinedIntoEachSelect} covers that mapping.
 */
final class EagerClinic {

  static final Class<?>[] ENTITIES = {Owner.class, Pet.class, Visit.class};

  private EagerClinic() {}

  /** Fills the tables with {@code owners} owners, {@code petsPerOwner} pets each and one visit per pet. */
  static void seed(int owners, int petsPerOwner) throws Exception {
    List<Object[]> ownerRows = new ArrayList<>();
    List<Object[]> petRows = new ArrayList<>();
    List<Object[]> visitRows = new ArrayList<>();
    for (long owner = 1; owner <= owners; owner++) {
      ownerRows.add(new Object[] {owner, CorpusValues.text("eager-owner", owner)});
      for (int p = 1; p <= petsPerOwner; p++) {
        long pet = (owner - 1) * petsPerOwner + p;
        petRows.add(new Object[] {pet, owner, CorpusValues.text("eager-pet", pet)});
        visitRows.add(new Object[] {pet, pet, CorpusValues.text("eager-visit", pet)});
      }
    }
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.seed(c, "insert into eager_owner (id, name) values (?, ?)", ownerRows);
      CorpusDb.seed(c, "insert into eager_pet (id, owner_id, name) values (?, ?, ?)", petRows);
      CorpusDb.seed(c, "insert into eager_visit (id, pet_id, description) values (?, ?, ?)", visitRows);
    }
  }

  /** An owner whose pets are loaded with it. */
  @Entity(name = "Owner")
  @Table(name = "eager_owner")
  public static class Owner {
    @Id private Long id;
    private String name;

    @OneToMany(mappedBy = "owner", fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    private Set<Pet> pets;

    protected Owner() {}

    public Set<Pet> getPets() {
      return pets;
    }
  }

  /** A pet whose visits are loaded with it. */
  @Entity(name = "Pet")
  @Table(name = "eager_pet")
  public static class Pet {
    @Id private Long id;
    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Owner owner;

    @OneToMany(mappedBy = "pet", fetch = FetchType.EAGER)
    @Fetch(FetchMode.SELECT)
    private Set<Visit> visits;

    protected Pet() {}

    public Set<Visit> getVisits() {
      return visits;
    }
  }

  /** A visit. */
  @Entity(name = "Visit")
  @Table(name = "eager_visit")
  public static class Visit {
    @Id private Long id;
    private String description;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Pet pet;

    protected Visit() {}
  }
}
