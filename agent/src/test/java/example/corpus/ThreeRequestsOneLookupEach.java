package example.corpus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>All three are served by one and the same Tomcat worker thread, one right after the other (the
 * connector has one thread, and the scenario checks the controller saw only one). On three threads,
 * the thread windows alone would keep the lookups apart, and a broken request scope would go unseen.
 */
final class ThreeRequestsOneLookupEach implements Scenario {

  private static final int REQUESTS = 3;

  // the names of the threads that ran the controller; written by Tomcat's worker, read after the
  // responses arrived
  private static final Set<String> servingThreads = ConcurrentHashMap.newKeySet();

  // written on the set-up thread, read on the scenario's after join()
  private SpringMvcServer server;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
    server = SpringMvcServer.startOnOneThread(WebConfig.class);
  }

  @Override
  public void run() throws Exception {
    servingThreads.clear();
    for (int ownerId = 1; ownerId <= REQUESTS; ownerId++) {
      String name = Http.get(server.uri("/owners/" + ownerId + "/name"));
      if (!name.equals(CorpusValues.text("owner", ownerId))) {
        throw new IllegalStateException("owner " + ownerId + " is named " + name);
      }
    }
    if (servingThreads.size() != 1) {
      throw new IllegalStateException(
          REQUESTS + " requests were served by " + servingThreads + ", not by one thread");
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
      servingThreads.add(Thread.currentThread().getName());
      return jdbc.queryForObject("select name from clinic_owner where id = ?", String.class, ownerId);
    }
  }
}
