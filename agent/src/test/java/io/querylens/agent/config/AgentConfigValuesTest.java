package io.querylens.agent.config;

import static io.querylens.agent.config.ConfigFixture.sources;
import static io.querylens.agent.config.ConfigFixture.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The syntax of each value type, and the exact warning for each kind of bad value. */
class AgentConfigValuesTest {

  // --- durations --------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "500ms, 500000000",
    "2s, 2000000000",
    "1m, 60000000000",
    "1h, 3600000000000",
    "250, 250000000",
    "1.5, 1500000",
    "1.5s, 1500000000",
    "'750 ms', 750000000",
    "2S, 2000000000",
    "1MS, 1000000",
    "1500us, 1500000",
    "2min, 120000000000",
    "1d, 86400000000000",
    "PT2S, 2000000000",
    "pt0.25s, 250000000",
    "PT1M30S, 90000000000",
  })
  void durationsAcceptUnitsBareMillisecondsAndIso(String text, long nanos) {
    ConfigFixture sources = withArgs("slowQueryThreshold=" + text);

    assertThat(sources.load().slowQueryThreshold()).isEqualTo(Duration.ofNanos(nanos));
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void aBadDurationFromASystemPropertyWarnsWithTheDocumentedText() {
    ConfigFixture sources = sources().property("querylens.slowQueryThreshold", "fast");

    assertThat(sources.load().slowQueryThreshold()).isEqualTo(Duration.ofMillis(500));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option slowQueryThreshold=fast"
                + " (from -Dquerylens.slowQueryThreshold): expected a duration such as 500ms, 2s"
                + " or 1m; using the default 500ms");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"fast", "-1s", "+1s", "1x", "1.2.3s", "s", ".", "1e3", "PT-1S", "P", "2 seconds",
        "99999999999999999999h"})
  void malformedDurationsAreRejected(String text) {
    ConfigFixture sources = withArgs("lockWaitThreshold=" + text);

    assertThat(sources.load().lockWaitThreshold()).isEqualTo(Duration.ofMillis(200));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option lockWaitThreshold="
                + text
                + " (from the agent argument): expected a duration such as 500ms, 2s or 1m;"
                + " using the default 200ms");
  }

  @Test
  void anEmptyValueIsABadValueForADuration() {
    ConfigFixture sources = withArgs("slowQueryThreshold=");

    sources.load();

    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option slowQueryThreshold= (from the agent argument):"
                + " expected a duration such as 500ms, 2s or 1m; using the default 500ms");
  }

  @Test
  void thresholdsMustBePositive() {
    ConfigFixture sources = withArgs("slowQueryThreshold=0,lockWaitThreshold=0.5us");

    AgentConfig config = sources.load();

    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.lockWaitThreshold()).isEqualTo(Duration.ofMillis(200));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option slowQueryThreshold=0 (from the agent argument):"
                + " expected a duration of at least 1ms, such as 500ms, 2s or 1m;"
                + " using the default 500ms",
            "querylens: ignoring option lockWaitThreshold=0.5us (from the agent argument):"
                + " expected a duration of at least 1ms, such as 500ms, 2s or 1m;"
                + " using the default 200ms");
  }

  @Test
  void reportIntervalZeroMeansOnlyAtShutdown() {
    assertThat(withArgs("reportInterval=0").load().reportInterval()).isEqualTo(Duration.ZERO);
    assertThat(withArgs("reportInterval=0s").load().reportInterval()).isEqualTo(Duration.ZERO);
    assertThat(withArgs("reportInterval=1s").load().reportInterval())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void reportIntervalBelowOneSecondIsRejected() {
    ConfigFixture sources = withArgs("reportInterval=10ms");

    assertThat(sources.load().reportInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option reportInterval=10ms (from the agent argument):"
                + " expected 0 (write only at shutdown) or a duration of at least 1s,"
                + " such as 30s, 1m or 5m; using the default 1m");
  }

  @Test
  void durationsAreShownInTheLargestExactUnit() {
    assertThat(ValueParsers.formatDuration(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(ValueParsers.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(ValueParsers.formatDuration(Duration.ofMinutes(120))).isEqualTo("2h");
    assertThat(ValueParsers.formatDuration(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
    assertThat(ValueParsers.formatDuration(Duration.ofNanos(7))).isEqualTo("7ns");
    assertThat(ValueParsers.formatDuration(Duration.ZERO)).isEqualTo("0");
  }

  // --- booleans ---------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "true, true", "false, false", "yes, true", "no, false", "on, true", "off, false",
    "TRUE, true", "Off, false", "' yes ', true",
  })
  void booleansAcceptTrueFalseYesNoOnOff(String text, boolean expected) {
    ConfigFixture sources = withArgs("captureParameters=" + text.trim());

    assertThat(sources.load().captureParameters()).isEqualTo(expected);
    assertThat(sources.warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "0", "maybe", "enabled", ""})
  void otherBooleanTextIsRejected(String text) {
    ConfigFixture sources = sources().env("QUERYLENS_COUNT_ROWS", text);

    assertThat(sources.load().countRows()).isTrue();
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option countRows="
                + text
                + " (from QUERYLENS_COUNT_ROWS): expected true or false (also yes/no, on/off);"
                + " using the default true");
  }

  @Test
  void enabledFalseTurnsTheAgentOff() {
    assertThat(withArgs("enabled=false").load().enabled()).isFalse();
    assertThat(sources().env("QUERYLENS_ENABLED", "no").load().enabled()).isFalse();
  }

  // --- whole numbers ----------------------------------------------------------------------------

  @Test
  void wholeNumbersAcceptUnderscoresAndSurroundingSpace() {
    ConfigFixture sources = withArgs("maxFingerprints=20_000,fingerprintCacheSize= 32 ");

    AgentConfig config = sources.load();

    assertThat(config.maxFingerprints()).isEqualTo(20_000);
    assertThat(config.fingerprintCacheSize()).isEqualTo(32);
    assertThat(sources.warnings).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "nPlusOneThreshold, 1, expected a whole number of at least 2, 3",
    "nPlusOneThreshold, 2.5, expected a whole number of at least 2, 3",
    "maxFingerprints, 0, expected a whole number of at least 1, 5000",
    "maxFingerprints, 99999999999, expected a whole number of at least 1, 5000",
    "fingerprintCacheSize, 15, expected a whole number of at least 16, 10000",
    "parseMaxChars, 0, 'expected a whole number of characters, at least 1', 100000",
    "metricsPort, 65536, 'expected a port number from 1 to 65535, or 0 to turn the metrics"
        + " endpoint off', 9464",
    "metricsPort, http, 'expected a port number from 1 to 65535, or 0 to turn the metrics"
        + " endpoint off', 9464",
  })
  void outOfRangeOrNonNumericWholeNumbersAreRejected(
      String key, String value, String expected, String defaultShown) {
    ConfigFixture sources = withArgs(key + "=" + value);

    assertThat(sources.load()).isEqualTo(AgentConfig.defaults());
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option "
                + key
                + "="
                + value
                + " (from the agent argument): "
                + expected
                + "; using the default "
                + defaultShown);
  }

  @Test
  void boundaryValuesAreAccepted() {
    ConfigFixture sources =
        withArgs(
            "nPlusOneThreshold=2,maxFingerprints=1,fingerprintCacheSize=16,parseMaxChars=1,"
                + "metricsPort=65535");

    AgentConfig config = sources.load();

    assertThat(config.nPlusOneThreshold()).isEqualTo(2);
    assertThat(config.maxFingerprints()).isEqualTo(1);
    assertThat(config.fingerprintCacheSize()).isEqualTo(16);
    assertThat(config.parseMaxChars()).isEqualTo(1);
    assertThat(config.metricsPort()).isEqualTo(65535);
    assertThat(sources.warnings).isEmpty();
  }

  // --- paths and hosts --------------------------------------------------------------------------

  @Test
  void reportDirMayBeRelativeOrAbsolute() {
    assertThat(withArgs("reportDir=build/ql").load().reportDir()).isEqualTo(Path.of("build/ql"));
    assertThat(withArgs("reportDir=/var/tmp/ql").load().reportDir())
        .isEqualTo(Path.of("/var/tmp/ql"));
  }

  @Test
  void anEmptyReportDirIsRejected() {
    ConfigFixture sources = sources().property("querylens.reportDir", " ");

    assertThat(sources.load().reportDir()).isEqualTo(Path.of("querylens-report"));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option reportDir= (from -Dquerylens.reportDir):"
                + " expected a directory path such as querylens-report or /tmp/ql;"
                + " using the default querylens-report");
  }

  @Test
  void aReportDirThePlatformCannotRepresentIsRejected() {
    ConfigFixture sources = sources().property("querylens.reportDir", "/tmp/a\u0000b");

    assertThat(sources.load().reportDir()).isEqualTo(Path.of("querylens-report"));
    // The NUL is shown as '?' so the warning stays printable.
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option reportDir=/tmp/a?b (from -Dquerylens.reportDir):"
                + " expected a directory path such as querylens-report or /tmp/ql;"
                + " using the default querylens-report");
  }

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0, 0.0.0.0",
    "localhost, localhost",
    "metrics.internal.example.com, metrics.internal.example.com",
    "::1, ::1",
    "[::1], ::1",
    "fe80::1%eth0, fe80::1%eth0",
  })
  void metricsHostAcceptsNamesAndAddresses(String text, String expected) {
    ConfigFixture sources = sources().env("QUERYLENS_METRICS_HOST", text);

    assertThat(sources.load().metricsHost()).isEqualTo(expected);
    assertThat(sources.warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "my host", "http://127.0.0.1", "[]"})
  void metricsHostRejectsWhatIsNoHost(String text) {
    ConfigFixture sources = sources().env("QUERYLENS_METRICS_HOST", text);

    assertThat(sources.load().metricsHost()).isEqualTo("127.0.0.1");
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option metricsHost="
                + text
                + " (from QUERYLENS_METRICS_HOST): expected a host name or IP address such as"
                + " 127.0.0.1, localhost or 0.0.0.0; using the default 127.0.0.1");
  }

  // --- appPackages ------------------------------------------------------------------------------

  @Test
  void appPackagesInTheAgentArgumentAreSeparatedBySemicolonOrBar() {
    ConfigFixture sources = withArgs("appPackages=com.acme;org.example|net.shop,reportDir=/r");

    AgentConfig config = sources.load();

    assertThat(config.appPackages()).containsExactly("com.acme", "org.example", "net.shop");
    assertThat(config.reportDir()).isEqualTo(Path.of("/r"));
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void appPackagesSplitByTheAgentArgumentsOwnCommasAreRejoined() {
    ConfigFixture sources = withArgs("appPackages=com.acme,org.example,slowQueryThreshold=1s");

    AgentConfig config = sources.load();

    assertThat(config.appPackages()).containsExactly("com.acme", "org.example");
    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void appPackagesInPropertiesAndEnvironmentAcceptCommas() {
    assertThat(
            sources()
                .property("querylens.appPackages", "com.acme, org.example")
                .load()
                .appPackages())
        .containsExactly("com.acme", "org.example");
    assertThat(sources().env("QUERYLENS_APP_PACKAGES", "com.acme;org.x|net.y,io.z").load().appPackages())
        .containsExactly("com.acme", "org.x", "net.y", "io.z");
  }

  @Test
  void appPackagesDropsWildcardsDuplicatesAndBlanks() {
    ConfigFixture sources = withArgs("appPackages=com.acme.*;com.acme;;org.example.; ");

    assertThat(sources.load().appPackages()).containsExactly("com.acme", "org.example");
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void anEmptyAppPackagesValueMeansNone() {
    ConfigFixture sources =
        sources().property("querylens.appPackages", "").env("QUERYLENS_APP_PACKAGES", "com.acme");

    assertThat(sources.load().appPackages()).isEmpty();
    assertThat(sources.warnings).isEmpty();
  }

  @Test
  void anInvalidPackageNameRejectsTheValueAndNamesTheCulprit() {
    ConfigFixture sources = withArgs("appPackages=com.acme;com..shop");

    assertThat(sources.load().appPackages()).isEmpty();
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option appPackages=com.acme;com..shop (from the agent argument):"
                + " expected Java package prefixes such as com.acme, separated by ';' or '|'"
                + " (',' also works outside the agent argument); 'com..shop' is not one;"
                + " using the default (none)");
  }
}
