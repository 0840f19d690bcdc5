package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementShapeTest {

  private static StatementShape shape(String sql) {
    return StatementShape.of(sql, Fingerprinter.normalize(sql));
  }

  // select, write, readsTable

  @Test
  void aSelectWithFromIsAQueryThatReadsATable() {
    StatementShape shape = shape("select * from owners where id = ?");

    assertThat(shape.select()).isTrue();
    assertThat(shape.readsTable()).isTrue();
    assertThat(shape.write()).isFalse();
  }

  @Test
  void aSelectWithoutFromReadsNoTable() {
    StatementShape shape = shape("select 1");

    assertThat(shape.select()).isTrue();
    assertThat(shape.readsTable()).isFalse();
  }

  @Test
  void aWithQueryThatOnlyReadsIsASelect() {
    StatementShape shape = shape("with recent as (select * from visits where pet_id = ?) select * from recent");

    assertThat(shape.select()).isTrue();
    assertThat(shape.readsTable()).isTrue();
    assertThat(shape.write()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "insert into owners (id, name) values (?, ?)",
      "update owners set name = ? where id = ?",
      "delete from owners where id = ?",
      "merge into owners o using staged s on (o.id = s.id) when matched then update set name = s.name",
      "with staged as (select id from imports) insert into owners select * from staged"})
  void insertUpdateDeleteAndMergeAreWritesThatReadNoTable(String sql) {
    StatementShape shape = shape(sql);

    assertThat(shape.write()).isTrue();
    assertThat(shape.select()).isFalse();
    assertThat(shape.readsTable()).isFalse();
  }

  @Test
  void aWithQueryWhoseCommonTableExpressionWritesIsNotASelect() {
    StatementShape shape = shape("with gone as (delete from visits where pet_id = ? returning *) select * from gone");

    assertThat(shape.select()).isFalse();
    assertThat(shape.readsTable()).isFalse();
  }

  @Test
  void unreadableSqlHasTheUnknownShape() {
    StatementShape shape = shape("");

    assertThat(shape.select()).isFalse();
    assertThat(shape.write()).isFalse();
    assertThat(shape.multiKey()).isFalse();
    assertThat(shape.multiRow()).isFalse();
    assertThat(shape.paging()).isFalse();
    assertThat(shape.sequenceFetch()).isFalse();
    assertThat(shape.readsTable()).isFalse();
  }

  // multiKey

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from pets where owner_id in (?, ?)",
      "SELECT * FROM pets WHERE owner_id IN(?,?,?)",
      "select * from pets where owner_id in (\n  ?,\n  ?\n)",
      "select * from pets where owner_id in (1, 2, 3)",
      "select * from pets where owner_id in (-1, 2.5)",
      "delete from pets where id in (?, ?)",
      "select * from pets where (owner_id, kind) in ((?, ?), (?, ?))"})
  void anInListOfTwoOrMoreBindMarkersOrNumbersFetchesManyKeys(String sql) {
    assertThat(shape(sql).multiKey()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from pets where owner_id in (?)",
      "select * from visits where pet_id = ? and status in (1, 2)",
      "select * from pets where type in ('cat', 'dog')",
      "select * from pets where owner_id in (select id from owners where city = ?)",
      "select * from pets where owner_id = ?",
      "select * from pets where name = 'in (?, ?)' and owner_id = ?",
      "select * from pets where owner_id = ? -- in (?, ?)",
      "select * from pets /* owner_id in (1, 2) */ where owner_id = ?",
      "select * from pets where \"in (?, ?)\" = ?",
      "select * from pets where owner_id in (?, ?"})
  void aSingleKeyTextOrAQuotedOrCommentedInListIsNotAMultiKeyFetch(String sql) {
    assertThat(shape(sql).multiKey()).isFalse();
  }

  @Test
  void aListAfterAWordEndingInInIsNotAnInList() {
    assertThat(shape("select * from pets where owner_id = ? and fn_in (?, ?) > ?").multiKey()).isFalse();
  }

  // multiRow

  @Test
  void aValuesListOfTwoOrMoreRowsWritesManyRows() {
    assertThat(shape("insert into pets (id, name) values (?, ?), (?, ?)").multiRow()).isTrue();
    assertThat(shape("INSERT INTO pets (id, name) VALUES(?,?),(?,?),(?,?)").multiRow()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "insert into pets (id, name) values (?, ?)",
      "insert into pets (id, name) values (?, '), (')",
      "insert into pets (id, name) values (?, ?) on conflict (id) do nothing",
      "insert into pets (id, name) select id, name from staged_pets"})
  void aSingleRowIsNotAMultiRowWrite(String sql) {
    assertThat(shape(sql).multiRow()).isFalse();
  }

  // paging

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from pets order by id limit ? offset ?",
      "select * from pets order by id offset ? rows fetch next ? rows only",
      "select * from pets where id > ? order by id limit ?",
      "select * from pets where id > ? order by id fetch first ? rows only",
      "select * from pets where id < ? order by id desc fetch next ? rows only",
      "select * from pets where (name, id) > (?, ?) order by name, id limit ?",
      "select top 20 * from pets where id > ? order by id"})
  void anOffsetOrAKeysetLimitReadsAPage(String sql) {
    assertThat(shape(sql).paging()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select * from pets where owner_id = ? fetch first ? rows only",
      "select * from pets where owner_id = ? order by id limit ?",
      "select * from pets where id > ? limit ?",
      "select * from pets where owner_id = ?"})
  void aLimitWithoutAnOrderedRangeIsNotPaging(String sql) {
    assertThat(shape(sql).paging()).isFalse();
  }

  @Test
  void onlyQueriesPage() {
    assertThat(shape("delete from pets where id > ? order by id limit ?").paging()).isFalse();
  }

  @Test
  void mysqlsLimitWithAnOffsetReadsAPage() {
    assertThat(shape("select * from pets order by id limit ?, ?").paging()).isTrue();
  }

  // sequenceFetch

  @ParameterizedTest
  @ValueSource(strings = {
      "select nextval('owner_seq')",
      "select next value for owner_seq",
      "select owner_seq.nextval from dual",
      "values next value for owner_seq",
      "call next value for owner_seq"})
  void drawingASequenceValueIsASequenceFetchThatReadsNoTable(String sql) {
    StatementShape shape = shape(sql);

    assertThat(shape.sequenceFetch()).isTrue();
    assertThat(shape.readsTable()).isFalse();
  }

  @Test
  void aSequenceFetchWithFromStillReadsNoTable() {
    StatementShape shape = shape("select nextval('owner_seq') from generate_series(1, ?)");

    assertThat(shape.select()).isTrue();
    assertThat(shape.sequenceFetch()).isTrue();
    assertThat(shape.readsTable()).isFalse();
  }

  @Test
  void callingASequenceIsNotASelect() {
    assertThat(shape("call next value for owner_seq").select()).isFalse();
  }

  @Test
  void aTableWhoseNameContainsNextvalIsNotASequenceFetch() {
    StatementShape shape = shape("select * from nextval_audit where owner_id = ?");

    assertThat(shape.sequenceFetch()).isFalse();
    assertThat(shape.readsTable()).isTrue();
  }

  @Test
  void aKeysetComparisonWrittenTheOtherWayRoundIsStillPaging() {
    assertThat(shape("select * from pets where ? < id order by id limit ?").paging()).isTrue();
  }

  @Test
  void aStoredProcedureCallMayWriteButIsNoWriteToBatch() {
    StatementShape call = shape("call archive_visits(?)");

    assertThat(call.mayWrite()).isTrue();
    assertThat(call.write()).isFalse();
    assertThat(shape("select * from pets where id = ?").mayWrite()).isFalse();
    assertThat(shape("update pets set name = ? where id = ?").mayWrite()).isTrue();
  }
}
