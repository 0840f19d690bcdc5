package example.corpus;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The same lookup twice, with the value written into the SQL as a string literal: a repeated query,
 * and the literal (which carries {@link CorpusValues#MARKER}) must not reach the report.
 */
final class LiteralLookupTwice implements Scenario {

  private static final String SQL =
      "select id from clinic_owner where name = '" + CorpusValues.text("owner", 2) + "'";

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        Statement statement = c.createStatement()) {
      long first = idOf(statement);
      long again;
      try (ResultSet owner = statement.executeQuery(SQL)) { // expect: REPEATED_QUERY
        owner.next();
        again = owner.getLong(1);
      }
      if (first != again) {
        throw new IllegalStateException("the two reads disagree");
      }
    }
  }

  private static long idOf(Statement statement) throws SQLException {
    try (ResultSet owner = statement.executeQuery(SQL)) {
      owner.next();
      return owner.getLong(1);
    }
  }
}
