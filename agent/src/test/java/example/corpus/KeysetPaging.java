package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads every visit page by page, seeking past the last id seen (keyset paging): not N+1. */
final class KeysetPaging implements Scenario {

  private static final int PAGE = 10;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    int read = 0;
    try (Connection c = CorpusDb.connect();
        PreparedStatement page =
            c.prepareStatement("select id, description from clinic_visit where id > ? order by id limit ?")) {
      long lastId = 0;
      int rows;
      do {
        page.setLong(1, lastId);
        page.setInt(2, PAGE);
        rows = 0;
        try (ResultSet visit = page.executeQuery()) {
          while (visit.next()) {
            lastId = visit.getLong("id");
            rows++;
          }
        }
        read += rows;
      } while (rows == PAGE);
    }
    if (read != Clinic.VISITS) {
      throw new IllegalStateException("paged through " + read + " visits, expected " + Clinic.VISITS);
    }
  }
}
