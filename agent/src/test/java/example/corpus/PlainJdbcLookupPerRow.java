package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The textbook N+1 in plain JDBC: while iterating the owners, one pet lookup per owner row. The
 * finding's parent is the owners query, with as many rows as the loop read (printed as {@code
 * observed corpus.PlainJdbcLookupPerRow.parentRows}).
 */
final class PlainJdbcLookupPerRow implements Scenario {

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    int ownerRows = 0;
    int pets = 0;
    try (Connection c = CorpusDb.connect();
        Statement owners = c.createStatement();
        PreparedStatement petsOf = c.prepareStatement("select id, name from clinic_pet where owner_id = ?")) {
      try (ResultSet owner = owners.executeQuery("select id, name from clinic_owner order by id")) {
        while (owner.next()) {
          ownerRows++;
          petsOf.setLong(1, owner.getLong("id"));
          try (ResultSet pet = petsOf.executeQuery()) { // expect: N_PLUS_ONE
            while (pet.next()) {
              pets++;
            }
          }
        }
      }
    }
    if (pets != Clinic.PETS) {
      throw new IllegalStateException("read " + pets + " pets, expected " + Clinic.PETS);
    }
    CorpusMain.observe("corpus." + name() + ".parentRows", ownerRows);
    CorpusMain.observe("corpus." + name() + ".virtualThread", CorpusMain.isVirtualThread());
  }
}
