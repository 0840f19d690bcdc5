package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprinterTest {

  private static String text(String sql) {
    return Fingerprinter.normalize(sql).text();
  }

  private static String fingerprint(String sql) {
    return Fingerprinter.normalize(sql).fingerprint();
  }

  @Nested
  class Literals {

    @Test
    void stringLiteralsBecomePlaceholders() {
      assertThat(text("select * from t where name = 'Bob' and nick = 'O''Brien'"))
          .isEqualTo("select * from t where name = ? and nick = ?");
    }

    @Test
    void integersDecimalsAndExponentsBecomePlaceholders() {
      assertThat(text("select 42, 3.14, .5, 1., 1e-3, 2.5E+10, 1_000 from t"))
          .isEqualTo("select ?, ?, ?, ?, ?, ?, ? from t");
    }

    @Test
    void aSignedNumberIsOneLiteral() {
      assertThat(text("select * from t where x = -5 and y=+2 and z in (-1, 2) and w >= -0.5"))
          .isEqualTo("select * from t where x = ? and y = ? and z in (?+) and w >= ?");
    }

    @Test
    void aMinusBetweenOperandsStaysAnOperator() {
      assertThat(text("select a-5, a - 5, a -5, 1-1 from t"))
          .isEqualTo("select a - ?, a - ?, a - ?, ? - ? from t");
    }

    @Test
    void aSignGluedToAComparisonSplitsOff() {
      assertThat(text("select * from t where x=-1 and y!=-1 and z<-1"))
          .isEqualTo("select * from t where x = ? and y != ? and z < ?");
    }

    @Test
    void hexLiteralsInBothSpellingsBecomePlaceholders() {
      assertThat(text("select 0x1F, 0XAB, X'1f', x'ab', B'101', 0b101 from t"))
          .isEqualTo("select ?, ?, ?, ?, ?, ? from t");
    }

    @Test
    void booleansAndNullAreValues() {
      assertThat(text("update t set a = TRUE, b = false, c = NULL where d = null"))
          .isEqualTo("update t set a = ?, b = ?, c = ? where d = ?");
    }

    @Test
    void isNullAndIsNotNullStayPredicates() {
      assertThat(text("select * from t where a IS NULL and b is not NULL and c IS TRUE"))
          .isEqualTo("select * from t where a is null and b is not null and c is true");
    }

    @Test
    void notNullConstraintsStayKeywords() {
      assertThat(text("create table t (id int NOT NULL, name varchar(20) DEFAULT NULL)"))
          .isEqualTo("create table t(id int not null, name varchar(?+) default ?)");
    }

    @Test
    void escapeStringsWithEscapedQuotesAreOneLiteral() {
      assertThat(text("select E'it\\'s', e'a\\\\', E'x''y' from t"))
          .isEqualTo("select ?, ?, ? from t");
    }

    @Test
    void dollarQuotedStringsMayHoldSemicolonsAndQuotes() {
      NormalizedSql sql =
          Fingerprinter.normalize(
              "select $$it's; here$$, $body$ don't; $x$ stop $body$ from t; select 2");
      assertThat(sql.statements()).containsExactly("select ?, ? from t", "select ?");
    }

    @Test
    void prefixedStringsBecomePlaceholders() {
      assertThat(text("select N'abc', U&'d\\0061t', _utf8mb4'x', q'[it's]', nq'{a}' from t"))
          .isEqualTo("select ?, ?, ?, ?, ? from t");
    }

    @Test
    void typedLiteralsKeepTheirTypeName() {
      assertThat(text("select * from t where d > DATE '2024-01-01' + INTERVAL '1 day'"))
          .isEqualTo("select * from t where d > date ? + interval ?");
    }

    @Test
    void digitsInsideIdentifiersStay() {
      assertThat(text("select t1.col2, c1_0.id from t1 join x2y on 1=1"))
          .isEqualTo("select t1.col2, c1_0.id from t1 join x2y on ? = ?");
    }

    @Test
    void mysqlBackslashEscapedQuotesDoNotEndTheString() {
      assertThat(text("select * from t where a = 'it\\'s' and b = 'x'"))
          .isEqualTo("select * from t where a = ? and b = ?");
    }

    @Test
    void onMySqlAndMariaDbDoubleQuotesHoldAStringAndItsValueGoes() {
      String sql = "select id from customer where email = \"jo@example.com\" and \"name\" <> 'x'";
      for (String dbSystem : new String[] {"mysql", "mariadb"}) {
        NormalizedSql normalized = Fingerprinter.normalize(sql, dbSystem);
        assertThat(normalized.text()).as(dbSystem)
            .isEqualTo("select id from customer where email = ? and ? <> ?")
            .doesNotContain("jo@example.com");
      }
      // Elsewhere, as in standard SQL, they quote an identifier, which stays.
      assertThat(Fingerprinter.normalize(sql, "postgresql").text())
          .isEqualTo("select id from customer where email = \"jo@example.com\" and \"name\" <> ?");
      assertThat(Fingerprinter.normalize(sql, null).text()).isEqualTo(Fingerprinter.normalize(sql).text());
    }

    @Test
    void onMySqlABackslashEscapesTheQuoteAfterIt() {
      // MySQL reads one string from 'x\' to the end: the quote after the backslash does not close it.
      assertThat(Fingerprinter.normalize("select * from t where a = 'x\\' or b = \"y\"", "mysql").text())
          .isEqualTo("select * from t where a = ?");
      assertThat(Fingerprinter.normalize("select * from t where a = 'x\\\\' or b = \"y\"", "mysql").text())
          .isEqualTo("select * from t where a = ? or b = ?");
    }

    @Test
    void aStandardStringEndingInABackslashEndsAtItsQuote() {
      assertThat(text("select * from t where path = 'C:\\' and b = 'x'"))
          .isEqualTo("select * from t where path = ? and b = ?");
    }
  }

  @Nested
  class BindMarkers {

    @Test
    void allMarkerStylesBecomeTheSamePlaceholder() {
      assertThat(text("select * from t where a = ? and b = $1 and c = :name and d = :1"))
          .isEqualTo("select * from t where a = ? and b = ? and c = ? and d = ?");
    }

    @Test
    void postgresCastsAndAssignmentsAreNotMarkers() {
      assertThat(text("select x::int, y::text[], '{}'::jsonb from t where @v := 1"))
          .isEqualTo("select x::int, y::text[], ?::jsonb from t where @v := ?");
    }

    @Test
    void sliceColonsInsideSubscriptsAreNotMarkers() {
      assertThat(text("select a[1:2], a[lo:hi] from t")).isEqualTo("select a[?:?], a[lo:hi] from t");
    }

    @Test
    void pgjdbcEscapedQuestionMarkOperatorsStayOperators() {
      assertThat(text("select * from t where j ?? 'k' and j ??| array['a']"))
          .isEqualTo("select * from t where j ?? ? and j ??| array[?+]");
    }

    @Test
    void jsonOperatorsSurvive() {
      assertThat(text("select j->>'a', j->'b', j#>'{c}', j#>>'{d}', j @> '{}' from t"))
          .isEqualTo("select j ->> ?, j -> ?, j #> ?, j #>> ?, j @> ? from t");
    }
  }

  @Nested
  class Lists {

    @Test
    void inListsOfAnyLengthShareAFingerprint() {
      String one = fingerprint("select * from t where id in (1)");
      assertThat(fingerprint("select * from t where id in (1, 2)")).isEqualTo(one);
      assertThat(fingerprint("select * from t where id in (1, 2, 3)")).isEqualTo(one);
      assertThat(fingerprint("select * from t where id in (" + numbers(100) + ")")).isEqualTo(one);
      assertThat(fingerprint("select * from t where id IN(?,?,?,?,?,?,?,?)")).isEqualTo(one);
      assertThat(text("select * from t where id in (1)"))
          .isEqualTo("select * from t where id in (?+)");
    }

    @Test
    void multiRowValuesShareAFingerprintWithOneRow() {
      String oneRow = "insert into t (a, b) values (?, ?)";
      String fiftyRows =
          "insert into t (a, b) values "
              + IntStream.range(0, 50)
                  .mapToObj(i -> "(" + i + ", 'v" + i + "')")
                  .collect(Collectors.joining(","));
      assertThat(fingerprint(fiftyRows)).isEqualTo(fingerprint(oneRow));
      assertThat(text(fiftyRows)).isEqualTo("insert into t(a, b) values (?+)");
    }

    @Test
    void arrayConstructorsCollapse() {
      assertThat(text("select ARRAY[1, 2, 3], array[?]")).isEqualTo("select array[?+], array[?+]");
    }

    @Test
    void listsHoldingExpressionsAreKept() {
      assertThat(text("select * from t where id in (1, a, 2) and f(x, 1) > 0"))
          .isEqualTo("select * from t where id in (?, a, ?) and f(x, ?) > ?");
    }

    @Test
    void rowValueInListsOfAnyLengthShareAFingerprint() {
      assertThat(fingerprint("select * from t where (a, b) in ((1, 2), (3, 4), (5, 6))"))
          .isEqualTo(fingerprint("select * from t where (a, b) in ((?, ?))"));
    }

    @Test
    void emptyParenthesesStayEmpty() {
      assertThat(text("select now(), f( ) from t")).isEqualTo("select now(), f() from t");
    }
  }

  @Nested
  class Comments {

    @Test
    void leadingAndTrailingCommentsAreDropped() {
      assertThat(text("/* leading */ select 1 -- trailing")).isEqualTo("select ?");
      assertThat(text("-- first line\nselect 1 /* end */")).isEqualTo("select ?");
    }

    @Test
    void mysqlHashCommentsAreDroppedWithoutBreakingPostgresOperators() {
      assertThat(text("# note\nselect j #> '{a}', 1 # trailing")).isEqualTo("select j #> ?, ?");
    }

    @Test
    void nestedBlockCommentsAreDroppedWhole() {
      assertThat(text("select /* a /* b */ still comment */ 1")).isEqualTo("select ?");
    }

    @Test
    void mysqlVersionCommentsAndHintsAreDropped() {
      assertThat(text("select /*+ INDEX(t i) */ a from t /*!50000 where 1 */"))
          .isEqualTo("select a from t");
    }

    @Test
    void sqlcommenterAttributesAreExtractedAndDecoded() {
      NormalizedSql sql =
          Fingerprinter.normalize(
              "select * from t /*action='list',controller='users',"
                  + "route='%2Fusers%2F%7Bid%7D',traceparent='00-4bf9-00f0-01',db_driver='pg%20jdbc'*/");
      assertThat(sql.text()).isEqualTo("select * from t");
      assertThat(sql.attributes())
          .containsExactly(
              Map.entry("action", "list"),
              Map.entry("controller", "users"),
              Map.entry("route", "/users/{id}"),
              Map.entry("traceparent", "00-4bf9-00f0-01"),
              Map.entry("db_driver", "pg jdbc"));
    }

    @Test
    void sqlcommenterValuesMayContainEscapedQuotes() {
      assertThat(Fingerprinter.normalize("select 1 /*k='it\\'s'*/").attributes())
          .containsExactly(Map.entry("k", "it's"));
    }

    @Test
    void ordinaryCommentsYieldNoAttributes() {
      NormalizedSql sql = Fingerprinter.normalize("/* see key='x' here */ select 1 -- a='b'");
      assertThat(sql.attributes()).isEmpty();
    }

    @Test
    void attributesAreUnmodifiable() {
      Map<String, String> attributes = Fingerprinter.normalize("select 1 /*a='b'*/").attributes();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> attributes.put("c", "d"))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Identifiers {

    @Test
    void unquotedWordsAreLowercasedAndQuotedOnesKeptAsWritten() {
      assertThat(text("SELECT \"Name\", `Tick`, [Order Details].[Qty], Plain FROM \"MySchema\".Tbl"))
          .isEqualTo("select \"Name\", `Tick`, [Order Details].[Qty], plain from \"MySchema\".tbl");
    }

    @Test
    void sqlServerTempTablesAndMysqlVariablesAreNames() {
      assertThat(text("SELECT @Var, @@VERSION FROM #Temp JOIN ##Global g ON 1 = 1"))
          .isEqualTo("select @var, @@version from #temp join ##global g on ? = ?");
    }

    @Test
    void anUnterminatedQuotedIdentifierIsOpaque() {
      assertThat(text("select \"a, 'SECRET' from t")).isEqualTo("select ?");
      assertThat(text("select [a, 'SECRET' from t")).isEqualTo("select [a, ? from t");
    }

    @Test
    void bracketsAroundLiteralsAreNotIdentifiers() {
      assertThat(text("select x from t where a = [ 'SECRET' ] or b = [ $$SECRET$$ ]"))
          .isEqualTo("select x from t where a = [?+] or b = [?+]");
    }

    @Test
    void doubleQuotesAreStringsOnceTheStatementReadsAsMysql() {
      assertThat(text("select * from t where a = 'it\\'s' and b = \"SECRET\""))
          .isEqualTo("select * from t where a = ? and b = ?");
    }

    @Test
    void aSecondMysqlEscapedQuoteRevealsTheDialect() {
      assertThat(text("select 'x\\' SECRET', 'y\\' z' from t")).isEqualTo("select ?, ? from t");
    }

    @Test
    void doubledQuotesInsideQuotedIdentifiersDoNotEndThem() {
      assertThat(text("select \"a\"\"b\" from t")).isEqualTo("select \"a\"\"b\" from t");
    }

    @Test
    void spacingAndCaseDoNotChangeTheText() {
      assertThat(text("select a,b from t where x=1"))
          .isEqualTo(text("SELECT a , b\n\tFROM t   WHERE x = 1"))
          .isEqualTo("select a, b from t where x = ?");
    }

    @Test
    void functionCallsHugTheirParenthesesWhileKeywordsDoNot() {
      assertThat(text("select COUNT (*), max( x ) from t where exists(select 1)"))
          .isEqualTo("select count(*), max(x) from t where exists (select ?)");
    }
  }

  @Nested
  class Statements {

    @Test
    void topLevelSemicolonsSplitStatements() {
      NormalizedSql sql = Fingerprinter.normalize("select 1; update t set a = 2;; delete from t;");
      assertThat(sql.statements())
          .containsExactly("select ?", "update t set a = ?", "delete from t");
      assertThat(sql.text()).isEqualTo("select ?; update t set a = ?; delete from t");
      assertThat(sql.operation()).isEqualTo("SELECT");
    }

    @Test
    void semicolonsInsideStringsAndCommentsDoNotSplit() {
      NormalizedSql sql =
          Fingerprinter.normalize("select 'a;b', \"c;d\" /* ; */ from t -- ;\n where x = ';'");
      assertThat(sql.statements()).containsExactly("select ?, \"c;d\" from t where x = ?");
    }

    @Test
    void aTrailingSemicolonIsDropped() {
      assertThat(Fingerprinter.normalize("select 1;").statements()).containsExactly("select ?");
      assertThat(fingerprint("select 1;")).isEqualTo(fingerprint("select 1"));
    }

    @Test
    void nullEmptyAndCommentOnlyInputsGiveAnEmptyResult() {
      for (String sql : new String[] {null, "", "  ", "-- nothing", "/* x='y' */ ;"}) {
        NormalizedSql normalized = Fingerprinter.normalize(sql);
        assertThat(normalized.text()).isEmpty();
        assertThat(normalized.statements()).isEmpty();
        assertThat(normalized.operation()).isEqualTo("UNKNOWN");
        assertThat(normalized.lockClause()).isNull();
      }
    }
  }

  @Nested
  class JdbcEscapes {

    @Test
    void callEscapesKeepTheirShape() {
      assertThat(text("{call proc(?, 'x')}")).isEqualTo("{call proc(?+)}");
      assertThat(text("{? = call f(?)}")).isEqualTo("{? = call f(?+)}");
    }

    @Test
    void dateAndTimestampEscapesLoseTheirLiteral() {
      assertThat(text("select * from t where d = {d '2024-01-31'} and ts < {ts '2024-01-31 10:00:00'}"))
          .isEqualTo("select * from t where d = {d ?} and ts < {ts ?}");
    }
  }

  @Test
  void hibernateSixSqlIsNormalized() {
    assertThat(text("select c1_0.id,c1_0.name from customer c1_0 where c1_0.id=?"))
        .isEqualTo("select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?");
    assertThat(
            text(
                "insert into orders (customer_id,total,id) values (?,?,?)"))
        .isEqualTo("insert into orders(customer_id, total, id) values (?+)");
    assertThat(
            text(
                "select o1_0.id,o1_0.total from orders o1_0 where o1_0.customer_id in (?,?,?,?,?,?,?,?)"
                    + " order by o1_0.id offset ? rows fetch first ? rows only"))
        .isEqualTo(
            "select o1_0.id, o1_0.total from orders o1_0 where o1_0.customer_id in (?+)"
                + " order by o1_0.id offset ? rows fetch first ? rows only");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT 1 | SELECT",
        "insert into t values (1) | INSERT",
        "Update t set a = 1 | UPDATE",
        "delete from t | DELETE",
        "merge into t using s on (t.id = s.id) when matched then update set a = 1 | MERGE",
        "upsert into t values (1) | UPSERT",
        "replace into t values (1) | REPLACE",
        "{call p(?)} | CALL",
        "{? = call f(?)} | CALL",
        "call p(1) | CALL",
        "with x as (select 1) select * from x | SELECT",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r | SELECT",
        "with x as (select id from s) insert into t select * from x | INSERT",
        "with x as (delete from s returning *) update t set a = 1 | UPDATE",
        "with x as (select 1) | SELECT",
        "create table t (id int) | CREATE",
        "alter table t add column c int | ALTER",
        "drop table t | DROP",
        "truncate table t | TRUNCATE",
        "set search_path to public | SET",
        "begin | BEGIN",
        "commit | COMMIT",
        "rollback | ROLLBACK",
        "show tables | SHOW",
        "explain select 1 | EXPLAIN",
        "values (1), (2) | VALUES",
        "(select 1) union (select 2) | SELECT",
      })
  void operationIsTheFirstKeyword(String sql, String operation) {
    assertThat(Fingerprinter.normalize(sql).operation()).isEqualTo(operation);
  }

  @Test
  void operationSkipsCommentsAndIsUnknownWithoutALeadingWord() {
    assertThat(Fingerprinter.normalize("/* c */ -- d\n  select 1").operation()).isEqualTo("SELECT");
    assertThat(Fingerprinter.normalize("?").operation()).isEqualTo("UNKNOWN");
    assertThat(Fingerprinter.normalize("'just a string'").operation()).isEqualTo("UNKNOWN");
    assertThat(Fingerprinter.normalize("\"quoted\" x").operation()).isEqualTo("UNKNOWN");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "select * from t where id = ? for update | FOR UPDATE",
        "select * from t FOR UPDATE OF t NOWAIT | FOR UPDATE",
        "select * from t for no key update skip locked | FOR NO KEY UPDATE",
        "select * from t for share | FOR SHARE",
        "select * from t for key share | FOR KEY SHARE",
        "select * from t where id = 1 lock in share mode | LOCK IN SHARE MODE",
        "select * from t | null",
        "select 'for update' from t | null",
        "update t set x = 1 | null",
      })
  void lockClauseIsRecognized(String sql, String clause) {
    assertThat(Fingerprinter.normalize(sql).lockClause()).isEqualTo(clause);
  }

  @Nested
  class Robustness {

    @Test
    void aFiveMegabyteInListNormalizesLikeAThreeElementList() {
      String big = "select * from t where id in (" + numbers(700_000) + ")";
      assertThat(big.length()).isGreaterThan(5_000_000);
      NormalizedSql normalized =
          assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Fingerprinter.normalize(big));
      assertThat(normalized.fingerprint())
          .isEqualTo(fingerprint("select * from t where id in (1, 2, 3)"));
    }

    @Test
    void deeplyNestedParenthesesDoNotOverflowTheStack() {
      String nested = "select " + "(".repeat(100_000) + "1" + ")".repeat(100_000);
      NormalizedSql normalized = Fingerprinter.normalize(nested);
      assertThat(normalized.text())
          .startsWith("select ((((")
          .contains("(?+)")
          .hasSize("select ".length() + 2 * 100_000 + 2);
      assertThat(Fingerprinter.normalize("select " + "(".repeat(100_000)).text())
          .hasSize("select ".length() + 100_000);
    }

    @Test
    void aMillionCharacterUnterminatedStringConsumesTheRest() {
      assertThat(text("select '" + "x".repeat(1_000_000))).isEqualTo("select ?");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "select 'abc", "select \"abc", "select /* abc", "select $$abc", "select $t$abc$t",
          "select `abc", "select [abc", "select E'abc\\", "select q'[abc", "select x'", ")))", "((",
          "'", "$", ":", "?", "{", "}", "]", "--", "/*", "#", "U&", "0x", "1e", "1.", "-", "@",
          "\\", "select ;;; 1", "\u0000\uffff\ud800"
        })
    void malformedInputNeverThrows(String sql) {
      NormalizedSql normalized = Fingerprinter.normalize(sql);
      assertThat(normalized.fingerprint()).hasSize(16);
      assertThat(normalized.operation()).isNotNull();
    }
  }

  @Test
  void theFingerprintIsStableFnv1aOfTheText() {
    // Pinned: if this changes, every stored fingerprint and dashboard changes with it.
    NormalizedSql sql = Fingerprinter.normalize("SELECT c1_0.id,c1_0.name FROM customer c1_0 WHERE c1_0.id=42");
    assertThat(sql.text()).isEqualTo("select c1_0.id, c1_0.name from customer c1_0 where c1_0.id = ?");
    assertThat(sql.fingerprint()).isEqualTo("978368ea0435cf5b");
    assertThat(Fingerprinter.normalize("").fingerprint()).isEqualTo("cbf29ce484222325");
  }

  @Test
  void equalityFollowsTheText() {
    NormalizedSql a = Fingerprinter.normalize("select 1");
    NormalizedSql b = Fingerprinter.normalize("SELECT   2");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("select ?");
    assertThat(a).isNotEqualTo(Fingerprinter.normalize("select 1 from t"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select * from users where password = 'SECRET-123'",
        "select * from users where password = E'SECRET-123\\'s'",
        "select * from users where password = 'it\\'s SECRET-123'",
        "select * from users where a = 'it\\'s' and password = 'SECRET-123'",
        "select * from users where a = 'C:\\' and password = 'SECRET-123'",
        "select * from users where password = $$SECRET-123$$",
        "select * from users where password = $pw$SECRET-123$pw$",
        "insert into users values (N'SECRET-123', X'5345435245542D313233', q'[SECRET-123]')",
        "select * from users where password = U&'SECRET-123' and b = _latin1'SECRET-123'",
        "select * from users where password = 'SECRET-123",
        "select * from users /* SECRET-123 */ -- SECRET-123\n",
        "select * from users where x = {ts 'SECRET-123'} and y = {d 'SECRET-123'}",
        "select 'SECRET-123'; select 'SECRET-123'",
        "update t set a = 'SECRET-123' where b in ('SECRET-123', 'SECRET-123')",
        "select 'a''SECRET-123''b', 'x' 'SECRET-123'",
        "select * from t where id = 987654321 and code = 123456789012",
      })
  void noLiteralTextEverReachesTheOutput(String sql) {
    String text = text(sql);
    assertThat(text).doesNotContainIgnoringCase("SECRET").doesNotContain("123");
    assertThat(text).doesNotContain("987654321");
  }

  private static String numbers(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(", "));
  }
}
