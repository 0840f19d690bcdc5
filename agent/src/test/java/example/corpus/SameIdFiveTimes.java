package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Five order lines of the same owner, each loading that owner again: one parameter set, so a repeated
 * query (cacheable) and not an N+1.
 */
final class SameIdFiveTimes implements Scenario {

  private static final int LINES = 5;
  private static final long OWNER = 6;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        PreparedStatement byId = c.prepareStatement("select id, name from clinic_owner where id = ?")) {
      for (int line = 1; line <= LINES; line++) {
        byId.setLong(1, OWNER);
        try (ResultSet owner = byId.executeQuery()) { // expect: REPEATED_QUERY
          if (!owner.next()) {
            throw new IllegalStateException("no owner " + OWNER);
          }
        }
      }
    }
  }
}
