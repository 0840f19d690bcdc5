package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuerySummaryTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "select o.id, o.total from orders o where o.id = 42 | SELECT orders",
      "SELECT * FROM Public.\"Orders\" WHERE id IN (1, 2, 3) | SELECT public.orders",
      "select count(*) from (select id from orders) x | SELECT",
      "select c.name, (select max(total) from orders where customer_id = c.id) from customers c | SELECT customers",
      "with recent as (select * from orders where day > ?) select * from recent join customers on 1=1 | SELECT recent",
      "select 1 | SELECT",
      "select nextval('order_seq') | SELECT",
      "insert into order_lines (order_id, product_id) values (?, ?) | INSERT order_lines",
      "INSERT IGNORE INTO `stock` (id) VALUES (1) | INSERT stock",
      "update only stock set quantity = quantity - 1 where product_id = ? | UPDATE stock",
      "update low_priority stock set quantity = 0 | UPDATE stock",
      "delete from sessions where expires < now() | DELETE sessions",
      "merge into stock s using dual on (s.id = 1) when matched then update set q = 1 | MERGE stock",
      "select * from orders for update | SELECT orders",
      "select * from [dbo].[Orders] | SELECT dbo.orders",
      "begin | BEGIN",
      "{call refresh_totals(?)} | CALL",
  })
  void summarizesOperationAndMainTable(String sql, String summary) {
    assertThat(QuerySummary.of(Fingerprinter.normalize(sql))).isEqualTo(summary);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select * from customers where email = 'secret@example.com'",
      "update stock set note = 'qlsecret' where id = 7",
  })
  void neverHoldsALiteral(String sql) {
    String summary = QuerySummary.of(Fingerprinter.normalize(sql));
    assertThat(summary).doesNotContain("secret").doesNotContain("7").doesNotContain("'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"select * from", "select * from (", "insert into", "update"})
  void toleratesTruncatedStatements(String sql) {
    assertThat(QuerySummary.of(Fingerprinter.normalize(sql))).isNotBlank();
  }

  @org.junit.jupiter.api.Test
  void cutsVeryLongTableNames() {
    String table = "t".repeat(500);
    assertThat(QuerySummary.of(Fingerprinter.normalize("select * from " + table)))
        .hasSize("SELECT ".length() + QuerySummary.MAX_TABLE_CHARS);
  }
}
