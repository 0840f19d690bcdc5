package io.querylens.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteTargetsTest {

  @ParameterizedTest
  @CsvSource(nullValues = "none", delimiter = '|', value = {
    "update account set balance = balance - ? where id = ?|account",
    "insert into audit(who, what) values (?+)|audit",
    "delete from bank.account where id = ?|bank.account",
    "merge into account using dual on (id = ?)|account",
    "update \"Account\" set balance = ?|account",
    "select * from account where id = ?|none",
  })
  void theTableAWriteChangesIsReadFromItsText(String statement, String table) {
    assertThat(WriteTargets.tableWritten(statement)).isEqualTo(table);
  }

  @Test
  void aStatementOnATableAnOpenTransactionWroteProbablyWaitsForIt() {
    List<String> written = List.of("select * from customer where id = ?", "update account set balance = ? where id = ?");

    assertThat(WriteTargets.conflict("update account set balance = balance + ? where id = ?", written)).isTrue();
    assertThat(WriteTargets.conflict("select a.id from account a where a.id = ? for update", written)).isTrue();
    assertThat(WriteTargets.conflict("update accounting set x = ?", written)).as("another table").isFalse();
    assertThat(WriteTargets.conflict("update customer set name = ?", written)).as("only read there").isFalse();
  }
}
