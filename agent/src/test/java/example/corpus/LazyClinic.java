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

/**
 * A clinic mapped the recommended way: every association lazy. Used by the lazy-loading, JOIN FETCH
 * and Spring Data scenarios; each builds its own session factory, which recreates the tables.
 */
final class LazyClinic {

  static final Class<?>[] ENTITIES = {Owner.class, Pet.class};

  private LazyClinic() {}

  /** Fills the tables (after Hibernate created them) with {@code owners} owners of {@code petsPerOwner} pets. */
  static void seed(int owners, int petsPerOwner) throws Exception {
    List<Object[]> ownerRows = new ArrayList<>();
    List<Object[]> petRows = new ArrayList<>();
    for (long owner = 1; owner <= owners; owner++) {
      ownerRows.add(new Object[] {owner, CorpusValues.text("lazy-owner", owner)});
      for (int p = 1; p <= petsPerOwner; p++) {
        long pet = (owner - 1) * petsPerOwner + p;
        petRows.add(new Object[] {pet, owner, CorpusValues.text("lazy-pet", pet)});
      }
    }
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.seed(c, "insert into lazy_owner (id, name) values (?, ?)", ownerRows);
      CorpusDb.seed(c, "insert into lazy_pet (id, owner_id, name) values (?, ?, ?)", petRows);
    }
  }

  /** An owner; its pets load on first access. */
  @Entity(name = "Owner")
  @Table(name = "lazy_owner")
  public static class Owner {
    @Id private Long id;
    private String name;

    @OneToMany(mappedBy = "owner")
    private Set<Pet> pets;

    protected Owner() {}

    public Long getId() {
      return id;
    }

    public String getName() {
      return name;
    }

    public Set<Pet> getPets() {
      return pets;
    }
  }

  /** A pet; its owner is a proxy until first used. */
  @Entity(name = "Pet")
  @Table(name = "lazy_pet")
  public static class Pet {
    @Id private Long id;
    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    private Owner owner;

    protected Pet() {}

    public Long getId() {
      return id;
    }

    public String getName() {
      return name;
    }

    public Owner getOwner() {
      return owner;
    }
  }
}
