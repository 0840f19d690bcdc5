package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An N+1 written as {@code ids.forEach(id -> ...)}: the call site is the line inside the lambda's
 * body, whatever JDK frames ({@code ArrayList.forEach}) lie between it and the enclosing method.
 */
final class LambdaLookupPerId implements Scenario {

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        PreparedStatement nameOf = c.prepareStatement("select name from clinic_pet where id = ?")) {
      List<Long> ids = new ArrayList<>();
      try (Statement all = c.createStatement();
          ResultSet pet = all.executeQuery("select id from clinic_pet where owner_id <= 3 order by id")) {
        while (pet.next()) {
          ids.add(pet.getLong(1));
        }
      }
      List<String> names = new ArrayList<>();
      ids.forEach(
          id -> {
            try {
              nameOf.setLong(1, id);
              try (ResultSet pet = nameOf.executeQuery()) { // expect: N_PLUS_ONE
                pet.next();
                names.add(pet.getString(1));
              }
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          });
      if (names.size() != ids.size()) {
        throw new IllegalStateException("named " + names.size() + " of " + ids.size() + " pets");
      }
    }
  }
}
