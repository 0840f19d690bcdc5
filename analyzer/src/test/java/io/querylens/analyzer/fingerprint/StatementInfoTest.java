package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementInfoTest {

  @Test
  void tablesAreSortedDeduplicatedAndUnmodifiable() {
    List<String> tables = new ArrayList<>(List.of("orders", "customers", "orders"));
    StatementInfo info = new StatementInfo("SELECT", tables, null, true);
    tables.add("later");

    assertThat(info.tables()).containsExactly("customers", "orders");
    assertThatThrownBy(() -> info.tables().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void lexerOnlyTakesOperationAndLockClauseFromTheLexer() {
    NormalizedSql lexed = Fingerprinter.normalize("SELECT * FROM t WHERE id = 1 FOR UPDATE");

    StatementInfo info = StatementInfo.lexerOnly(lexed);

    assertThat(info.parsed()).isFalse();
    assertThat(info.tables()).isEmpty();
    assertThat(info.operation()).isEqualTo(lexed.operation());
    assertThat(info.lockClause()).isEqualTo(lexed.lockClause());
  }
}
