package example.corpus;

import io.querylens.api.QueryLens;
import io.querylens.api.QueryLensScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A batch job names its unit of work with {@code QueryLens.scope}; its N+1 carries that name. */
final class ExplicitScopeNPlusOne implements Scenario {

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (QueryLensScope scope = QueryLens.scope("nightly-import");
        Connection c = CorpusDb.connect()) {
      List<Long> pets = new ArrayList<>();
      try (Statement all = c.createStatement();
          ResultSet pet = all.executeQuery("select id from clinic_pet order by id")) {
        while (pet.next()) {
          pets.add(pet.getLong(1));
        }
      }
      int visits = 0;
      try (PreparedStatement visitsOf =
          c.prepareStatement("select id, description from clinic_visit where pet_id = ?")) {
        for (long petId : pets) {
          visitsOf.setLong(1, petId);
          try (ResultSet visit = visitsOf.executeQuery()) { // expect: N_PLUS_ONE scope="nightly-import"
            while (visit.next()) {
              visits++;
            }
          }
        }
      }
      if (visits != Clinic.VISITS) {
        throw new IllegalStateException("imported " + visits + " visits in scope " + scope.name());
      }
    }
  }
}
