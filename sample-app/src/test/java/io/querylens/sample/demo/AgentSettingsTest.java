package io.querylens.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {

  private static final Path WORK = Path.of("/srv/shop");

  @Test
  void withNothingSetTheReportsAreInTheWorkingDirectoryAndMetricsOnTheLoopback() {
    AgentSettings settings = settings("", Map.of());

    assertThat(settings.reportDir()).isEqualTo(WORK.resolve("querylens-report"));
    assertThat(settings.metricsUrl()).isEqualTo("http://127.0.0.1:9464/metrics");
  }

  @Test
  void theAgentArgumentWinsOverSystemPropertiesWhichWinOverTheEnvironment() {
    Properties properties = properties("querylens.reportDir", "/from/property");
    Map<String, String> environment =
        Map.of("QUERYLENS_REPORT_DIR", "/from/env", "QUERYLENS_METRICS_PORT", "9500");

    AgentSettings settings =
        new AgentSettings(
            "reportDir=/from/argument,slowQueryThreshold=1s", properties, environment);

    assertThat(settings.reportDir()).isEqualTo(Path.of("/from/argument"));
    assertThat(settings.metricsUrl()).isEqualTo("http://127.0.0.1:9500/metrics");
    assertThat(new AgentSettings("", properties, environment).reportDir())
        .isEqualTo(Path.of("/from/property"));
  }

  @Test
  void keysMatchLikeTheAgentsAndRelativeOrHomePathsAreResolved() {
    assertThat(settings("querylens.report-dir=build/ql", Map.of()).reportDir())
        .isEqualTo(WORK.resolve("build/ql"));
    assertThat(settings("", Map.of("QUERYLENS_REPORTDIR", "~/ql")).reportDir())
        .isEqualTo(Path.of("/home/shop/ql"));
  }

  @Test
  void aValueTheAgentWouldRejectGivesWayToTheNextSource() {
    AgentSettings settings =
        settings("metricsPort=70000,reportDir=", Map.of("QUERYLENS_METRICS_PORT", "9_465"));

    assertThat(settings.metricsPort()).isEqualTo(9465);
    assertThat(settings.reportDir()).isEqualTo(WORK.resolve("querylens-report"));
  }

  @Test
  void metricsOffOrOnAnotherHostShowAsSuch() {
    assertThat(settings("metricsPort=0", Map.of()).metricsUrl()).isNull();
    assertThat(settings("metricsHost=[::1],metricsPort=9999", Map.of()).metricsUrl())
        .isEqualTo("http://[::1]:9999/metrics");
    assertThat(settings("metricsHost=0.0.0.0", Map.of()).metricsUrl())
        .isEqualTo("http://127.0.0.1:9464/metrics");
  }

  @Test
  void theAgentArgumentIsTakenFromTheQueryLensJavaagentOnly() {
    List<String> jvmArguments =
        List.of(
            "-Xmx1g",
            "-javaagent:/opt/other-agent.jar=reportDir=/not/ours",
            "-javaagent:/opt/querylens-agent.jar=reportDir=/tmp/ql,metricsPort=0");

    assertThat(AgentSettings.agentArgument(jvmArguments))
        .isEqualTo("reportDir=/tmp/ql,metricsPort=0");
    assertThat(AgentSettings.agentArgument(List.of("-javaagent:/opt/querylens-agent.jar")))
        .isEmpty();
    assertThat(AgentSettings.agentArgument(List.of("-Dquerylens.reportDir=/x"))).isEmpty();
  }

  private static AgentSettings settings(String agentArgument, Map<String, String> environment) {
    return new AgentSettings(agentArgument, properties(), environment);
  }

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    properties.setProperty("user.dir", WORK.toString());
    properties.setProperty("user.home", "/home/shop");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }
}
