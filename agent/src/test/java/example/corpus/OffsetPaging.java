package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads every visit page by page with LIMIT/OFFSET: a repeated statement, but paging, not N+1. */
final class OffsetPaging implements Scenario {

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
            c.prepareStatement("select id, description from clinic_visit order by id limit ? offset ?")) {
      int rows;
      do {
        page.setInt(1, PAGE);
        page.setInt(2, read);
        rows = 0;
        try (ResultSet visit = page.executeQuery()) {
          while (visit.next()) {
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
