package io.querylens.agent.config;

import static io.querylens.agent.config.ConfigFixture.withArgs;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code parameterMask}: how much of a captured bind value reports show. */
class ParameterMaskOptionTest {

  @Test
  void theDefaultMaskIsPartialAndCaptureIsOff() {
    AgentConfig config = AgentConfig.defaults();

    assertThat(config.captureParameters()).isFalse();
    assertThat(config.parameterMask()).isEqualTo(ParameterMask.PARTIAL);
  }

  @ParameterizedTest
  @CsvSource({"partial, PARTIAL", "type, TYPE", "none, NONE", "NONE, NONE", "' Type ', TYPE"})
  void eachMaskIsAcceptedInAnyCase(String text, ParameterMask expected) {
    ConfigFixture sources = withArgs("parameterMask=" + text);

    assertThat(sources.load().parameterMask()).isEqualTo(expected);
    assertThat(sources.warnings).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"full", "masked", "off", ""})
  void anythingElseIsRejectedWithTheChoicesAndFallsBackToPartial(String text) {
    ConfigFixture sources = withArgs("parameterMask=" + text);

    assertThat(sources.load().parameterMask()).isEqualTo(ParameterMask.PARTIAL);
    assertThat(sources.warnings)
        .containsExactly(
            "querylens: ignoring option parameterMask=" + text
                + " (from the agent argument): expected partial, type or none; using the default partial");
  }
}
