package io.querylens.sample.demo;

import io.querylens.sample.SampleApplication;
import io.querylens.sample.data.ShopDataProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs the demo once the application is up: each scenario's problem endpoint, then its fixed twin,
 * from {@code demo.threads} threads for an equal share of {@code demo.seconds}. Where QueryLens's
 * reports and metrics are is the agent's to say: its {@code querylens:} line at start-up names
 * both, and its summary at exit lists the reports. {@link SampleApplication#main} exits afterwards,
 * with 1 if any request failed.
 */
@Component
@Profile(SampleApplication.DEMO_PROFILE)
class DemoRunner implements ApplicationRunner, ExitCodeGenerator {

  private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

  /** A class of the agent's bootstrap bridge: on the boot class path only when the agent runs. */
  private static final String AGENT_BRIDGE_CLASS = "io.querylens.bootstrap.ScopeHooks";

  private final Environment environment;
  private final ShopDataProperties sizes;
  private final DataSource dataSource;
  private final Duration length;
  private final int threads;

  // Written and read by the thread that runs the application runners, then by the one calling
  // SpringApplication.exit(), which is the same main thread.
  private int failedRequests;

  DemoRunner(
      Environment environment,
      ShopDataProperties sizes,
      DataSource dataSource,
      @Value("${demo.seconds}") double seconds,
      @Value("${demo.threads}") int threads) {
    if (!(seconds > 0) || threads < 1) {
      throw new IllegalArgumentException(
          "demo.seconds must be above 0 and demo.threads at least 1 but were "
              + seconds
              + " and "
              + threads
              + "; for example --demo.seconds=10");
    }
    this.environment = environment;
    this.sizes = sizes;
    this.dataSource = dataSource;
    this.length = Duration.ofMillis(Math.round(seconds * 1000));
    this.threads = threads;
  }

  @Override
  public void run(ApplicationArguments args) throws InterruptedException {
    boolean agent = agentAttached();
    if (!agent) {
      log.warn(
          "The QueryLens agent is not attached: the demo runs, but nothing will find or report"
              + " its problems. Start it with java -javaagent:agent/target/querylens-agent.jar"
              + " -jar sample-app/target/querylens-sample-app.jar --demo");
    }
    int port = environment.getRequiredProperty("local.server.port", Integer.class);
    URI base = URI.create("http://127.0.0.1:" + port + "/");
    List<DemoScenario> scenarios = DemoScenarios.all(sizes);
    Duration phase = length.dividedBy(2L * scenarios.size());
    log.info(
        "Demo on {} ({}): {} scenarios, each problem endpoint then its fixed twin, {} threads,"
            + " {} s each, about {} s in all",
        base,
        database(),
        scenarios.size(),
        threads,
        seconds(phase),
        seconds(length));

    long began = System.nanoTime();
    int requests = 0;
    try (LoadDriver driver = new LoadDriver(base, threads)) {
      for (DemoScenario scenario : scenarios) {
        requests += drive(driver, scenario, "problem", scenario.problem(), phase);
        requests += drive(driver, scenario, "fixed", scenario.fixed(), phase);
      }
    }
    log.info(
        "Demo done in {} s: {} requests, {} failed",
        seconds(Duration.ofNanos(System.nanoTime() - began)),
        requests,
        failedRequests);

    if (agent) {
      log.info(
          "Shutting down. QueryLens's 'querylens:' line at start-up says where its reports and"
              + " metrics are; its summary of findings follows, ending with the reports' paths");
    }
  }

  @Override
  public int getExitCode() {
    return failedRequests == 0 ? 0 : 1;
  }

  private int drive(
      LoadDriver driver, DemoScenario scenario, String role, Endpoint endpoint, Duration phase)
      throws InterruptedException {
    PhaseResult result = driver.drive(endpoint, phase);
    log.info(
        String.format(
            Locale.ROOT,
            "%-16s %-7s %-55s %5d requests, mean %6.0f ms, max %6.0f ms",
            scenario.findingType(),
            role,
            endpoint.route(),
            result.requests(),
            result.meanMillis(),
            result.maxMillis()));
    if (result.failures() > 0) {
      failedRequests += result.failures();
      log.warn(
          "{} of {} requests failed; the first: {}",
          result.failures(),
          result.requests(),
          result.firstFailure());
    }
    return result.requests();
  }

  private String database() {
    try {
      return JdbcUtils.extractDatabaseMetaData(
          dataSource,
          metaData ->
              metaData.getDatabaseProductName() + " " + metaData.getDatabaseProductVersion());
    } catch (MetaDataAccessException e) {
      return "database unknown: " + e.getMessage();
    }
  }

  /** Whether the QueryLens agent is attached to this JVM. */
  private static boolean agentAttached() {
    try {
      Class.forName(AGENT_BRIDGE_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }
}
