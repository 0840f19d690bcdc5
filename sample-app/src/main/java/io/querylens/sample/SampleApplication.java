package io.querylens.sample;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the shop. With {@code --demo} it also drives every endpoint for a while and exits.
 *
 * <p>Run it under the agent to see what QueryLens makes of it:
 *
 * <pre>
 * java -javaagent:agent/target/querylens-agent.jar -jar sample-app/target/querylens-sample-app.jar --demo
 * </pre>
 */
@SpringBootApplication
@EnableCaching
public class SampleApplication {

  /** The command-line flag that runs the demo; {@code --demo.seconds=N} sets its length. */
  public static final String DEMO_FLAG = "--demo";

  /** The Spring profile the demo flag switches on: a free port and the demo runner. */
  public static final String DEMO_PROFILE = "demo";

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments; {@value #DEMO_FLAG} runs the demo and exits when it is done
   */
  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(SampleApplication.class);
    boolean demo = Arrays.asList(args).contains(DEMO_FLAG);
    if (demo) {
      // A profile rather than a property so that the port, the runner and the console settings
      // come on together, and still combine with --spring.profiles.active=postgres.
      application.setAdditionalProfiles(DEMO_PROFILE);
    }
    ConfigurableApplicationContext context = application.run(args);
    if (demo) {
      // The demo runner has finished inside run(). Closing the context stops Tomcat and the pool;
      // System.exit then runs the JVM's shutdown hooks, where the agent writes its reports and
      // prints its summary.
      System.exit(SpringApplication.exit(context));
    }
  }
}
