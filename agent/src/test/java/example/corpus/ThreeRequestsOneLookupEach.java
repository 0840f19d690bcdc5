package example.corpus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Three HTTP requests to the same route, each looking one owner up from the same line: three scopes
 * with one lookup each, so no N+1.
 */
final class ThreeRequestsOneLookupEach implements Scenario {

  // written on the set-up thread, read on the scenario's after join()
  private SpringMvcServer server;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
    server = SpringMvcServer.start(WebConfig.class);
  }

  @Override
  public void run() throws Exception {
    for (int ownerId = 1; ownerId <= 3; ownerId++) {
      String name = Http.get(server.uri("/owners/" + ownerId + "/name"));
      if (!name.equals(CorpusValues.text("owner", ownerId))) {
        throw new IllegalStateException("owner " + ownerId + " is named " + name);
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** The web application's configuration. */
  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class WebConfig {
    @Bean
    OwnerNameController ownerNameController() {
      return new OwnerNameController(new JdbcTemplate(CorpusDb.pool()));
    }
  }

  /** Names one owner. */
  @RestController
  static class OwnerNameController {
    private final JdbcTemplate jdbc;

    OwnerNameController(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/owners/{ownerId}/name")
    String name(@PathVariable("ownerId") long ownerId) {
      return jdbc.queryForObject("select name from clinic_owner where id = ?", String.class, ownerId);
    }
  }
}
