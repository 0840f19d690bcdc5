package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Read a row, update it, read it again: the second read sees new data, so it is no repeated query. */
final class ReadUpdateRead implements Scenario {

  private static final long OWNER = 4;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?");
        PreparedStatement rename = c.prepareStatement("update clinic_owner set name = ? where id = ?")) {
      String before = read(byId);
      rename.setString(1, CorpusValues.text("renamed-owner", OWNER));
      rename.setLong(2, OWNER);
      rename.executeUpdate();
      String after;
      byId.setLong(1, OWNER);
      try (ResultSet owner = byId.executeQuery()) {
        owner.next();
        after = owner.getString(1);
      }
      if (after.equals(before)) {
        throw new IllegalStateException("the update did not change the name");
      }
    }
  }

  private static String read(PreparedStatement byId) throws SQLException {
    byId.setLong(1, OWNER);
    try (ResultSet owner = byId.executeQuery()) {
      owner.next();
      return owner.getString(1);
    }
  }
}
