package io.querylens.agent.config;

import static io.querylens.agent.config.ConfigFixture.sources;
import static io.querylens.agent.config.ConfigFixture.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Where options come from: precedence, key spellings, and the names each source uses. */
class AgentConfigSourcesTest {

  @Test
  void theAgentArgumentBeatsSystemPropertiesWhichBeatTheEnvironment() {
    ConfigFixture sources =
        sources()
            .agentArgs("slowQueryThreshold=1s")
            .property("querylens.slowQueryThreshold", "2s")
            .property("querylens.lockWaitThreshold", "300ms")
            .env("QUERYLENS_SLOW_QUERY_THRESHOLD", "3s")
            .env("QUERYLENS_LOCK_WAIT_THRESHOLD", "400ms")
            .env("QUERYLENS_N_PLUS_ONE_THRESHOLD", "7");

    AgentConfig config = sources.load();

    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.lockWaitThreshold()).isEqualTo(Duration.ofMillis(300));
    assertThat(config.nPlusOneThreshold()).isEqualTo(7);
    assertThat(config.metricsPort()).isEqualTo(9464);
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void eachSourceOnItsOwnIsRead() {
    assertThat(withArgs("reportDir=/tmp/a").load().reportDir()).isEqualTo(Path.of("/tmp/a"));
    assertThat(sources().property("querylens.reportDir", "/tmp/b").load().reportDir())
        .isEqualTo(Path.of("/tmp/b"));
    assertThat(sources().env("QUERYLENS_REPORT_DIR", "/tmp/c").load().reportDir())
        .isEqualTo(Path.of("/tmp/c"));
  }

