package io.querylens.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Attaches {@code querylens-agent.jar} to the running test JVM, with the settings a test run wants
 * unless the user chose them: no metrics endpoint ({@code metricsPort=0}), reports under {@code
 * target/querylens-report}.
 *
 * <p>ByteBuddy attaches through a helper process when the JVM forbids attaching to itself, so no
 * {@code -Djdk.attach.allowAttachSelf} is needed.
 */
final class AgentAttachment {
  static final String DEFAULT_METRICS_PORT = "0";
  static final String DEFAULT_REPORT_DIR = "target/querylens-report";

  private AgentAttachment() {}

  /**
   * The agent argument: our defaults for {@code metricsPort} and {@code reportDir} that neither a
   * {@code -Dquerylens.*} property nor a {@code QUERYLENS_*} variable sets (the agent argument would
   * win over them); null when both are set.
   */
  static String argument(Properties systemProperties, Map<String, String> environment) {
    List<String> settings = new ArrayList<>();
    if (!isSet("metricsPort", systemProperties, environment)) {
      settings.add("metricsPort=" + DEFAULT_METRICS_PORT);
    }
    if (!isSet("reportDir", systemProperties, environment)) {
      settings.add("reportDir=" + DEFAULT_REPORT_DIR);
    }
    return settings.isEmpty() ? null : String.join(",", settings);
  }

  /**
   * Attaches the agent {@code jar} with {@code argument}.
   *
   * @throws SetupProblem when the JVM refuses (no attach support, a JRE without {@code jdk.attach}...)
   */
  static void attach(Path jar, String argument) throws SetupProblem {
    try {
      ByteBuddyAgent.attach(jar.toFile(), Long.toString(ProcessHandle.current().pid()), argument);
    } catch (RuntimeException | LinkageError e) {
      throw new SetupProblem("attaching " + jar + " to this JVM failed (" + e + ")", true, e, jar);
    }
  }

  /**
   * The line printed once the agent is attached, on JDK {@code feature}, with {@code jvmOptions} the
   * test JVM's options (JDK 21+ warns of a dynamically loaded agent unless one of them allows it).
   */
  static String announcement(Path jar, int feature, List<String> jvmOptions) {
    String line = "QueryLens: attached the agent to this test JVM (" + jar + ")";
    if (feature >= 21 && !jvmOptions.contains("-XX:+EnableDynamicAgentLoading")) {
      line += "; add -XX:+EnableDynamicAgentLoading to the test JVM's options (or -javaagent:" + jar
          + " to surefire's argLine) to silence the JVM's warning about a dynamically loaded agent";
    }
    return line;
  }

  // The agent reads its keys leniently (ConfigLoader): the prefix in any case, and case, '_', '-' and '.' in the
  // rest do not matter (QUERYLENS_METRICS_PORT, -Dquerylens.report.dir).
  private static boolean isSet(String key, Properties systemProperties, Map<String, String> environment) {
    return systemProperties.stringPropertyNames().stream().anyMatch(name -> names(name, "querylens.", key))
        || environment.keySet().stream().anyMatch(name -> names(name, "QUERYLENS_", key));
  }

  private static boolean names(String name, String prefix, String key) {
    return name.regionMatches(true, 0, prefix, 0, prefix.length())
        && simplify(name.substring(prefix.length())).equals(simplify(key));
  }

  private static String simplify(String key) {
    return key.replace("_", "").replace("-", "").replace(".", "").toLowerCase(Locale.ROOT);
  }
}
