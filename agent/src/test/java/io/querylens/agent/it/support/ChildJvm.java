package io.querylens.agent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds and runs a child JVM, optionally with {@code -javaagent:} on the built agent jar:
 * {@code <java> [-javaagent:<jar>=reportDir=<dir>/report,reportInterval=0[,extra]] [-D…] -cp <classpath> <main> <args>}.
 *
 * <p>The child runs in its own {@link RunDirectory} (working directory, {@code stdout.txt},
 * {@code stderr.txt}, {@code report/}); the class path defaults to {@link Classpaths#application()}.
 * Not thread-safe; one builder per child.
 */
public final class ChildJvm {

  /** How long a child may run before it is destroyed and the test fails. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private final Jdk jdk;
  private final Path workDir;
  private final List<String> jvmOptions = new ArrayList<>();
  private final Map<String, String> systemProperties = new LinkedHashMap<>();
  private final List<String> args = new ArrayList<>();
  private boolean agent;
  private String agentOptions = "";
  private boolean defaultReportOptions = true;
  private List<Path> classpath = Classpaths.application();
  private String mainClass;
  private Path jar;
  private Duration timeout = DEFAULT_TIMEOUT;

  private ChildJvm(Jdk jdk, Path workDir) {
    this.jdk = Objects.requireNonNull(jdk);
    this.workDir = Objects.requireNonNull(workDir);
  }

  /** A child on {@code jdk} working in {@code workDir} (see {@link RunDirectory#create}). */
  public static ChildJvm on(Jdk jdk, Path workDir) {
    return new ChildJvm(jdk, workDir);
  }

  /**
   * Adds {@code -javaagent:<agent jar>=reportDir=<workDir>/report,reportInterval=0,metricsPort=0}
   * ({@code metricsPort=0} unless {@code extraOptions} sets the port), followed by {@code extraOptions}
   * if not empty.
   */
  public ChildJvm withAgent(String extraOptions) {
    this.agent = true;
    this.agentOptions = extraOptions;
    return this;
  }

  /** Adds the agent with only the report options (see {@link #withAgent(String)}). */
  public ChildJvm withAgent() {
    return withAgent("");
  }

  /**
   * Adds {@code -javaagent:<agent jar>} with exactly {@code options} (none if empty): the caller configures the
   * report another way, e.g. through {@code -Dquerylens.reportDir}.
   */
  public ChildJvm withAgentOptionsExactly(String options) {
    this.agent = true;
    this.agentOptions = options;
    this.defaultReportOptions = false;
    return this;
  }

  /** Adds a JVM option, e.g. {@code -XX:+EnableDynamicAgentLoading}. */
  public ChildJvm jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Adds {@code -D<key>=<value>}. */
  public ChildJvm systemProperty(String key, String value) {
    systemProperties.put(key, value);
    return this;
  }

  /** Replaces the default class path ({@link Classpaths#application()}). */
  public ChildJvm classpath(List<Path> entries) {
    this.classpath = List.copyOf(entries);
    return this;
  }

  /** Runs {@code main(String[])} of {@code type} with {@code arguments}. */
  public ChildJvm main(Class<?> type, String... arguments) {
    this.mainClass = type.getName();
    this.jar = null;
    args.addAll(List.of(arguments));
    return this;
  }

  /** Runs {@code java -jar <jar> <arguments>} (no class path). */
  public ChildJvm jar(Path executableJar, String... arguments) {
    this.jar = executableJar;
    this.mainClass = null;
    args.addAll(List.of(arguments));
    return this;
  }

  /** Overrides {@link #DEFAULT_TIMEOUT}. */
  public ChildJvm timeout(Duration limit) {
    this.timeout = limit;
    return this;
  }

  /** Where the agent is told to write its report (when {@link #withAgent} is used). */
  public Path reportDir() {
    return workDir.resolve("report");
  }

  /** The full command line. */
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    if (agent) {
      StringBuilder options = new StringBuilder();
      if (defaultReportOptions) {
        options.append("reportDir=").append(reportDir()).append(",reportInterval=0");
        if (!agentOptions.contains("metricsPort=")) {
          options.append(",metricsPort=0"); // children run side by side: none may take the default port
        }
      }
      if (!agentOptions.isEmpty()) {
        options.append(options.length() == 0 ? "" : ",").append(agentOptions);
      }
      command.add("-javaagent:" + AgentJar.path() + (options.length() == 0 ? "" : "=" + options));
    }
    command.addAll(jvmOptions);
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    if (jar != null) {
      command.add("-jar");
      command.add(jar.toString());
    } else {
      command.add("-cp");
      command.add(Classpaths.join(classpath));
      command.add(Objects.requireNonNull(mainClass, "main class or jar"));
    }
    command.addAll(args);
    return command;
  }

  /** Starts the child and returns at once; the caller must close the handle. */
  public RunningChild start() {
    jdk.requireInstalled();
    List<String> command = command();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(workDir.resolve("stdout.txt").toFile())
            .redirectError(workDir.resolve("stderr.txt").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("QUERYLENS_") && !k.startsWith("QUERYLENS_TEST_"));
    try {
      return new RunningChild(builder.start(), command, workDir, reportDir(), timeout);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
  }

  /** Runs the child to completion (destroying it after the timeout) and returns its outcome. */
  public ChildResult run() {
    try (RunningChild child = start()) {
      return child.awaitExit();
    }
  }
}
