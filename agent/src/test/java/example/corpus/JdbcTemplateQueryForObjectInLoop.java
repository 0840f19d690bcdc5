package example.corpus;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An N+1 through Spring's {@code JdbcTemplate.queryForObject} on a HikariCP pool: each call borrows
 * a connection; the call site is the application's line, not Spring's or the pool's.
 */
final class JdbcTemplateQueryForObjectInLoop implements Scenario {

  private static final String NAME_OF_OWNER = "select name from clinic_owner where id = ?";

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    JdbcTemplate jdbc = new JdbcTemplate(CorpusDb.pool());
    List<Long> ownerIds = jdbc.queryForList("select id from clinic_owner order by id", Long.class);
    List<String> names = new ArrayList<>();
    for (Long ownerId : ownerIds) {
      String name = jdbc.queryForObject(NAME_OF_OWNER, String.class, ownerId); // expect: N_PLUS_ONE
      names.add(name);
    }
    if (names.size() != Clinic.OWNERS) {
      throw new IllegalStateException("named " + names.size() + " owners");
    }
  }
}
