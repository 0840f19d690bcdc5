package io.querylens.junit;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds {@code querylens-agent.jar} to attach: the file {@code querylens.agent.jar} names, else the
 * jar on the test class path that holds the agent's main class.
 */
final class AgentJar {
  /** The setting that names the jar. */
  static final String PROPERTY = "querylens.agent.jar";

  /** A class only the agent jar holds; looked up as a resource, so it is not loaded. */
  static final String AGENT_CLASS = "io/querylens/agent/QueryLensAgent.class";

  private AgentJar() {}

  /**
   * The agent jar.
   *
   * @param configured the value of {@link #PROPERTY}, or null
   * @param loader the class loader whose class path is searched
   * @throws SetupProblem when {@code configured} names no file, or the class path holds no agent jar
   */
  static Path locate(String configured, ClassLoader loader) throws SetupProblem {
    if (configured != null && !configured.isBlank()) {
      Path jar = Paths.get(configured.trim()).toAbsolutePath();
      if (!Files.isRegularFile(jar)) {
        throw new SetupProblem("-D" + PROPERTY + "=" + configured + " names no file (" + jar + ")", true);
      }
      return jar;
    }
    URL resource = loader.getResource(AGENT_CLASS);
    if (resource == null) {
      throw new SetupProblem("the agent is not on the test JVM's command line (-javaagent),"
          + " and querylens-agent.jar is not on the test class path to attach it", true);
    }
    return jarOf(resource);
  }

  /** The jar a {@code jar:file:...!/entry} resource is in. */
  static Path jarOf(URL resource) throws SetupProblem {
    String spec = resource.toString();
    int separator = spec.indexOf("!/");
    if (!"jar".equals(resource.getProtocol()) || separator < 0 || !spec.startsWith("jar:file:")) {
      throw new SetupProblem("the agent's classes are on the test class path at " + resource
          + ", which is not querylens-agent.jar (an agent module built without its package phase?),"
          + " so there is no jar to attach", true);
    }
    return Paths.get(URI.create(spec.substring("jar:".length(), separator)));
  }
}
