package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;

/** Finding the agent jar, the attach argument and the messages when there is nothing to record with. */
class AgentSetupTest {
  @TempDir
  Path directory;

  @Test
  void theConfiguredJarWins() throws Exception {
    Path jar = Files.createFile(directory.resolve("my-agent.jar"));

    assertThat(AgentJar.locate(jar.toString(), emptyLoader())).isEqualTo(jar);
  }

  @Test
  void aConfiguredJarThatDoesNotExistIsSaid() {
    Path missing = directory.resolve("missing.jar");

    assertThatThrownBy(() -> AgentJar.locate(missing.toString(), getClass().getClassLoader()))
        .isInstanceOf(SetupProblem.class)
        .hasMessage("-Dquerylens.agent.jar=" + missing + " names no file (" + missing + ")");
  }

  @Test
  void theJarOnTheClassPathThatHoldsTheAgentIsFound() throws Exception {
    Path jar = directory.resolve("querylens-agent 1.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(AgentJar.AGENT_CLASS));
      out.closeEntry();
    }

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      assertThat(AgentJar.locate(null, loader)).isEqualTo(jar);
    }
  }

  @Test
  void agentClassesOutsideAJarCannotBeAttached() throws Exception {
    Path classes = directory.resolve("classes");
    Path agentClass = classes.resolve(AgentJar.AGENT_CLASS);
    Files.createDirectories(agentClass.getParent());
    Files.createFile(agentClass);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      assertThatThrownBy(() -> AgentJar.locate(" ", loader))
          .isInstanceOf(SetupProblem.class)
          .hasMessageStartingWith("the agent's classes are on the test class path at file:")
          .hasMessageEndingWith(", which is not querylens-agent.jar (an agent module built without its package"
              + " phase?), so there is no jar to attach");
    }
  }

  @Test
  void noAgentAnywhereFailsWithBothFixes() throws IOException {
    try (URLClassLoader loader = emptyLoader()) {
      assertThatThrownBy(() -> AgentJar.locate(null, loader))
          .isInstanceOfSatisfying(SetupProblem.class, problem -> assertThat(RecorderConnection.message(problem))
              .isEqualTo("QueryLens cannot record statements in this test JVM: the agent is not on the test JVM's"
                  + " command line (-javaagent), and querylens-agent.jar is not on the test class path to attach it."
                  + " Either put the agent on the test JVM's command line (Maven surefire:"
                  + " <argLine>-javaagent:/path/to/querylens-agent.jar</argLine>), or put querylens-agent.jar on the"
                  + " test class path (the io.querylens:querylens-agent dependency) or name it with"
                  + " -Dquerylens.agent.jar=/path/to/querylens-agent.jar, and the extension attaches it."));
    }
  }

  @Test
  void attachingAJarThatIsNoAgentFailsWithTheJvmsReason() throws IOException {
    Path jar = directory.resolve("not-an-agent.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("empty.txt"));
      out.closeEntry();
    }

    assertThatThrownBy(() -> AgentAttachment.attach(jar, null))
        .isInstanceOfSatisfying(SetupProblem.class, problem -> {
          assertThat(problem).hasMessageStartingWith("attaching " + jar + " to this JVM failed (");
          assertThat(problem.jar()).isEqualTo(jar);
          assertThat(problem.agentFixes()).isTrue();
        });
  }

  @Test
  void aFailedAttachNamesTheJarInTheFix() {
    Path jar = Path.of("/repo/querylens-agent.jar");
    SetupProblem problem = new SetupProblem("attaching " + jar + " to this JVM failed (x)", true, null, jar);

    assertThat(RecorderConnection.message(problem)).isEqualTo("QueryLens cannot record statements in this test"
        + " JVM: attaching /repo/querylens-agent.jar to this JVM failed (x). Either put the agent on the test JVM's"
        + " command line (Maven surefire: <argLine>-javaagent:/repo/querylens-agent.jar</argLine>), or put"
        + " querylens-agent.jar on the test class path (the io.querylens:querylens-agent dependency) or name it"
        + " with -Dquerylens.agent.jar=/path/to/querylens-agent.jar, and the extension attaches it.");
  }

  @Test
  void aLibraryModeProblemSuggestsNoAgent() {
    SetupProblem problem = new SetupProblem("the library mode did not start (x)", false);

    assertThat(RecorderConnection.message(problem))
        .isEqualTo("QueryLens cannot record statements in this test JVM: the library mode did not start (x).");
  }

  @Test
  void theArgumentTurnsMetricsOffAndReportsIntoTarget() {
    assertThat(AgentAttachment.argument(new Properties(), Map.of()))
        .isEqualTo("metricsPort=0,reportDir=target/querylens-report");
  }

  @Test
  void theArgumentLeavesWhatTheUserSetToTheUser() {
    Properties properties = new Properties();
    properties.setProperty("querylens.metricsPort", "9999");

    assertThat(AgentAttachment.argument(properties, Map.of())).isEqualTo("reportDir=target/querylens-report");
    assertThat(AgentAttachment.argument(new Properties(), Map.of("QUERYLENS_REPORT_DIR", "/tmp/r")))
        .isEqualTo("metricsPort=0");
    assertThat(AgentAttachment.argument(properties, Map.of("QUERYLENS_REPORTDIR", "/tmp/r"))).isNull();
  }

  @Test
  void theArgumentKnowsEverySpellingTheAgentAccepts() {
    Properties dotted = new Properties();
    dotted.setProperty("querylens.report.dir", "/tmp/r");
    dotted.setProperty("QueryLens.Metrics-Port", "9999");

    assertThat(AgentAttachment.argument(dotted, Map.of())).as("the agent reads both as set").isNull();
    assertThat(AgentAttachment.argument(new Properties(), Map.of("querylens_metrics_port", "9999")))
        .isEqualTo("reportDir=target/querylens-report");
    Properties junitOwn = new Properties();
    junitOwn.setProperty("querylens.junit.reportDir", "/tmp/r");
    assertThat(AgentAttachment.argument(junitOwn, Map.of())).as("querylens-junit's own settings are not the agent's")
        .isEqualTo("metricsPort=0,reportDir=target/querylens-report");
  }

  @Test
  void theAnnouncementMentionsTheDynamicAgentWarningFromJdk21() {
    Path jar = Path.of("/repo/querylens-agent.jar");

    assertThat(AgentAttachment.announcement(jar, 17, List.of()))
        .isEqualTo("QueryLens: attached the agent to this test JVM (/repo/querylens-agent.jar)");
    assertThat(AgentAttachment.announcement(jar, 25, List.of("-Xmx1g", "-XX:+EnableDynamicAgentLoading")))
        .isEqualTo("QueryLens: attached the agent to this test JVM (/repo/querylens-agent.jar)");
    assertThat(AgentAttachment.announcement(jar, 21, List.of("-Xmx1g")))
        .isEqualTo("QueryLens: attached the agent to this test JVM (/repo/querylens-agent.jar); add"
            + " -XX:+EnableDynamicAgentLoading to the test JVM's options (or -javaagent:/repo/querylens-agent.jar"
            + " to surefire's argLine) to silence the JVM's warning about a dynamically loaded agent");
  }

  @Test
  void theModeIsReadCaseInsensitivelyAndAnUnknownOneIsRefused() {
    assertThat(Mode.parse(null)).isEqualTo(Mode.AUTO);
    assertThat(Mode.parse(" Library ")).isEqualTo(Mode.LIBRARY);
    assertThatThrownBy(() -> Mode.parse("javaagent"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("querylens.junit.mode=javaagent is not a mode: use auto (the default), agent or library");
  }

  private static URLClassLoader emptyLoader() {
    return new URLClassLoader(new URL[0], null);
  }

}
