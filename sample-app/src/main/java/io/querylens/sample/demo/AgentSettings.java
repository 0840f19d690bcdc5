package io.querylens.sample.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The few QueryLens agent options the demo reports on ({@code reportDir}, {@code metricsHost},
 * {@code metricsPort}), read the way the agent reads them: the {@code -javaagent:} argument first,
 * then {@code -Dquerylens.<key>}, then {@code QUERYLENS_<KEY>}, then the default; keys matched
 * regardless of case, {@code _}, {@code -} and {@code .}. A value the agent would reject gives way
 * to the next source, as in the agent.
 *
 * <p>The sample application has no compile-time dependency on QueryLens, so this is a reading of
 * the agent's documented contract (docs/configuration.md), not a call into it.
 */
final class AgentSettings {

  /** A class of the agent's bootstrap bridge: on the boot class path only when the agent runs. */
  static final String AGENT_BRIDGE_CLASS = "io.querylens.bootstrap.ScopeHooks";

  /** The package of the agent's {@code Premain-Class}. */
  static final String AGENT_PACKAGE = "io.querylens.agent.";

  static final String DEFAULT_REPORT_DIR = "querylens-report";
  static final int DEFAULT_METRICS_PORT = 9464;
  static final String DEFAULT_METRICS_HOST = "127.0.0.1";

  private final String agentArgument;
  private final Properties systemProperties;
  private final Map<String, String> environment;

  /**
   * @param agentArgument the options after {@code =} in the agent's {@code -javaagent:}, or empty
   */
  AgentSettings(
      String agentArgument, Properties systemProperties, Map<String, String> environment) {
    this.agentArgument = agentArgument;
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** The settings of this JVM. */
  static AgentSettings current() {
    return new AgentSettings(
        agentArgument(ManagementFactory.getRuntimeMXBean().getInputArguments()),
        System.getProperties(),
        System.getenv());
  }

  /** Whether the QueryLens agent is attached to this JVM. */
  static boolean agentAttached() {
    try {
      Class.forName(AGENT_BRIDGE_CLASS, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * The options of the first {@code -javaagent:} that is QueryLens (its jar's {@code Premain-Class}
   * is in {@value #AGENT_PACKAGE}, or, if the jar cannot be read, its file name says querylens), or
   * empty.
   */
  static String agentArgument(List<String> jvmArguments) {
    for (String argument : jvmArguments) {
      if (!argument.startsWith("-javaagent:")) {
        continue;
      }
      String spec = argument.substring("-javaagent:".length());
      int equals = spec.indexOf('=');
      String jar = equals < 0 ? spec : spec.substring(0, equals);
      if (isQueryLens(Path.of(jar))) {
        return equals < 0 ? "" : spec.substring(equals + 1);
      }
    }
    return "";
  }

  private static boolean isQueryLens(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String premain =
          manifest == null ? null : manifest.getMainAttributes().getValue("Premain-Class");
      return premain != null && premain.startsWith(AGENT_PACKAGE);
    } catch (IOException e) {
      Path fileName = jar.getFileName();
      return fileName != null && fileName.toString().toLowerCase(Locale.ROOT).contains("querylens");
    }
  }

  /**
   * Where the agent writes its reports: absolute, with {@code ~/} expanded and a relative path
   * resolved against the working directory, as the agent does.
   */
  Path reportDir() {
    String value = firstValid("reportDir", v -> !v.isBlank());
    String dir = value == null ? DEFAULT_REPORT_DIR : value.strip();
    if (dir.startsWith("~/")) {
      return Path.of(systemProperties.getProperty("user.home"), dir.substring(2)).normalize();
    }
    return Path.of(systemProperties.getProperty("user.dir", ".")).resolve(dir).normalize();
  }

  /** The port of the metrics endpoint; 0 when it is off. */
  int metricsPort() {
    String value = firstValid("metricsPort", v -> parsePort(v) >= 0);
    return value == null ? DEFAULT_METRICS_PORT : parsePort(value);
  }

  /**
   * The URL of the Prometheus endpoint, or {@code null} when {@code metricsPort=0}. A wildcard bind
   * address is shown as 127.0.0.1, where it answers too.
   */
  String metricsUrl() {
    int port = metricsPort();
    if (port == 0) {
      return null;
    }
    String value = firstValid("metricsHost", v -> !v.isBlank());
    String host = value == null ? DEFAULT_METRICS_HOST : value.strip();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = DEFAULT_METRICS_HOST;
    }
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/metrics";
  }

  /** The first value of {@code key} that {@code valid} accepts, by the agent's precedence. */
  private String firstValid(String key, Predicate<String> valid) {
    String wanted = normalized(key);
    String fromArgument = null;
    for (String fragment : agentArgument.split(",")) {
      int equals = fragment.indexOf('=');
      if (equals > 0) {
        String name = fragment.substring(0, equals).strip();
        if (name.toLowerCase(Locale.ROOT).startsWith("querylens.")) {
          name = name.substring("querylens.".length());
        }
        String value = fragment.substring(equals + 1);
        if (normalized(name).equals(wanted) && valid.test(value)) {
          fromArgument = value; // the last one wins, as in the agent
        }
      }
    }
    if (fromArgument != null) {
      return fromArgument;
    }
    String documented = systemProperties.getProperty("querylens." + key);
    if (documented != null && valid.test(documented)) {
      return documented;
    }
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith("querylens.")
          && normalized(name.substring("querylens.".length())).equals(wanted)
          && valid.test(systemProperties.getProperty(name))) {
        return systemProperties.getProperty(name);
      }
    }
    for (Map.Entry<String, String> variable : environment.entrySet()) {
      String name = variable.getKey();
      if (name.startsWith("QUERYLENS_")
          && normalized(name.substring("QUERYLENS_".length())).equals(wanted)
          && valid.test(variable.getValue())) {
        return variable.getValue();
      }
    }
    return null;
  }

  private static String normalized(String key) {
    return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
  }

  /** The port, or -1 when {@code value} is not a whole number from 0 to 65535. */
  private static int parsePort(String value) {
    String digits = value.strip();
    if (!digits.matches("[0-9](_?[0-9])*")) {
      return -1;
    }
    digits = digits.replace("_", "");
    if (digits.length() > 5) {
      return -1;
    }
    int port = Integer.parseInt(digits);
    return port <= 65535 ? port : -1;
  }
}
