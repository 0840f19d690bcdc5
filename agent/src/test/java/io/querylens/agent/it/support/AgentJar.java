package io.querylens.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The built, shaded agent jar ({@code querylens.agentJar}, set by failsafe) and the application libraries dir. */
public final class AgentJar {

  private AgentJar() {}

  /** The shaded agent jar; fails with a how-to when it has not been built. */
  public static Path path() {
    Path jar = Paths.get(System.getProperty("querylens.agentJar", "target/querylens-agent.jar")).toAbsolutePath();
    assertThat(jar)
        .as("the shaded agent jar (built at 'package'); run the tests with 'mvn -pl agent -am verify'")
        .isRegularFile();
    return jar;
  }

  /**
   * The directory holding the libraries the isolation test's "application" ships (other ByteBuddy and
   * Jackson versions than the agent's), copied at {@code pre-integration-test}.
   */
  public static Path applicationLibraries() {
    Path dir = Paths.get(System.getProperty("querylens.appLibs", "target/app-libs")).toAbsolutePath();
    assertThat(Files.isDirectory(dir))
        .as("the application libraries copied at pre-integration-test into %s; run through 'mvn verify'", dir)
        .isTrue();
    return dir;
  }
}
