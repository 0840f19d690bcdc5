package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.agent.it.support.AgentJar;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.workload.NoJdbcApp;
import io.querylens.agent.it.workload.TinyJdbcApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The agent jar as a command and as a {@code -javaagent:} with good, bad and no options. */
class AgentCommandLineIT {

  @Test
  void runningTheJarPrintsUsageThatMentionsAttach() {
    ChildResult usage =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "usage")).jar(AgentJar.path()).run();

    usage.assertExitedNormally();
    assertThat((usage.stdout() + usage.stderr()).toLowerCase(Locale.ROOT))
        .as("usage text\n%s", usage.describe())
        .contains("attach")
        .contains("javaagent");
  }

  @Test
  void anUnknownOptionAndABadValueEachPrintOneWarningAndTheApplicationCarriesOn() {
    String token = "opt" + Long.toString(ProcessHandle.current().pid(), 36);
    ChildResult child =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "bad-options"))
            .withAgent("bogus=1,slowQueryThreshold=fast")
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();

    // Match on the values: the unknown-key warning may list the known keys, slowQueryThreshold among them.
    List<String> aboutBogus = linesContaining(child.stderrLines(), "bogus");
    List<String> aboutFast = linesContaining(child.stderrLines(), "fast");
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.stdoutLines()).as("the application ran\n%s", child.describe()).contains("workload done");
    softly.assertThat(aboutBogus).as("warnings naming the unknown key 'bogus'\n%s", child.describe()).hasSize(1);
    softly.assertThat(aboutFast).as("warnings about the bad value 'fast'\n%s", child.describe()).hasSize(1);
    softly.assertThat(aboutFast).as("the warning names the key").allSatisfy(l -> assertThat(l).contains("slowQueryThreshold"));
    softly.assertThat(aboutBogus).as("prefixed").allSatisfy(l -> assertThat(l).startsWith("querylens"));
    softly.assertThat(aboutFast).as("prefixed").allSatisfy(l -> assertThat(l).startsWith("querylens"));
    softly.assertAll();

    child.report().assertCalls("insert into " + TinyJdbcApp.table(token), TinyJdbcApp.INSERTS);
  }

  @Test
  void theReportDirectoryCanComeFromASystemProperty() {
    String token = "sys" + Long.toString(ProcessHandle.current().pid(), 36);
    Path workDir = RunDirectory.create(getClass(), "report-dir-property");
    Path reportDir = workDir.resolve("from-system-property");
    ChildResult child =
        ChildJvm.on(Jdk.CURRENT, workDir)
            .withAgentOptionsExactly("")
            .systemProperty("querylens.reportDir", reportDir.toString())
            .systemProperty("querylens.reportInterval", "0")
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();

    child.reportIn(reportDir).assertCalls("insert into " + TinyJdbcApp.table(token), TinyJdbcApp.INSERTS);
  }

  @Test
  void anApplicationWithoutJdbcRunsExactlyAsWithoutTheAgent() {
    ChildResult without =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "no-jdbc-without-agent"))
            .main(NoJdbcApp.class, "a", "b")
            .run()
            .assertExitedNormally();
    ChildResult with =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "no-jdbc-with-agent"))
            .withAgent()
            .main(NoJdbcApp.class, "a", "b")
            .run()
            .assertExitedNormally();

    assertThat(with.stdout()).as("stdout under the agent\n%s", with.describe()).isEqualTo(without.stdout());
    assertThat(with.stderr()).as("no stack trace\n%s", with.describe()).doesNotContain("\tat ");
    QueryReport report = with.report();
    assertThat(report.queries()).as("queries").isEmpty();
    assertThat(report.summaryLong("statements")).as("summary.statements").isZero();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Jdk.class)
  void theAgentAddsNoJvmWarningsToTheApplicationsStderr(Jdk jdk) {
    jdk.requireInstalled();
    String token = "warn" + Long.toString(ProcessHandle.current().pid(), 36);
    ChildResult without =
        ChildJvm.on(jdk, RunDirectory.create(getClass(), "warnings-without-agent-" + jdk.name()))
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();
    ChildResult with =
        ChildJvm.on(jdk, RunDirectory.create(getClass(), "warnings-with-agent-" + jdk.name()))
            .withAgent()
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();

    assertThat(withoutAgentOutput(with.stderrLines()))
        .as("stderr lines the agent added that are not its own\n%s", with.describe())
        .isEqualTo(without.stderrLines());
  }

  // The agent's own lines (prefixed, or the indented console summary), and the CDS notice the JVM prints for
  // any agent that appends a bootstrap bridge (by design; see DESIGN.md "Class loading").
  private static List<String> withoutAgentOutput(List<String> stderr) {
    return stderr.stream()
        .filter(l -> !l.toLowerCase(Locale.ROOT).startsWith("querylens"))
        .filter(l -> !l.startsWith(" "))
        .filter(l -> !l.contains("Sharing is only supported for boot loader classes because bootstrap classpath has been appended"))
        .collect(Collectors.toList());
  }

  private static List<String> linesContaining(List<String> lines, String text) {
    return lines.stream().filter(l -> l.contains(text)).collect(Collectors.toList());
  }

  @Test
  void anUnwritableReportDirectoryIsSaidOnceAndTheApplicationIsUnaffected() throws Exception {
    String token = "unw" + Long.toString(ProcessHandle.current().pid(), 36);
    Path workDir = RunDirectory.create(getClass(), "unwritable-report-dir");
    // A regular file where the directory should be: no directory can be created under it.
    Path blocker = java.nio.file.Files.writeString(workDir.resolve("not-a-directory"), "x");
    ChildResult child =
        ChildJvm.on(Jdk.CURRENT, workDir)
            .withAgentOptionsExactly("reportDir=" + blocker.resolve("report") + ",reportInterval=0")
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();

    List<String> complaints = linesContaining(child.stderrLines(), "could not write the report");
    assertThat(child.stdoutLines()).as("the application ran\n%s", child.describe()).contains("workload done");
    assertThat(complaints).as("one line about the report\n%s", child.describe()).hasSize(1);
    assertThat(complaints.get(0)).contains("reportDir").startsWith("querylens");
    assertThat(child.stderr()).as("no stack trace\n%s", child.describe()).doesNotContain("\tat ");
  }

  @Test
  void rowsReadAreCountedByDefaultAndNotAtAllWithCountRowsOff() {
    String token = "rows" + Long.toString(ProcessHandle.current().pid(), 36);
    String select = "select id from " + TinyJdbcApp.table(token);
    ChildResult counted =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "count-rows-on"))
            .withAgent()
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();
    ChildResult uncounted =
        ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "count-rows-off"))
            .withAgent("countRows=false")
            .main(TinyJdbcApp.class, token)
            .run()
            .assertExitedNormally();

    assertThat(counted.report().query(select).rows()).as("rows read, counted").isEqualTo(TinyJdbcApp.INSERTS);
    assertThat(uncounted.report().query(select).calls()).as("the query is still recorded").isEqualTo(1);
    assertThat(uncounted.report().query(select).rows()).as("rows read, not counted").isZero();
  }
}
