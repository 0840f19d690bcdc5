package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.cases.CountCases;
import example.cases.NPlusOneCases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Without {@code -javaagent}, the extension attaches the agent jar it finds on the test class path
 * and counts exactly as under {@code -javaagent}.
 *
 * <p>Runs alone in surefire's {@code self-attach} execution, whose JVM has no agent on its command
 * line; the default execution leaves it out.
 */
class SelfAttachTest {

  @Test
  void theExtensionAttachesTheAgentFromTheClassPathOnceAndCountsExactly() throws Exception {
    assertThatThrownBy(() -> Class.forName(TestHooksBridge.CLASS_NAME, false, null))
        .as("this JVM starts without the agent")
        .isInstanceOf(ClassNotFoundException.class);
    Path jar = AgentJar.jarOf(getClass().getClassLoader().getResource(AgentJar.AGENT_CLASS));

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Examples counts = withStandardError(err, () -> Examples.run(CountCases.ExactCounts.class));

    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .contains(AgentAttachment.announcement(jar, Runtime.version().feature(),
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    counts.assertPassed("oneOfEachKind");
    assertThat(counts.message("selectBreach")).isEqualTo(Examples.expectedSelectBreachMessage());
    Class<?> hooks = Class.forName(TestHooksBridge.CLASS_NAME, false, null);
    assertThat(TestHooksBridge.of(hooks).isActive()).isTrue();

    ByteArrayOutputStream later = new ByteArrayOutputStream();
    Examples nPlusOne = withStandardError(later, () -> Examples.run(NPlusOneCases.class));

    assertThat(later.toString(StandardCharsets.UTF_8)).as("attached once").doesNotContain("QueryLens: attached");
    assertThat(nPlusOne.message("lazyCustomersInALoop")).contains(
        "  N+1 query at example.cases.NPlusOneCases.lazyCustomersInALoop(NPlusOneCases.java:" + NPlusOneCases.loopLine
            + ") (@NoNPlusOne)\n");
    nPlusOne.assertPassed("joinFetch");
  }

  private static Examples withStandardError(ByteArrayOutputStream capture, java.util.function.Supplier<Examples> run) {
    PrintStream original = System.err;
    System.setErr(new PrintStream(capture, true, StandardCharsets.UTF_8));
    try {
      return run.get();
    } finally {
      System.setErr(original);
    }
  }
}
