package io.querylens.agent.config;

import io.querylens.agent.config.ValueParsers.InvalidValueException;
import io.querylens.agent.config.ValueParsers.ParseContext;
import io.querylens.agent.config.ValueParsers.ValueParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * One configuration key: its name in each source, default, parser and display form. The
 * definitions below are the single list of options; {@link AgentConfig} exposes each one as a
 * typed accessor and {@code docs/configuration.md} documents them (a test keeps the two in step).
 *
 * @param <T> the parsed value type
 */
final class ConfigOption<T> {

  /** Keys whose values are never shown: not in {@link AgentConfig#toString()}, not in warnings. */
  static final Set<String> SECRET_KEYS = Set.of("metricsPassword");

  static final String MASK = "****";

  private static final String DURATION_EXAMPLES = "such as 500ms, 2s or 1m";

  static final ConfigOption<Boolean> ENABLED =
      new ConfigOption<>("enabled", true, ValueParsers.bool(), String::valueOf);

  static final ConfigOption<Path> REPORT_DIR =
      new ConfigOption<>(
          "reportDir", Path.of("querylens-report"), ValueParsers.path(), Path::toString);

  static final ConfigOption<Duration> REPORT_INTERVAL =
      duration(
          "reportInterval",
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          true,
          "expected 0 (write only at shutdown) or a duration of at least 1s, such as 30s, 1m or 5m",
          "expected 0 (write only at shutdown) or a duration of at least 1s, such as 30s, 1m or 5m");

  static final ConfigOption<Duration> SLOW_QUERY_THRESHOLD =
      duration(
          "slowQueryThreshold",
          Duration.ofMillis(500),
          Duration.ofMillis(1),
          false,
          "expected a duration " + DURATION_EXAMPLES,
          "expected a duration of at least 1ms, " + DURATION_EXAMPLES);

  static final ConfigOption<Duration> LOCK_WAIT_THRESHOLD =
      duration(
          "lockWaitThreshold",
          Duration.ofMillis(200),
          Duration.ofMillis(1),
          false,
          "expected a duration " + DURATION_EXAMPLES,
          "expected a duration of at least 1ms, " + DURATION_EXAMPLES);

  static final ConfigOption<Duration> POOL_WAIT_THRESHOLD =
      duration(
          "poolWaitThreshold",
          Duration.ofMillis(100),
          Duration.ofMillis(1),
          false,
          "expected a duration " + DURATION_EXAMPLES,
          "expected a duration of at least 1ms, " + DURATION_EXAMPLES);

  static final ConfigOption<Integer> N_PLUS_ONE_THRESHOLD =
      integer("nPlusOneThreshold", 3, 2, Integer.MAX_VALUE, "expected a whole number of at least 2");

  static final ConfigOption<Integer> UNBATCHED_WRITE_THRESHOLD =
      integer("unbatchedWriteThreshold", 10, 2, Integer.MAX_VALUE, "expected a whole number of at least 2");

  static final ConfigOption<Duration> SCOPE_IDLE_GAP =
      duration(
          "scopeIdleGap",
          Duration.ofMillis(200),
          Duration.ofMillis(1),
          false,
          "expected a duration " + DURATION_EXAMPLES,
          "expected a duration of at least 1ms, " + DURATION_EXAMPLES);

  static final ConfigOption<Duration> SCOPE_MAX_WINDOW =
      duration(
          "scopeMaxWindow",
          Duration.ofSeconds(10),
          Duration.ofMillis(1),
          false,
          "expected a duration " + DURATION_EXAMPLES,
          "expected a duration of at least 1ms, " + DURATION_EXAMPLES);

  static final ConfigOption<Integer> METRICS_PORT =
      integer(
          "metricsPort",
          9464,
          0,
          65535,
          "expected a port number from 1 to 65535, or 0 to turn the metrics endpoint off");

  static final ConfigOption<String> METRICS_HOST =
      new ConfigOption<>("metricsHost", "127.0.0.1", ValueParsers.host(), Function.identity());

  static final ConfigOption<String> METRICS_USER =
      new ConfigOption<>("metricsUser", "", ValueParsers.text(), Function.identity());

  static final ConfigOption<String> METRICS_PASSWORD =
      new ConfigOption<>("metricsPassword", "", ValueParsers.text(), Function.identity());

  static final ConfigOption<Integer> METRICS_LABEL_LIMIT =
      integer("metricsLabelLimit", 50, 1, 10_000, "expected a whole number from 1 to 10000");

  static final ConfigOption<String> OTLP_ENDPOINT =
      new ConfigOption<>("otlpEndpoint", "", ValueParsers.httpUrl(), Function.identity());

  static final ConfigOption<Duration> OTLP_INTERVAL =
      duration(
          "otlpInterval",
          Duration.ofSeconds(60),
          Duration.ofSeconds(1),
          false,
          "expected a duration such as 10s, 30s or 1m",
          "expected a duration of at least 1s, such as 10s, 30s or 1m");

  static final ConfigOption<List<String>> APP_PACKAGES =
      new ConfigOption<>(
          "appPackages", List.of(), ValueParsers.packages(), ValueParsers::formatPackages);

  static final ConfigOption<List<Path>> SOURCE_ROOTS =
      new ConfigOption<>("sourceRoots", List.of(), ValueParsers.paths(), ValueParsers::formatPaths);

