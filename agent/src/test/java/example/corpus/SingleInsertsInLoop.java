package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** Twenty inserts, one statement each, in autocommit mode: unbatched writes. */
final class SingleInsertsInLoop implements Scenario {

  private static final int ROWS = 20;

  @Override
  public void prepare() throws Exception {
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.ddl(c, "create table single_audit (id int primary key, message varchar(100) not null)");
    }
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        PreparedStatement insert = c.prepareStatement("insert into single_audit (id, message) values (?, ?)")) {
      for (int i = 1; i <= ROWS; i++) {
        insert.setInt(1, i);
        insert.setString(2, CorpusValues.text("single-audit", i));
        insert.executeUpdate(); // expect: UNBATCHED_WRITES
      }
    }
  }
}
