package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementStateTest {

  private final StatementState state = new StatementState("select * from pet where owner_id = ? and kind = ?", null);

  @Test
  void noBoundParametersHashToZero() {
    assertThat(state.parameterHash()).isZero();
  }

  @Test
  void boundValuesStayInForceAcrossExecutionsUntilSetAgainAsJdbcSays() {
    state.bind(1, 7, false);
    state.bind(2, 1, false);
    long first = state.parameterHash();
    state.bind(2, 1, false); // only the second parameter set again, to the same value
    assertThat(state.parameterHash()).isEqualTo(first);

    state.bind(1, 8, false);
    assertThat(state.parameterHash()).isNotEqualTo(first);
    state.bind(1, 7, false);
    assertThat(state.parameterHash()).isEqualTo(first);
  }

  @Test
  void theSameValuesAtDifferentIndexesAreDifferentParameterSets() {
    state.bind(1, 7, false);
    state.bind(2, 8, false);
    long ordered = state.parameterHash();
    state.bind(1, 8, false);
    state.bind(2, 7, false);
    assertThat(state.parameterHash()).isNotEqualTo(ordered);
  }

  @Test
  void manyParametersAreAllCompared() {
    for (int i = 1; i <= 300; i++) {
      state.bind(i, i, false);
    }
    long all = state.parameterHash();
    for (int i = 1; i <= 300; i++) {
      state.bind(i, i, false);
    }
    assertThat(state.parameterHash()).as("the same 300 values again").isEqualTo(all);
    for (int i = 1; i <= 300; i++) {
      state.bind(i, i == 299 ? -1 : i, false);
    }
    assertThat(state.parameterHash()).as("one of the folded values differs").isNotEqualTo(all);
  }

  @Test
  void anArrayParameterMarksTheStatementAsMultiValuedUntilAScalarReplacesIt() {
    state.bind(1, 7, false);
    assertThat(state.multiValueParameter()).isFalse();
    state.bind(2, 9, true);
    assertThat(state.multiValueParameter()).isTrue();
    state.parameterHash();

    state.bind(2, 10, false);
    assertThat(state.multiValueParameter()).as("a statement reused with a scalar is no batch any more").isFalse();
  }
}
