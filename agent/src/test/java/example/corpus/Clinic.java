package example.corpus;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-JDBC scenarios' shared data: {@value #OWNERS} owners (ids 1..{@value #OWNERS}), each with
 * {@value #PETS_PER_OWNER} pets (ids 101..), each pet with {@value #VISITS_PER_PET} visits (ids 1001..).
 * Created once, by the first scenario that needs it, on that scenario's set-up thread.
 */
final class Clinic {

  static final int OWNERS = 8;
  static final int PETS_PER_OWNER = 3;
  static final int VISITS_PER_PET = 2;
  static final int PETS = OWNERS * PETS_PER_OWNER;
  static final int VISITS = PETS * VISITS_PER_PET;

  // set once the tables exist; guarded by the class lock
  private static boolean created;

  private Clinic() {}

  /** Creates and fills {@code clinic_owner}, {@code clinic_pet} and {@code clinic_visit} unless done. */
  static synchronized void ensureCreated() throws SQLException {
    if (created) {
      return;
    }
    List<Object[]> owners = new ArrayList<>();
    List<Object[]> pets = new ArrayList<>();
    List<Object[]> visits = new ArrayList<>();
    for (long owner = 1; owner <= OWNERS; owner++) {
      owners.add(new Object[] {owner, CorpusValues.text("owner", owner)});
      for (int p = 0; p < PETS_PER_OWNER; p++) {
        long pet = firstPetOf(owner) + p;
        pets.add(new Object[] {pet, owner, CorpusValues.text("pet", pet)});
        for (int v = 0; v < VISITS_PER_PET; v++) {
          long visit = 1001 + (pet - 101) * VISITS_PER_PET + v;
          visits.add(new Object[] {visit, pet, CorpusValues.text("visit", visit)});
        }
      }
    }
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.ddl(
          c,
          "create table clinic_owner (id bigint primary key, name varchar(100) not null)",
          "create table clinic_pet (id bigint primary key, owner_id bigint not null references clinic_owner,"
              + " name varchar(100) not null)",
          "create table clinic_visit (id bigint primary key, pet_id bigint not null references clinic_pet,"
              + " description varchar(100) not null)");
      CorpusDb.seed(c, "insert into clinic_owner (id, name) values (?, ?)", owners);
      CorpusDb.seed(c, "insert into clinic_pet (id, owner_id, name) values (?, ?, ?)", pets);
      CorpusDb.seed(c, "insert into clinic_visit (id, pet_id, description) values (?, ?, ?)", visits);
    }
    created = true;
  }

  /** The id of an owner's first pet; the others follow. */
  static long firstPetOf(long owner) {
    return 101 + (owner - 1) * PETS_PER_OWNER;
  }
}
