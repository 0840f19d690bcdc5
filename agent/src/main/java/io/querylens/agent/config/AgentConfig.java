package io.querylens.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The agent's settings, read once at startup and fixed from then on.
 *
 * <p>Each option is read from the agent argument ({@code -javaagent:querylens-agent.jar=key=value,
 * key=value}), else the system property {@code -Dquerylens.key=value}, else the environment
 * variable {@code QUERYLENS_KEY} ({@code KEY} in upper snake case, so {@code reportDir} is {@code
 * QUERYLENS_REPORT_DIR}), else its default. See {@code docs/configuration.md} for every option and
 * the accepted value syntax.
 *
 * <p>Loading never fails: an unknown key, a malformed fragment or a bad value is reported as one
 * warning line and the next source, or the default, is used. Values of secret options (see {@code
 * ConfigOption.SECRET_KEYS}) never appear in warnings or in {@link #toString()}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AgentConfig {

  private static final AgentConfig DEFAULTS = new AgentConfig(defaultValues());

  // Kept in ConfigOption.ALL order for toString(), equals() and hashCode().
  private final Map<ConfigOption<?>, Object> values;

  private final boolean enabled;
  private final Path reportDir;
  private final Duration reportInterval;
  private final Duration slowQueryThreshold;
  private final Duration lockWaitThreshold;
  private final Duration poolWaitThreshold;
  private final int nPlusOneThreshold;
  private final int unbatchedWriteThreshold;
  private final Duration scopeIdleGap;
  private final Duration scopeMaxWindow;
  private final int metricsPort;
  private final String metricsHost;
  private final String metricsUser;
  private final String metricsPassword;
  private final int metricsLabelLimit;
  private final String otlpEndpoint;
  private final Duration otlpInterval;
  private final List<String> appPackages;
  private final List<Path> sourceRoots;
  private final boolean captureParameters;
  private final ParameterMask parameterMask;
  private final boolean countRows;
  private final int maxFingerprints;
  private final int fingerprintCacheSize;
  private final int parseMaxChars;
  private final Duration parseTimeout;
  private final boolean consoleSummary;

  private AgentConfig(Map<ConfigOption<?>, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.enabled = get(ConfigOption.ENABLED);
    this.reportDir = get(ConfigOption.REPORT_DIR);
    this.reportInterval = get(ConfigOption.REPORT_INTERVAL);
    this.slowQueryThreshold = get(ConfigOption.SLOW_QUERY_THRESHOLD);
    this.lockWaitThreshold = get(ConfigOption.LOCK_WAIT_THRESHOLD);
    this.poolWaitThreshold = get(ConfigOption.POOL_WAIT_THRESHOLD);
    this.nPlusOneThreshold = get(ConfigOption.N_PLUS_ONE_THRESHOLD);
    this.unbatchedWriteThreshold = get(ConfigOption.UNBATCHED_WRITE_THRESHOLD);
    this.scopeIdleGap = get(ConfigOption.SCOPE_IDLE_GAP);
    this.scopeMaxWindow = get(ConfigOption.SCOPE_MAX_WINDOW);
    this.metricsPort = get(ConfigOption.METRICS_PORT);
    this.metricsHost = get(ConfigOption.METRICS_HOST);
    this.metricsUser = get(ConfigOption.METRICS_USER);
    this.metricsPassword = get(ConfigOption.METRICS_PASSWORD);
    this.metricsLabelLimit = get(ConfigOption.METRICS_LABEL_LIMIT);
    this.otlpEndpoint = get(ConfigOption.OTLP_ENDPOINT);
    this.otlpInterval = get(ConfigOption.OTLP_INTERVAL);
    this.appPackages = get(ConfigOption.APP_PACKAGES);
    this.sourceRoots = get(ConfigOption.SOURCE_ROOTS);
    this.captureParameters = get(ConfigOption.CAPTURE_PARAMETERS);
    this.parameterMask = get(ConfigOption.PARAMETER_MASK);
    this.countRows = get(ConfigOption.COUNT_ROWS);
    this.maxFingerprints = get(ConfigOption.MAX_FINGERPRINTS);
    this.fingerprintCacheSize = get(ConfigOption.FINGERPRINT_CACHE_SIZE);
    this.parseMaxChars = get(ConfigOption.PARSE_MAX_CHARS);
    this.parseTimeout = get(ConfigOption.PARSE_TIMEOUT);
    this.consoleSummary = get(ConfigOption.CONSOLE_SUMMARY);
  }

  /**
   * Reads the settings from the agent argument, system properties and environment, in that order
   * of precedence. Never throws for bad input: each problem is passed to {@code warnings} as one
   * line starting with {@code querylens: }, and the option falls back to the next source or its
   * default.
   *
   * @param agentArgs the text after {@code =} in {@code -javaagent:querylens-agent.jar=...}, as
   *     {@code key=value,key=value}; {@code null} or blank when none was given. Inside it, list
   *     values such as {@code appPackages} are separated by {@code ;} or {@code |}
   * @param systemProperties the JVM's system properties; only {@code querylens.*} entries are read
   *     ({@code querylens.test.*} is left to the test suite), plus {@code user.home} to expand a
   *     leading {@code ~/} in {@code reportDir}
   * @param environment the process environment; only {@code QUERYLENS_*} entries are read ({@code
   *     QUERYLENS_TEST_*} is left to the test suite)
   * @param warnings receives one line per problem, in a stable order; called on this thread
   *     before this method returns
   * @return the resolved settings
   */
  public static AgentConfig load(
      String agentArgs,
      Properties systemProperties,
      Map<String, String> environment,
      Consumer<String> warnings) {
    Objects.requireNonNull(systemProperties, "systemProperties");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(warnings, "warnings");
    return new AgentConfig(ConfigLoader.load(agentArgs, systemProperties, environment, warnings));
  }

  /** Returns the settings used when nothing is configured. */
  public static AgentConfig defaults() {
    return DEFAULTS;
  }

  private static Map<ConfigOption<?>, Object> defaultValues() {
    Map<ConfigOption<?>, Object> values = new LinkedHashMap<>();
    for (ConfigOption<?> option : ConfigOption.ALL) {
      values.put(option, option.defaultValue());
    }
    return values;
  }

  @SuppressWarnings("unchecked") // each value was produced by its option's parser or default
  private <T> T get(ConfigOption<T> option) {
    return (T) values.get(option);
  }

  /**
   * Whether the agent instruments anything ({@code enabled}, default {@code true}). When {@code
   * false} the agent installs nothing at all.
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Where reports are written ({@code reportDir}, default {@code querylens-report}). A relative
   * path resolves against the application's working directory; a leading {@code ~/} was already
   * expanded to the user's home.
   */
  public Path reportDir() {
    return reportDir;
  }

  /**
   * How often reports are rewritten while the application runs ({@code reportInterval}, default
   * 60s). {@link Duration#ZERO} means only at shutdown; otherwise at least one second.
   */
  public Duration reportInterval() {
    return reportInterval;
  }

  /**
   * The duration at or above which a statement counts as slow ({@code slowQueryThreshold},
   * default 500ms, at least 1ms).
   */
  public Duration slowQueryThreshold() {
    return slowQueryThreshold;
  }

  /**
   * How long a statement may be in flight before the agent asks the database whether it waits on
   * a lock ({@code lockWaitThreshold}, default 200ms, at least 1ms).
   */
  public Duration lockWaitThreshold() {
    return lockWaitThreshold;
  }

  /**
   * How many executions of the same query from the same call site in one scope make an N+1
   * ({@code nPlusOneThreshold}, default 3, at least 2).
   */
  public int nPlusOneThreshold() {
    return nPlusOneThreshold;
  }

  /**
   * How long the application may wait for a connection from its pool before that is a POOL_WAIT
   * finding ({@code poolWaitThreshold}, default 100ms).
   */
  public Duration poolWaitThreshold() {
    return poolWaitThreshold;
  }

  /**
   * Single-row writes of one statement from one call site in a scope that make an UNBATCHED_WRITES
   * finding ({@code unbatchedWriteThreshold}, default 10, at least 2).
   */
  public int unbatchedWriteThreshold() {
    return unbatchedWriteThreshold;
  }

  /**
   * How long a thread may go without a statement before its window of unscoped statements closes
   * ({@code scopeIdleGap}, default 200ms).
   */
  public Duration scopeIdleGap() {
    return scopeIdleGap;
  }

  /** The longest a thread's window of unscoped statements lasts, however busy ({@code scopeMaxWindow}, default 10s). */
  public Duration scopeMaxWindow() {
    return scopeMaxWindow;
  }

  /**
   * The port of the Prometheus endpoint ({@code metricsPort}, default 9464); {@code 0} turns the
   * endpoint off, otherwise 1 to 65535.
   */
  public int metricsPort() {
    return metricsPort;
  }

  /**
   * The address the Prometheus endpoint binds to ({@code metricsHost}, default {@code 127.0.0.1}).
   * Brackets around an IPv6 literal have been removed.
   */
  public String metricsHost() {
    return metricsHost;
  }

  /**
   * The user name the Prometheus endpoint asks for ({@code metricsUser}); empty, the default, means no
   * authentication. Basic authentication needs both this and {@link #metricsPassword()}.
   */
  public String metricsUser() {
    return metricsUser;
  }

  /** The password of {@link #metricsUser()} ({@code metricsPassword}); never shown. Empty when unset. */
  public String metricsPassword() {
    return metricsPassword;
  }

  /**
   * How many values a capped metric label keeps ({@code metricsLabelLimit}, default 50): {@code
   * db_query_summary}, {@code route}, {@code call_site}, {@code pool} and {@code error_type}; the rest
   * are {@code other}.
   */
  public int metricsLabelLimit() {
    return metricsLabelLimit;
  }

  /** Where the meters are pushed over OTLP/HTTP ({@code otlpEndpoint}); empty, the default, means no push. */
  public String otlpEndpoint() {
    return otlpEndpoint;
  }

  /** How often the meters are pushed to {@link #otlpEndpoint()} ({@code otlpInterval}, default 60s). */
  public Duration otlpInterval() {
    return otlpInterval;
  }

  /**
   * The package prefixes of the application's own code ({@code appPackages}, default none), used to
   * pick the call site reported for a finding. Unmodifiable, without duplicates, in the order
   * given; a trailing {@code .*} was removed.
   */
  public List<String> appPackages() {
    return appPackages;
  }

  /**
   * The application's source directories ({@code sourceRoots}, default none), against which the SARIF
   * report resolves a finding's call site to a file; unmodifiable.
   */
  public List<Path> sourceRoots() {
    return sourceRoots;
  }

  /**
   * Whether bind values may appear, masked per {@link #parameterMask()}, in findings and reports
   * ({@code captureParameters}, default {@code false}). Off, no bind value is kept at all.
   */
  public boolean captureParameters() {
    return captureParameters;
  }

  /**
   * How much of a captured bind value reports show ({@code parameterMask}, default {@link
   * ParameterMask#PARTIAL}); only used when {@link #captureParameters()} is on.
   *
   * @since 0.1
   */
  public ParameterMask parameterMask() {
    return parameterMask;
  }

  /** Whether rows read from result sets are counted ({@code countRows}, default {@code true}). */
  public boolean countRows() {
    return countRows;
  }

  /**
   * How many distinct statement fingerprints get their own statistics before the rest share an
   * overflow bucket ({@code maxFingerprints}, default 5000, at least 1).
   */
  public int maxFingerprints() {
    return maxFingerprints;
  }

  /**
   * How many raw SQL strings keep their computed fingerprint in the cache ({@code
   * fingerprintCacheSize}, default 10000, at least 16).
   */
  public int fingerprintCacheSize() {
    return fingerprintCacheSize;
  }

  /**
   * The longest statement, in characters, that the SQL parser is run on ({@code parseMaxChars},
   * default 100000, at least 1); longer ones get a lexer-only fingerprint.
   */
  public int parseMaxChars() {
    return parseMaxChars;
  }

  /**
   * How long the SQL parser may spend on one statement ({@code parseTimeout}, default 2s, at
   * least 1ms).
   */
  public Duration parseTimeout() {
    return parseTimeout;
  }

  /**
   * Whether a summary is printed to the console at shutdown ({@code consoleSummary}, default
   * {@code true}).
   */
  public boolean consoleSummary() {
    return consoleSummary;
  }

  /**
   * Returns every setting on one line for the startup banner, as {@code key=value} pairs in the
   * documented order, e.g. {@code enabled=true, reportDir=querylens-report, reportInterval=1m,
   * ...}. Values are written as the agent argument accepts them (lists joined with {@code ;}, an
   * empty list as nothing), and secret values as {@code ****}.
   */
  @Override
  public String toString() {
    return render(values);
  }

  static String render(Map<ConfigOption<?>, Object> values) {
    StringBuilder sb = new StringBuilder(512);
    for (Map.Entry<ConfigOption<?>, Object> e : values.entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey().key()).append('=').append(e.getKey().display(e.getValue()));
    }
    return sb.toString();
  }

  /** Two configs are equal when every setting is. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AgentConfig && values.equals(((AgentConfig) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
