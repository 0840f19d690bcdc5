package io.querylens.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querylens.analyzer.capture.CapturedQueries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.JUnitException;

class CapturedJsonTest {

  @Test
  void readsTheAgentsJson() {
    CapturedQueries captured = CapturedJson.parse("""
        {"schemaVersion":1,"statements":[{"statement":"select 1","fingerprint":"f","operation":"SELECT",
        "executions":2,"batchedExecutions":0,"failedExecutions":0,"totalMs":1.5,"maxMs":1.0,"later":true}],
        "findings":[{"type":"N_PLUS_ONE","severity":"ERROR","statement":"select 1","count":2,"totalMs":1.5,
        "callSite":{"className":"a.B","methodName":"c","fileName":"B.java","lineNumber":3},"stack":[],
        "parent":{"statement":"select 2","fingerprint":"g","rows":2},"suggestion":"s","occurrences":1,
        "firstSeen":"x","lastSeen":"y"}]}""");

    assertThat(captured.statements()).singleElement().satisfies(s -> assertThat(s.executions()).isEqualTo(2));
    assertThat(captured.findings()).singleElement()
        .satisfies(f -> assertThat(f.callSite()).hasToString("a.B.c(B.java:3)"));
  }

  @Test
  void refusesAnotherSchemaVersionNamingBoth() {
    assertThatThrownBy(() -> CapturedJson.parse("{\"schemaVersion\":2,\"statements\":{}}"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("QueryLens: the agent recorded the test in schema version 2, but this querylens-junit reads"
            + " schema version 1; use querylens-junit and querylens-agent of the same release");
  }

  @Test
  void refusesWhatIsNotJson() {
    assertThatThrownBy(() -> CapturedJson.parse("{"))
        .isInstanceOf(JUnitException.class)
        .hasMessageStartingWith("QueryLens could not read what the agent recorded: ");
  }
}
