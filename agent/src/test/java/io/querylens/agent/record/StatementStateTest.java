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
    state.bind(299, -1, false);
    assertThat(state.parameterHash()).isNotEqualTo(all);
  }

  @Test
  void anArrayParameterMarksTheStatementAsMultiValued() {
    state.bind(1, 7, false);
    assertThat(state.multiValueParameter).isFalse();
    state.bind(2, 9, true);
    assertThat(state.multiValueParameter).isTrue();
  }
}
