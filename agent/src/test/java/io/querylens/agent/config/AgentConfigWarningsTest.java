package io.querylens.agent.config;

import static io.querylens.agent.config.ConfigFixture.sources;
import static io.querylens.agent.config.ConfigFixture.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unknown keys, malformed fragments, and keeping every warning to one readable line. */
class AgentConfigWarningsTest {

  @Test
  void anUnknownAgentArgumentKeySuggestsTheClosestOption() {
    ConfigFixture sources = withArgs("reportDri=/tmp/x");

    assertThat(sources.load()).isEqualTo(AgentConfig.defaults());
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring unknown option reportDri=/tmp/x (from the agent argument);"
                + " did you mean reportDir?");
  }

  @Test
  void anOtlpEndpointThatIsNotAnHttpUrlIsIgnoredWithTheExpectedForm() {
    ConfigFixture sources = withArgs("otlpEndpoint=collector:4318,metricsLabelLimit=0");

    AgentConfig config = sources.load();

    assertThat(config.otlpEndpoint()).isEmpty();
    assertThat(config.metricsLabelLimit()).isEqualTo(50);
    assertThat(sources.warnings) // in the order of the options' list
        .containsExactly(
            "querylens: ignoring option metricsLabelLimit=0 (from the agent argument): expected a whole number from 1"
                + " to 10000; using the default 50",
            "querylens: ignoring option otlpEndpoint=collector:4318 (from the agent argument): expected an http://"
                + " or https:// URL such as http://localhost:4318/v1/metrics, or nothing to turn it off; using the"
                + " default (none)");
  }

  @Test
  void anUnknownSystemPropertySuggestsThePropertyForm() {
    ConfigFixture sources = sources().property("querylens.slowQueryTreshold", "1s");

    sources.load();

    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring unknown option slowQueryTreshold=1s"
                + " (from -Dquerylens.slowQueryTreshold);"
                + " did you mean -Dquerylens.slowQueryThreshold?");
  }

  @Test
  void anUnknownEnvironmentVariableSuggestsTheVariableForm() {
    ConfigFixture sources = sources().env("QUERYLENS_METRIC_PORT", "0");

    sources.load();

    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring unknown option METRIC_PORT=0 (from QUERYLENS_METRIC_PORT);"
                + " did you mean QUERYLENS_METRICS_PORT?");
  }

  @ParameterizedTest
  @CsvSource({
    "reportDirectory, reportDir",
    "port, metricsPort",
    "host, metricsHost",
    "nPlusOne, nPlusOneThreshold",
    "slowThreshold, slowQueryThreshold",
    "captureParams, captureParameters",
    "enable, enabled",
    "maxFingerprint, maxFingerprints",
    "parseTimout, parseTimeout",
  })
  void suggestionsCoverTyposAndPartialNames(String typed, String suggested) {
    assertThat(ConfigLoader.closestOption(typed)).hasToString(suggested);
  }

  @Test
  void aNameCloseToNothingListsTheKnownOptions() {
    ConfigFixture sources = withArgs("verbose=true");

    sources.load();

    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring unknown option verbose=true (from the agent argument);"
                + " known options: enabled, reportDir, reportInterval, slowQueryThreshold,"
                + " lockWaitThreshold, poolWaitThreshold, nPlusOneThreshold, unbatchedWriteThreshold, scopeIdleGap, scopeMaxWindow, metricsPort, metricsHost,"
                + " metricsUser, metricsPassword, metricsLabelLimit, otlpEndpoint, otlpInterval, appPackages, sourceRoots,"
                + " captureParameters, parameterMask, countRows, maxFingerprints, fingerprintCacheSize,"
                + " parseMaxChars, parseTimeout, consoleSummary");
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(ConfigLoader.editDistance("", "")).isZero();
    assertThat(ConfigLoader.editDistance("abc", "abc")).isZero();
    assertThat(ConfigLoader.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(ConfigLoader.editDistance("", "abc")).isEqualTo(3);
    assertThat(ConfigLoader.editDistance("reportdri", "reportdir")).isEqualTo(2);
  }

  @Test
  void aFragmentWithoutEqualsSignIsReportedAndTheRestStillApplies() {
    ConfigFixture sources = withArgs("verbose,slowQueryThreshold=1s");

    AgentConfig config = sources.load();

    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofSeconds(1));
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring \"verbose\" in the agent argument: expected key=value pairs"
                + " separated by ',', such as reportDir=/tmp/ql,slowQueryThreshold=1s");
  }

  @Test
  void aBareKnownKeyIsReportedWithAnExampleForThatKey() {
    ConfigFixture sources = withArgs("captureParameters");

    assertThat(sources.load().captureParameters()).isFalse();
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring \"captureParameters\" in the agent argument: expected key=value"
                + " pairs separated by ',', such as captureParameters=<value>");
  }

  @Test
  void aFragmentWithAnEmptyKeyIsReported() {
    ConfigFixture sources = withArgs("=1s");

    sources.load();

    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring \"=1s\" in the agent argument: expected key=value pairs"
                + " separated by ',', such as reportDir=/tmp/ql,slowQueryThreshold=1s");
  }

  @Test
  void aKnownKeyAfterAppPackagesIsNotTakenForAPackage() {
    ConfigFixture sources = withArgs("appPackages=com.acme,reportDir");

    assertThat(sources.load().appPackages()).containsExactly("com.acme");
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring \"reportDir\" in the agent argument: expected key=value pairs"
                + " separated by ',', such as reportDir=<value>");
  }

  @Test
  void aBareWordAfterAppPackagesIsNotTakenForAPackage() {
    ConfigFixture sources = withArgs("appPackages=com.acme,org.example.*,verbose");

    assertThat(sources.load().appPackages()).containsExactly("com.acme", "org.example");
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring \"verbose\" in the agent argument: expected key=value pairs"
                + " separated by ',', such as reportDir=/tmp/ql,slowQueryThreshold=1s");
  }

  @Test
  void warningsStayOnOneLineAndShort() {
    String longValue = "x".repeat(5000);
    ConfigFixture sources =
        sources()
            .property("querylens.reportInterval", "1s\nquerylens: forged line")
            .env("QUERYLENS_SLOW_QUERY_THRESHOLD", longValue);

    sources.load();

    assertThat(sources.warnings).hasSize(2);
    assertThat(sources.warnings).allSatisfy(w -> assertThat(w).doesNotContain("\n", "\r"));
    assertThat(sources.warnings.get(0))
        .startsWith("querylens: ignoring option reportInterval=1s?querylens: forged line ");
    assertThat(sources.warnings.get(1))
        .startsWith("querylens: ignoring option slowQueryThreshold=" + "x".repeat(97) + "... ")
        .hasSizeLessThan(300);
  }

  @Test
  void warningsComeInAStableOrder() {
    ConfigFixture sources =
        sources()
            .agentArgs("zzz=1,nPlusOneThreshold=1")
            .property("querylens.bbb", "1")
            .property("querylens.aaa", "1")
            .env("QUERYLENS_CCC", "1");

    sources.load();

    assertThat(sources.warnings)
        .extracting(w -> w.substring(0, w.indexOf(" (from")))
        .containsExactly(
            "querylens: ignoring unknown option zzz=1",
            "querylens: ignoring unknown option aaa=1",
            "querylens: ignoring unknown option bbb=1",
            "querylens: ignoring unknown option CCC=1",
            "querylens: ignoring option nPlusOneThreshold=1");
  }

  @Test
  void looksSecretCatchesCommonCredentialNames() {
    assertThat(ConfigLoader.looksSecret("metricsPassword")).isTrue();
    assertThat(ConfigLoader.looksSecret("DB_PASSWORD")).isTrue();
    assertThat(ConfigLoader.looksSecret("apiKey")).isTrue();
    assertThat(ConfigLoader.looksSecret("authToken")).isTrue();
    assertThat(ConfigLoader.looksSecret("reportDir")).isFalse();
  }
}