  @Test
  void aBadValueFallsBackToTheNextSourceNotStraightToTheDefault() {
    ConfigFixture sources =
        sources()
            .agentArgs("slowQueryThreshold=fast")
            .property("querylens.slowQueryThreshold", "2s");

    AgentConfig config = sources.load();

    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option slowQueryThreshold=fast (from the agent argument):"
                + " expected a duration such as 500ms, 2s or 1m;"
                + " using 2s (from -Dquerylens.slowQueryThreshold)");
  }

  @Test
  void aBadValueInAnOverriddenSourceIsStillReported() {
    ConfigFixture sources =
        sources()
            .agentArgs("nPlusOneThreshold=4")
            .env("QUERYLENS_N_PLUS_ONE_THRESHOLD", "many");

    AgentConfig config = sources.load();

    assertThat(config.nPlusOneThreshold()).isEqualTo(4);
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option nPlusOneThreshold=many (from QUERYLENS_N_PLUS_ONE_THRESHOLD):"
                + " expected a whole number of at least 2; using 4 (from the agent argument)");
  }

  @Test
  void badValuesInEverySourceFallBackToTheDefault() {
    ConfigFixture sources =
        sources()
            .agentArgs("metricsPort=x")
            .property("querylens.metricsPort", "70000")
            .env("QUERYLENS_METRICS_PORT", "-1");

    assertThat(sources.load().metricsPort()).isEqualTo(9464);
    String expected =
        "expected a port number from 1 to 65535, or 0 to turn the metrics endpoint off;"
            + " using the default 9464";
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option metricsPort=x (from the agent argument): " + expected,
            "querylens: ignoring option metricsPort=70000 (from -Dquerylens.metricsPort): "
                + expected,
            "querylens: ignoring option metricsPort=-1 (from QUERYLENS_METRICS_PORT): " + expected);
  }

  @ParameterizedTest
  @CsvSource({
    "enabled, QUERYLENS_ENABLED",
    "reportDir, QUERYLENS_REPORT_DIR",
    "reportInterval, QUERYLENS_REPORT_INTERVAL",
    "slowQueryThreshold, QUERYLENS_SLOW_QUERY_THRESHOLD",
    "lockWaitThreshold, QUERYLENS_LOCK_WAIT_THRESHOLD",
    "poolWaitThreshold, QUERYLENS_POOL_WAIT_THRESHOLD",
    "nPlusOneThreshold, QUERYLENS_N_PLUS_ONE_THRESHOLD",
    "unbatchedWriteThreshold, QUERYLENS_UNBATCHED_WRITE_THRESHOLD",
    "scopeIdleGap, QUERYLENS_SCOPE_IDLE_GAP",
    "scopeMaxWindow, QUERYLENS_SCOPE_MAX_WINDOW",
    "metricsPort, QUERYLENS_METRICS_PORT",
    "metricsHost, QUERYLENS_METRICS_HOST",
    "metricsUser, QUERYLENS_METRICS_USER",
    "metricsPassword, QUERYLENS_METRICS_PASSWORD",
    "metricsLabelLimit, QUERYLENS_METRICS_LABEL_LIMIT",
    "otlpEndpoint, QUERYLENS_OTLP_ENDPOINT",
    "otlpInterval, QUERYLENS_OTLP_INTERVAL",
    "sourceRoots, QUERYLENS_SOURCE_ROOTS",
    "appPackages, QUERYLENS_APP_PACKAGES",
    "captureParameters, QUERYLENS_CAPTURE_PARAMETERS",
    "parameterMask, QUERYLENS_PARAMETER_MASK",
    "countRows, QUERYLENS_COUNT_ROWS",
    "maxFingerprints, QUERYLENS_MAX_FINGERPRINTS",
    "fingerprintCacheSize, QUERYLENS_FINGERPRINT_CACHE_SIZE",
    "parseMaxChars, QUERYLENS_PARSE_MAX_CHARS",
    "parseTimeout, QUERYLENS_PARSE_TIMEOUT",
    "consoleSummary, QUERYLENS_CONSOLE_SUMMARY",
  })
  void environmentNamesAreTheKeyInUpperSnakeCase(String key, String environmentName) {
    ConfigOption<?> option =
        ConfigOption.ALL.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();

    assertThat(option.environmentName()).isEqualTo(environmentName);
    assertThat(option.propertyName()).isEqualTo("querylens." + key);
  }

  @Test
  void everyOptionHasAnEnvironmentNameInTheTableAbove() {
    assertThat(ConfigOption.ALL).hasSize(27);
  }

  static Stream<Arguments> oneNonDefaultValuePerOption() {
    return Stream.of(
        Arguments.of("enabled", "false", "enabled=false"),
        Arguments.of("reportDir", "/tmp/ql", "reportDir=/tmp/ql"),
        Arguments.of("reportInterval", "30s", "reportInterval=30s"),
        Arguments.of("slowQueryThreshold", "1s", "slowQueryThreshold=1s"),
        Arguments.of("lockWaitThreshold", "50ms", "lockWaitThreshold=50ms"),
        Arguments.of("nPlusOneThreshold", "5", "nPlusOneThreshold=5"),
        Arguments.of("metricsPort", "0", "metricsPort=0"),
        Arguments.of("metricsHost", "0.0.0.0", "metricsHost=0.0.0.0"),
        Arguments.of("metricsUser", "prometheus", "metricsUser=prometheus"),
        Arguments.of("metricsPassword", "hunter2", "metricsPassword=****"),
        Arguments.of("metricsLabelLimit", "20", "metricsLabelLimit=20"),
        Arguments.of("otlpEndpoint", "http://collector:4318/v1/metrics", "otlpEndpoint=http://collector:4318/v1/metrics"),
        Arguments.of("otlpInterval", "10s", "otlpInterval=10s"),
        Arguments.of("sourceRoots", "src/main/java|app/src/main/java", "sourceRoots=src/main/java;app/src/main/java"),
        Arguments.of("appPackages", "com.acme", "appPackages=com.acme"),
        Arguments.of("captureParameters", "true", "captureParameters=true"),
        Arguments.of("parameterMask", "TYPE", "parameterMask=type"),
        Arguments.of("countRows", "false", "countRows=false"),
        Arguments.of("maxFingerprints", "100", "maxFingerprints=100"),
        Arguments.of("fingerprintCacheSize", "16", "fingerprintCacheSize=16"),
        Arguments.of("parseMaxChars", "500", "parseMaxChars=500"),
        Arguments.of("parseTimeout", "250ms", "parseTimeout=250ms"),
        Arguments.of("consoleSummary", "off", "consoleSummary=false"));
  }

  @ParameterizedTest
  @MethodSource("oneNonDefaultValuePerOption")
  void everyOptionIsReadFromEverySource(String key, String value, String shown) {
    ConfigOption<?> option =
        ConfigOption.ALL.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
    List<ConfigFixture> fixtures =
        List.of(
            withArgs(key + "=" + value),
            sources().property(option.propertyName(), value),
            sources().env(option.environmentName(), value));

    for (ConfigFixture fixture : fixtures) {
      AgentConfig config = fixture.load();

      assertThat(config.toString()).contains(shown);
      assertThat(config).isNotEqualTo(AgentConfig.defaults());
      assertThat(fixture.warnings).isEmpty();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "reportdir=/tmp/x",
    "REPORTDIR=/tmp/x",
    "report-dir=/tmp/x",
    "REPORT_DIR=/tmp/x",
    "querylens.reportDir=/tmp/x",
    "' reportDir = /tmp/x '",
  })
  void agentArgumentKeysAreMatchedLeniently(String args) {
    ConfigFixture sources = withArgs(args);

    assertThat(sources.load().reportDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void propertyAndEnvironmentKeysAreMatchedLeniently() {
    ConfigFixture sources =
        sources()
            .property("querylens.slowquerythreshold", "1s")
            .property("QueryLens.lockWaitThreshold", "2s")
            .env("QUERYLENS_NPLUSONETHRESHOLD", "9")
            .env("querylens_metrics_port", "0");

    AgentConfig config = sources.load();

    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.lockWaitThreshold()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.nPlusOneThreshold()).isEqualTo(9);
    assertThat(config.metricsPort()).isZero();
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void testSuiteAndJUnitExtensionSettingsAreNotOptionsAndDrawNoWarning() {
    ConfigFixture sources =
        sources()
            .env("QUERYLENS_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
            .env("QUERYLENS_TEST_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
            .property("querylens.test.anything", "x")
            .property("querylens.junit.mode", "library")
            .property("querylens.baseline.record", "true")
            .property("querylens.agent.jar", "/opt/querylens-agent.jar")
            .env("PATH", "/usr/bin")
            .property("java.version", "17");

    assertThat(sources.load()).isEqualTo(AgentConfig.defaults());
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void aKeyRepeatedInTheAgentArgumentTakesTheLastValue() {
    ConfigFixture sources = withArgs("reportDir=/a,reportDir=/b");

    assertThat(sources.load().reportDir()).isEqualTo(Path.of("/b"));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option reportDir=/a (from the agent argument):"
                + " also set later in the agent argument, which wins");
  }

  @Test
  void twoSpellingsOfOnePropertyPreferTheDocumentedOne() {
    ConfigFixture sources =
        sources()
            .property("querylens.reportdir", "/lower")
            .property("querylens.reportDir", "/documented");

    assertThat(sources.load().reportDir()).isEqualTo(Path.of("/documented"));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option reportDir=/lower (from -Dquerylens.reportdir):"
                + " also set by -Dquerylens.reportDir, which wins");
  }

  @Test
  void aValueMayContainAnEqualsSign() {
    assertThat(withArgs("reportDir=/tmp/a=b").load().reportDir()).isEqualTo(Path.of("/tmp/a=b"));
  }

  @Test
  void reportDirExpandsALeadingTildeToTheUserHome() {
    ConfigFixture sources =
        sources().agentArgs("reportDir=~/ql").property("user.home", "/home/alice");

    assertThat(sources.load().reportDir()).isEqualTo(Path.of("/home/alice/ql"));
  }
}
