package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * An N+1 inside one JDBC transaction (manual commit): the pets of one owner are read into a list
 * first, then one visit lookup per pet. The parent (the pets query) read {@code
 * observed corpus.NPlusOneInOneTransaction.parentRows} rows.
 */
final class NPlusOneInOneTransaction implements Scenario {

  private static final long OWNER = 5;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect()) {
      c.setAutoCommit(false);
      List<Long> pets = new ArrayList<>();
      try (PreparedStatement petsOf = c.prepareStatement("select id from clinic_pet where owner_id = ? order by id")) {
        petsOf.setLong(1, OWNER);
        try (ResultSet pet = petsOf.executeQuery()) {
          while (pet.next()) {
            pets.add(pet.getLong(1));
          }
        }
      }
      int visits = 0;
      try (PreparedStatement visitsOf = c.prepareStatement("select count(*) from clinic_visit where pet_id = ?")) {
        for (long petId : pets) {
          visitsOf.setLong(1, petId);
          try (ResultSet count = visitsOf.executeQuery()) { // expect: N_PLUS_ONE
            count.next();
            visits += count.getInt(1);
          }
        }
      }
      c.commit();
      if (visits != Clinic.PETS_PER_OWNER * Clinic.VISITS_PER_PET) {
        throw new IllegalStateException("counted " + visits + " visits");
      }
      CorpusMain.observe("corpus." + name() + ".parentRows", pets.size());
    }
  }
}
