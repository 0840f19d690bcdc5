package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import example.cases.CountCases;
import example.cases.NPlusOneCases;
import org.junit.jupiter.api.Test;

/**
 * With {@code -Dquerylens.junit.mode=library}, no agent: P6Spy ({@code jdbc:p6spy:h2:...}, the
 * QueryLens module in {@code p6spy.config.modulelist}) feeds the same judgement.
 *
 * <p>Runs alone in surefire's {@code library-mode} execution, which sets those properties; the
 * default execution leaves it out.
 */
class LibraryModeTest {

  @Test
  void p6spyFeedsTheSameCountsAndFindingsWithoutAnAgent() {
    Examples counts = Examples.run(CountCases.ExactCounts.class);
    Examples nPlusOne = Examples.run(NPlusOneCases.class);

    assertThatThrownBy(() -> Class.forName(TestHooksBridge.CLASS_NAME, false, null))
        .as("no agent in this JVM")
        .isInstanceOf(ClassNotFoundException.class);
    counts.assertPassed("oneOfEachKind");
    assertThat(counts.message("selectBreach")).isEqualTo(Examples.expectedSelectBreachMessage());
    nPlusOne.assertPassed("joinFetch");
    assertThat(nPlusOne.message("lazyCustomersInALoop")).isEqualTo(Examples.expectedNPlusOneMessage());
  }

  @Test
  void inAutoModeARecordingLibraryModeIsUsedInsteadOfAttachingTheAgent() throws Exception {
    Examples.run(CountCases.ExactCounts.class); // P6Spy has started the library mode by now
    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();

    TestHooksBridge hooks = RecorderConnection.connect(Mode.AUTO, name -> null,
        new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(hooks.isActive()).isTrue();
    assertThat(said.toString(java.nio.charset.StandardCharsets.UTF_8)).as("no attach line").isEmpty();
    assertThatThrownBy(() -> Class.forName(TestHooksBridge.CLASS_NAME, false, null))
        .as("still no agent in this JVM")
        .isInstanceOf(ClassNotFoundException.class);
  }
}