  static final ConfigOption<Boolean> CAPTURE_PARAMETERS =
      new ConfigOption<>("captureParameters", false, ValueParsers.bool(), String::valueOf);

  static final ConfigOption<ParameterMask> PARAMETER_MASK =
      new ConfigOption<>(
          "parameterMask", ParameterMask.PARTIAL, ValueParsers.parameterMask(), String::valueOf);

  static final ConfigOption<Boolean> COUNT_ROWS =
      new ConfigOption<>("countRows", true, ValueParsers.bool(), String::valueOf);

  static final ConfigOption<Integer> MAX_FINGERPRINTS =
      integer("maxFingerprints", 5000, 1, Integer.MAX_VALUE, "expected a whole number of at least 1");

  static final ConfigOption<Integer> FINGERPRINT_CACHE_SIZE =
      integer(
          "fingerprintCacheSize",
          10_000,
          16,
          Integer.MAX_VALUE,
          "expected a whole number of at least 16");

  static final ConfigOption<Integer> PARSE_MAX_CHARS =
      integer(
          "parseMaxChars",
          100_000,
          1,
          Integer.MAX_VALUE,
          "expected a whole number of characters, at least 1");

  static final ConfigOption<Duration> PARSE_TIMEOUT =
      duration(
          "parseTimeout",
          Duration.ofSeconds(2),
          Duration.ofMillis(1),
          false,
          "expected a duration such as 500ms, 2s or 5s",
          "expected a duration of at least 1ms, such as 500ms, 2s or 5s");

  static final ConfigOption<Boolean> CONSOLE_SUMMARY =
      new ConfigOption<>("consoleSummary", true, ValueParsers.bool(), String::valueOf);

  /** Every option, in the order of {@link AgentConfig#toString()} and of the docs. */
  static final List<ConfigOption<?>> ALL =
      List.of(
          ENABLED,
          REPORT_DIR,
          REPORT_INTERVAL,
          SLOW_QUERY_THRESHOLD,
          LOCK_WAIT_THRESHOLD,
          POOL_WAIT_THRESHOLD,
          N_PLUS_ONE_THRESHOLD,
          UNBATCHED_WRITE_THRESHOLD,
          SCOPE_IDLE_GAP,
          SCOPE_MAX_WINDOW,
          METRICS_PORT,
          METRICS_HOST,
          METRICS_USER,
          METRICS_PASSWORD,
          METRICS_LABEL_LIMIT,
          OTLP_ENDPOINT,
          OTLP_INTERVAL,
          APP_PACKAGES,
          SOURCE_ROOTS,
          CAPTURE_PARAMETERS,
          PARAMETER_MASK,
          COUNT_ROWS,
          MAX_FINGERPRINTS,
          FINGERPRINT_CACHE_SIZE,
          PARSE_MAX_CHARS,
          PARSE_TIMEOUT,
          CONSOLE_SUMMARY);

  private final String key;
  private final T defaultValue;
  private final ValueParser<T> parser;
  private final Function<T, String> formatter;

  ConfigOption(String key, T defaultValue, ValueParser<T> parser, Function<T, String> formatter) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.formatter = formatter;
  }

  private static ConfigOption<Duration> duration(
      String key,
      Duration defaultValue,
      Duration min,
      boolean zeroAllowed,
      String parseExpected,
      String rangeExpected) {
    return new ConfigOption<>(
        key,
        defaultValue,
        ValueParsers.duration(min, zeroAllowed, parseExpected, rangeExpected),
        ValueParsers::formatDuration);
  }

  private static ConfigOption<Integer> integer(
      String key, int defaultValue, int min, int max, String expected) {
    return new ConfigOption<>(
        key, defaultValue, ValueParsers.integer(min, max, expected), String::valueOf);
  }

  /** The key as documented, e.g. {@code nPlusOneThreshold}. */
  String key() {
    return key;
  }

  /** The system property, e.g. {@code querylens.nPlusOneThreshold}. */
  String propertyName() {
    return ConfigLoader.PROPERTY_PREFIX + key;
  }

  /** The environment variable, e.g. {@code QUERYLENS_N_PLUS_ONE_THRESHOLD}. */
  String environmentName() {
    return ConfigLoader.ENV_PREFIX + upperSnake(key);
  }

  T defaultValue() {
    return defaultValue;
  }

  boolean secret() {
    return SECRET_KEYS.contains(key);
  }

  T parse(String text, ParseContext context) throws InvalidValueException {
    return parser.parse(text, context);
  }

  /** The value as the user would write it, masked if this option is a secret. */
  String display(Object value) {
    if (secret()) {
      return "".equals(value) ? "" : MASK; // an unset secret has nothing to hide
    }
    @SuppressWarnings("unchecked") // values come from this option's own parser or default
    T typed = (T) value;
    return formatter.apply(typed);
  }

  /** {@code reportDir} becomes {@code REPORT_DIR}, {@code nPlusOneThreshold} {@code N_PLUS_ONE_THRESHOLD}. */
  static String upperSnake(String camel) {
    StringBuilder sb = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        sb.append('_');
      }
      sb.append(Character.toUpperCase(c));
    }
    return sb.toString();
  }

  /**
   * The form keys are compared in: lower case without {@code _}, {@code -} or {@code .}, so that
   * {@code reportDir}, {@code reportdir}, {@code report-dir} and {@code REPORT_DIR} all match.
   */
  static String normalize(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-' && c != '.') {
        sb.append(c);
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return key;
  }
}
