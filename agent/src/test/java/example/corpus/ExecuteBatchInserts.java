package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** Fifty inserts sent as one JDBC batch: the way to write many rows, so no finding. */
final class ExecuteBatchInserts implements Scenario {

  private static final int ROWS = 50;

  @Override
  public void prepare() throws Exception {
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.ddl(c, "create table batch_audit (id int primary key, message varchar(100) not null)");
    }
  }

  @Override
  public void run() throws Exception {
    try (Connection c = CorpusDb.connect();
        PreparedStatement insert = c.prepareStatement("insert into batch_audit (id, message) values (?, ?)")) {
      for (int i = 1; i <= ROWS; i++) {
        insert.setInt(1, i);
        insert.setString(2, CorpusValues.text("batch-audit", i));
        insert.addBatch();
      }
      int[] counts = insert.executeBatch();
      if (counts.length != ROWS) {
        throw new IllegalStateException("batch of " + ROWS + " answered " + counts.length + " counts");
      }
    }
  }
}
