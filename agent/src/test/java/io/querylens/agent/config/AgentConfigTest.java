package io.querylens.agent.config;

import static io.querylens.agent.config.ConfigFixture.sources;
import static io.querylens.agent.config.ConfigFixture.withArgs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  @Test
  void defaultsMatchTheDocumentedValues() {
    AgentConfig config = AgentConfig.defaults();

    assertThat(config.enabled()).isTrue();
    assertThat(config.reportDir()).isEqualTo(Path.of("querylens-report"));
    assertThat(config.reportDir().isAbsolute()).isFalse();
    assertThat(config.reportInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.slowQueryThreshold()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.lockWaitThreshold()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.nPlusOneThreshold()).isEqualTo(3);
    assertThat(config.metricsPort()).isEqualTo(9464);
    assertThat(config.metricsHost()).isEqualTo("127.0.0.1");
    assertThat(config.appPackages()).isEmpty();
    assertThat(config.captureParameters()).isFalse();
    assertThat(config.countRows()).isTrue();
    assertThat(config.maxFingerprints()).isEqualTo(5000);
    assertThat(config.fingerprintCacheSize()).isEqualTo(10_000);
    assertThat(config.parseMaxChars()).isEqualTo(100_000);
    assertThat(config.parseTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.consoleSummary()).isTrue();
  }

  @Test
  void loadingWithNothingConfiguredGivesTheDefaultsWithoutWarnings() {
    for (String args : new String[] {null, "", "   ", ",", " , ,"}) {
      ConfigFixture sources = withArgs(args);

      assertThat(sources.load()).isEqualTo(AgentConfig.defaults());
      assertThat(sources.warnings).as("args %s", args).isEmpty();
    }
  }

  @Test
  void toStringListsEverySettingOnOneLineForTheBanner() {
    assertThat(AgentConfig.defaults().toString())
        .isEqualTo(
            "enabled=true, reportDir=querylens-report, reportInterval=1m,"
                + " slowQueryThreshold=500ms, lockWaitThreshold=200ms, poolWaitThreshold=100ms, nPlusOneThreshold=3,"
                + " unbatchedWriteThreshold=10, scopeIdleGap=200ms, scopeMaxWindow=10s,"
                + " metricsPort=9464, metricsHost=127.0.0.1, metricsUser=, metricsPassword=, metricsLabelLimit=50,"
                + " otlpEndpoint=, otlpInterval=1m, appPackages=, sourceRoots=, captureParameters=false,"
                + " parameterMask=partial, countRows=true, maxFingerprints=5000, fingerprintCacheSize=10000,"
                + " parseMaxChars=100000, parseTimeout=2s, consoleSummary=true");
  }

  @Test
  void toStringOutputIsAcceptedBackAsAnAgentArgument() {
    ConfigFixture first =
        withArgs(
            "reportDir=/tmp/ql,slowQueryThreshold=1.5s,appPackages=com.acme;org.example,"
                + "metricsPort=0,reportInterval=0,captureParameters=yes");
    AgentConfig config = first.load();

    ConfigFixture again = withArgs(config.toString());

    assertThat(again.load()).isEqualTo(config);
    assertThat(again.warnings).isEmpty();
    assertThat(config.toString())
        .contains("slowQueryThreshold=1500ms", "appPackages=com.acme;org.example", "reportInterval=0")
        .doesNotContain("\n");
  }

  @Test
  void secretValuesAreMaskedInToString() {
    ConfigOption<String> password =
        new ConfigOption<>("metricsPassword", "", (text, context) -> text, s -> s);
    Map<ConfigOption<?>, Object> values = new LinkedHashMap<>();
    values.put(ConfigOption.METRICS_PORT, 9464);
    values.put(password, "hunter2");

    assertThat(AgentConfig.render(values)).isEqualTo("metricsPort=9464, metricsPassword=****");
  }

  @Test
  void aSetPasswordIsMaskedAndAnUnsetOneShownEmpty() {
    AgentConfig config = withArgs("metricsUser=prometheus,metricsPassword=hunter2").load();

    assertThat(config.metricsPassword()).isEqualTo("hunter2");
    assertThat(config.toString()).contains("metricsUser=prometheus, metricsPassword=****").doesNotContain("hunter2");
    assertThat(AgentConfig.defaults().toString()).contains("metricsPassword=,");
  }

  @Test
  void anUnknownOptionThatLooksLikeACredentialHasItsValueMaskedInTheWarning() {
    ConfigFixture sources =
        sources()
            .agentArgs("dbPassword=hunter2,hunter3")
            .env("QUERYLENS_DB_TOKEN", "abc123");

    sources.load();

    assertThat(String.join("\n", sources.warnings))
        .doesNotContain("hunter2", "hunter3", "abc123")
        .contains(
            "querylens: ignoring unknown option dbPassword=**** (from the agent argument)",
            "querylens: ignoring \"****\" in the agent argument",
            "querylens: ignoring unknown option DB_TOKEN=**** (from QUERYLENS_DB_TOKEN)");
  }

  @Test
  void equalConfigsAreEqualAndHashAlike() {
    AgentConfig a = withArgs("nPlusOneThreshold=5").load();
    AgentConfig b = sources().property("querylens.nPlusOneThreshold", "5").load();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(AgentConfig.defaults());
  }

  @Test
  void appPackagesIsUnmodifiable() {
    List<String> packages = withArgs("appPackages=com.acme").load().appPackages();

    assertThat(packages).containsExactly("com.acme");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> packages.add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requiredArgumentsAreChecked() {
    assertThatNullPointerException()
        .isThrownBy(() -> AgentConfig.load(null, null, Map.of(), w -> {}))
        .withMessage("systemProperties");
    assertThatNullPointerException()
        .isThrownBy(() -> AgentConfig.load(null, new Properties(), null, w -> {}))
        .withMessage("environment");
    assertThatNullPointerException()
        .isThrownBy(() -> AgentConfig.load(null, new Properties(), Map.of(), null))
        .withMessage("warnings");
  }

  @Test
  void theRealJvmSourcesLoadWithoutFailing() {
    // Whatever this JVM's -D and environment hold, loading must not throw.
    AgentConfig config =
        AgentConfig.load(null, System.getProperties(), System.getenv(), warning -> {});

    assertThat(config).isNotNull();
  }
}
