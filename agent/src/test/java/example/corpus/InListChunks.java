package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A hundred ids fetched in IN-list chunks of thirty, the last chunk padded by repeating its last id
 * so every chunk is the same statement: batch fetching, the fix for N+1, so no finding.
 */
final class InListChunks implements Scenario {

  private static final int ITEMS = 100;
  private static final int CHUNK = 30;

  @Override
  public void prepare() throws Exception {
    List<Object[]> rows = new ArrayList<>();
    for (long id = 1; id <= ITEMS; id++) {
      rows.add(new Object[] {id, CorpusValues.text("chunk-item", id)});
    }
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.ddl(c, "create table chunk_item (id bigint primary key, name varchar(100) not null)");
      CorpusDb.seed(c, "insert into chunk_item (id, name) values (?, ?)", rows);
    }
  }

  @Override
  public void run() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (long id = 1; id <= ITEMS; id++) {
      ids.add(id);
    }
    String markers = String.join(", ", Collections.nCopies(CHUNK, "?"));
    int read = 0;
    try (Connection c = CorpusDb.connect();
        PreparedStatement chunk = c.prepareStatement("select id, name from chunk_item where id in (" + markers + ")")) {
      for (int from = 0; from < ids.size(); from += CHUNK) {
        List<Long> part = ids.subList(from, Math.min(from + CHUNK, ids.size()));
        for (int i = 0; i < CHUNK; i++) {
          chunk.setLong(i + 1, part.get(Math.min(i, part.size() - 1)));
        }
        try (ResultSet item = chunk.executeQuery()) {
          while (item.next()) {
            read++;
          }
        }
      }
    }
    if (read != ITEMS) {
      throw new IllegalStateException("read " + read + " items, expected " + ITEMS);
    }
  }
}
