package example.corpus;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * An N+1 inside a real HTTP request: Spring MVC on embedded Tomcat, {@code GET /owners/3}, whose
 * controller reads the owner's pets and then each pet's visits. The finding's scope is the route
 * template, {@code GET /owners/{ownerId}}, not the path with the id.
 */
final class SpringMvcRequestNPlusOne implements Scenario {

  // written on the set-up thread, read on the scenario's after join()
  private SpringMvcServer server;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
    server = SpringMvcServer.start(WebConfig.class);
  }

  @Override
  public void run() throws Exception {
    String visits = Http.get(server.uri("/owners/3"));
    if (!visits.equals(String.valueOf(Clinic.PETS_PER_OWNER * Clinic.VISITS_PER_PET))) {
      throw new IllegalStateException("the controller answered " + visits);
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
    OwnerController ownerController() {
      return new OwnerController(new JdbcTemplate(CorpusDb.pool()));
    }
  }

  /** Counts an owner's visits, one query per pet. */
  @RestController
  static class OwnerController {
    private static final String PETS_OF_OWNER = "select id from clinic_pet where owner_id = ? order by id";
    private static final String VISITS_OF_PET = "select id from clinic_visit where pet_id = ?";

    private final JdbcTemplate jdbc;

    OwnerController(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/owners/{ownerId}")
    String visitCount(@PathVariable("ownerId") long ownerId) {
      List<Long> pets = jdbc.queryForList(PETS_OF_OWNER, Long.class, ownerId);
      int visits = 0;
      for (Long petId : pets) {
        visits += jdbc.queryForList(VISITS_OF_PET, Long.class, petId).size(); // expect: N_PLUS_ONE scope="GET /owners/{ownerId}"
      }
      return String.valueOf(visits);
    }
  }
}
