package io.querylens.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryLensWithoutAgentTest {

  @Test
  void scopesAreInactiveAndHarmlessWithoutTheAgent() {
    assertThat(QueryLens.isAgentActive()).isFalse();
    try (QueryLensScope scope = QueryLens.scope("nightly-import")) {
      assertThat(scope.name()).isNull();
      scope.close(); // closing twice is allowed
    }
    try (QueryLensScope test = QueryLens.testScope("OwnerTest.lists()")) {
      assertThat(test.name()).isNull();
    }
  }

  @Test
  void aBlankNameIsRejectedWithTheReason() {
    assertThatThrownBy(() -> QueryLens.scope(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("QueryLens scope name must not be null or blank but was \" \"");
    assertThatThrownBy(() -> QueryLens.testScope(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("QueryLens test name must not be null or blank but was null");
  }
}
