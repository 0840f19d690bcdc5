package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.it.support.AgentJar;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunningChild;
import io.querylens.agent.it.workload.AttachTargetApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code java -jar querylens-agent.jar attach <pid>} on a JVM that started without the agent. */
class AgentAttachIT {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Jdk.class)
  void attachingToARunningJvmRecordsTheStatementsItRunsAfterwards(Jdk jdk) throws IOException {
    jdk.requireInstalled();
    String token = "att" + Long.toString(ProcessHandle.current().pid(), 36) + jdk.featureVersion();
    Path workDir = RunDirectory.create(getClass(), "target-" + jdk.name());
    Path signal = workDir.resolve("go");
    ChildJvm target =
        ChildJvm.on(jdk, workDir)
            .systemProperty("querylens.reportInterval", "0")
            .main(AttachTargetApp.class, token, signal.toString());
    if (jdk.featureVersion() >= 21) {
      target.jvmOption("-XX:+EnableDynamicAgentLoading"); // JDK 21+ warns about dynamically loaded agents otherwise
    }
    Path reportDir = target.reportDir();

    ChildResult result;
    try (RunningChild running = target.start()) {
      running.awaitStdoutLine("ready", Duration.ofSeconds(60));
      ChildResult attach =
          ChildJvm.on(jdk, RunDirectory.create(getClass(), "attach-command-" + jdk.name()))
              .jar(AgentJar.path(), "attach", Long.toString(running.pid()), "reportDir=" + reportDir + ",reportInterval=0")
              .timeout(Duration.ofSeconds(60))
              .run();
      attach.assertExitedNormally();
      Files.createFile(signal);
      result = running.awaitExit();
    }
    result.assertExitedNormally();
    assertThat(result.stdoutLines()).as("the application ran to the end\n%s", result.describe()).contains("workload done");

    QueryReport report = result.report();
    String table = AttachTargetApp.table(token);
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(report.queriesContaining("select phase from " + table)).as("lookups after the attach").hasSize(1);
    softly.assertThat(report.queriesContaining("select count(*) from " + table)).as("literal counts after the attach").hasSize(1);
    softly.assertThat(report.queriesContaining("update " + table)).as("updates on a connection opened after the attach").hasSize(1);
    softly.assertThat(report.queriesContaining("insert into " + table)).as("inserts before the attach").isEmpty();
    softly.assertAll();
    report.assertCalls("select phase from " + table, AttachTargetApp.LOOKUPS_AFTER);
    report.assertCalls("select count(*) from " + table, AttachTargetApp.COUNTS_AFTER);
    report.assertCalls("update " + table, AttachTargetApp.UPDATES_AFTER);
    assertThat(report.query("update " + table).dbSystem()).as("dbSystem of a connection opened after the attach").isEqualTo("h2");
  }
}
