package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Two parts of one unit of work each load the same owner, with the same parameter: the second read
 * is a repeated query (cacheable), reported at the repeat's line.
 */
final class IdenticalLookupTwice implements Scenario {

  private static final long OWNER = 3;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect()) {
      String header = ownerName(c, OWNER);
      String greeting = greeting(c, OWNER);
      if (!greeting.endsWith(header)) {
        throw new IllegalStateException("the two reads disagree");
      }
    }
  }

  private static String ownerName(Connection c, long ownerId) throws SQLException {
    try (PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?")) {
      byId.setLong(1, ownerId);
      try (ResultSet owner = byId.executeQuery()) {
        owner.next();
        return owner.getString(1);
      }
    }
  }

  private static String greeting(Connection c, long ownerId) throws SQLException {
    try (PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?")) {
      byId.setLong(1, ownerId);
      try (ResultSet owner = byId.executeQuery()) { // expect: REPEATED_QUERY
        owner.next();
        return "Hello " + owner.getString(1);
      }
    }
  }
}
