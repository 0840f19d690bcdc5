package io.querylens.analyzer.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatementEnricherTest {
  private final StatementEnricher enricher = new StatementEnricher();

  @AfterEach
  void close() {
    enricher.close();
  }

  private StatementInfo enrich(String sql) {
    return enricher.enrich(sql, Fingerprinter.normalize(sql));
  }

  @Test
  void selectWithJoinsListsEveryTableSortedLowercasedAndQualifiedAsWritten() {
    StatementInfo info =
        enrich(
            "SELECT o.id FROM Orders o JOIN customers c ON c.id = o.customer_id"
                + " LEFT JOIN Sales.\"LineItems\" li ON li.order_id = o.id"
                + " JOIN customers c2 ON c2.id = o.referrer_id WHERE o.id = 42");

    assertThat(info.parsed()).isTrue();
    assertThat(info.operation()).isEqualTo("SELECT");
    assertThat(info.tables()).containsExactly("customers", "orders", "sales.\"LineItems\"");
    assertThat(info.lockClause()).isNull();
  }

  @Test
  void insertUpdateAndDeleteNameTheirTargetAndSourceTables() {
    StatementInfo insert =
        enrich("insert into orders (id, total) select id, total from staging_orders");
    StatementInfo update =
        enrich("UPDATE orders SET total = 0 WHERE id IN (SELECT order_id FROM refunds)");
    StatementInfo delete =
        enrich(
            "delete from order_lines where not exists (select 1 from orders o where o.id ="
                + " order_id)");

    assertThat(insert.operation()).isEqualTo("INSERT");
    assertThat(insert.tables()).containsExactly("orders", "staging_orders");
    assertThat(update.operation()).isEqualTo("UPDATE");
    assertThat(update.tables()).containsExactly("orders", "refunds");
    assertThat(delete.operation()).isEqualTo("DELETE");
    assertThat(delete.tables()).containsExactly("order_lines", "orders");
  }

  @Test
  void commonTableExpressionsAreNotTables() {
    StatementInfo info =
        enrich(
            "with recent as (select * from orders where created_at > ?)"
                + " select r.id, c.name from recent r join customers c on c.id = r.customer_id");

    assertThat(info.parsed()).isTrue();
    assertThat(info.operation()).isEqualTo("SELECT");
    assertThat(info.tables()).containsExactly("customers", "orders");
  }

  @Test
  void subqueriesInSelectListFromAndWhereAreFollowed() {
    StatementInfo info =
        enrich(
            "select (select count(*) from order_lines l where l.order_id = o.id) as n"
                + " from (select * from orders) o where o.customer_id in (select id from vip)");

    assertThat(info.tables()).containsExactly("order_lines", "orders", "vip");
  }

  @Test
  void lockClausesAndOperationKeepTheLexersValues() {
    for (String sql :
        List.of(
            "select * from accounts where id = ? for update",
            "select * from accounts where id = ? for share nowait",
            "select * from jobs where state = 'new' limit 10 for update skip locked",
            "select * from accounts where id = ? for no key update",
            "with x as (select id from a) insert into b select id from x")) {
      NormalizedSql lexed = Fingerprinter.normalize(sql);

      StatementInfo info = enricher.enrich(sql, lexed);

      assertThat(info.parsed()).as(sql).isTrue();
      assertThat(info.lockClause()).as(sql).isEqualTo(lexed.lockClause());
      assertThat(info.operation()).as(sql).isEqualTo(lexed.operation());
    }
  }

  @Test
  void withoutTheLexersViewLockClauseAndOperationComeFromTheSyntaxTree() {
    assertThat(enricher.enrich("select * from accounts where id = ? for update", null))
        .isEqualTo(new StatementInfo("SELECT", List.of("accounts"), "FOR UPDATE", true));
    assertThat(enricher.enrich("select * from a where id = ? for share nowait", null).lockClause())
        .isEqualTo("FOR SHARE");
    assertThat(enricher.enrich("select * from a limit 1 for update skip locked", null).lockClause())
        .isEqualTo("FOR UPDATE");
    assertThat(enricher.enrich("select * from a where id = ? for no key update", null).lockClause())
        .isEqualTo("FOR NO KEY UPDATE");
    assertThat(enricher.enrich("with x as (select id from a) insert into b select id from x", null))
        .isEqualTo(new StatementInfo("INSERT", List.of("a", "b"), null, true));
  }

  @Test
  void unparsableStatementFallsBackToTheLexer() {
    String sql = "select * from accounts where id = ? lock in share mode";
    NormalizedSql lexed = Fingerprinter.normalize(sql);

    StatementInfo info = enricher.enrich(sql, lexed);

    assertThat(info.parsed()).isFalse();
    assertThat(info.tables()).isEmpty();
    assertThat(info.operation()).isEqualTo(lexed.operation()).isEqualTo("SELECT");
    assertThat(info.lockClause()).isEqualTo(lexed.lockClause());
  }

  @Test
  void garbageNeverThrows() {
    assertThat(enrich("selec * frm").parsed()).isFalse();
    assertThat(enricher.enrich("", Fingerprinter.normalize("select 1")).parsed()).isFalse();
    assertThat(enricher.enrich(null, Fingerprinter.normalize("select 1")).parsed()).isFalse();
    assertThat(enricher.enrich("select 1", null))
        .isEqualTo(new StatementInfo("SELECT", List.of(), null, true));
    // Parses, but TablesNamesFinder does not support CALL: parsed, tables unknown.
    StatementInfo call = enrich("call refresh_totals(?)");
    assertThat(call.parsed()).isTrue();
    assertThat(call.tables()).isEmpty();
  }

  @Test
  void statementsOverTheSizeCapAreNotParsed() {
    try (StatementEnricher small = new StatementEnricher(40, Duration.ofSeconds(2))) {
      String shortSql = "select id from orders";
      String longSql = "select id, name, email, created_at from customers where id = ?";

      assertThat(small.enrich(shortSql, Fingerprinter.normalize(shortSql)).parsed()).isTrue();
      StatementInfo skipped = small.enrich(longSql, Fingerprinter.normalize(longSql));
      assertThat(skipped.parsed()).isFalse();
      assertThat(skipped.operation()).isEqualTo("SELECT");
      assertThat(skipped.tables()).isEmpty();
    }
  }

  @Test
  void aParseThatTakesTooLongIsAbandoned() {
    StringBuilder sql = new StringBuilder("select ");
    for (int i = 0; i < 3_000; i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("case when c")
          .append(i)
          .append(" > 1 then (c")
          .append(i)
          .append(" + 2) * 3 else c")
          .append(i)
          .append(" end");
    }
    sql.append(" from wide_table");
    try (StatementEnricher hasty = new StatementEnricher(1_000_000, Duration.ofMillis(1))) {
      long start = System.nanoTime();
      StatementInfo info = hasty.enrich(sql.toString(), Fingerprinter.normalize(sql.toString()));

      assertThat(info.parsed()).isFalse();
      assertThat(info.operation()).isEqualTo("SELECT");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void enrichLaterDeliversOnTheEnricherThread() throws Exception {
    String sql = "select * from orders o join customers c on c.id = o.customer_id";
    CompletableFuture<StatementInfo> delivered = new CompletableFuture<>();
    AtomicReference<Thread> thread = new AtomicReference<>();

    enricher.enrichLater(
        sql,
        Fingerprinter.normalize(sql),
        info -> {
          thread.set(Thread.currentThread());
          delivered.complete(info);
        });

    StatementInfo info = delivered.get(10, TimeUnit.SECONDS);
    assertThat(info.tables()).containsExactly("customers", "orders");
    assertThat(thread.get().getName()).isEqualTo("querylens-enricher");
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(enricher.dropped()).isZero();
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
    CountDownLatch busy = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    String sql = "select 1";
    NormalizedSql lexed = Fingerprinter.normalize(sql);
    enricher.enrichLater(
        sql,
        lexed,
        info -> {
          busy.countDown();
          awaitQuietly(release);
        });
    assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    for (int i = 0; i < StatementEnricher.QUEUE_CAPACITY + 5; i++) {
      enricher.enrichLater(sql, lexed, info -> {});
    }
    long elapsed = System.nanoTime() - start;

    assertThat(enricher.dropped()).isEqualTo(5);
    assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(1));
    release.countDown();
  }

  @Test
  void drainAndCloseServesWhatIsQueuedThenDropsTheRest() {
    String sql = "select * from orders o join customers c on c.id = o.customer_id";
    NormalizedSql lexed = Fingerprinter.normalize(sql);
    List<StatementInfo> delivered = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 20; i++) {
      enricher.enrichLater(sql, lexed, delivered::add);
    }

    assertThat(enricher.drainAndClose(Duration.ofSeconds(30))).isTrue();

    assertThat(delivered).hasSize(20).allMatch(StatementInfo::parsed);
    enricher.enrichLater(sql, lexed, delivered::add);
    assertThat(enricher.dropped()).isEqualTo(1);
    assertThat(delivered).hasSize(20);
  }

  @Test
  void afterCloseRequestsAreDroppedAndEnrichFallsBack() {
    String sql = "select * from orders";
    enricher.close();

    enricher.enrichLater(sql, Fingerprinter.normalize(sql), info -> {});

    assertThat(enricher.dropped()).isEqualTo(1);
    assertThat(enricher.enrich(sql, Fingerprinter.normalize(sql)).parsed()).isFalse();
  }

  @Test
  void aThrowingCallbackDoesNotStopLaterOnes() throws Exception {
    String sql = "select * from orders";
    CompletableFuture<StatementInfo> second = new CompletableFuture<>();
    enricher.enrichLater(
        sql,
        Fingerprinter.normalize(sql),
        info -> {
          throw new IllegalStateException("boom");
        });
    enricher.enrichLater(sql, Fingerprinter.normalize(sql), second::complete);

    assertThat(second.get(10, TimeUnit.SECONDS).parsed()).isTrue();
  }

  @Test
  void tableNamesAreLowercasedOutsideQuotes() {
    assertThat(StatementEnricher.normalizeTableName("Public.Orders")).isEqualTo("public.orders");
    assertThat(StatementEnricher.normalizeTableName("Public.\"Orders\""))
        .isEqualTo("public.\"Orders\"");
    assertThat(StatementEnricher.normalizeTableName("`My.Db`.Tab")).isEqualTo("`My.Db`.tab");
    assertThat(StatementEnricher.normalizeTableName("[dbo].[Orders]")).isEqualTo("[dbo].[Orders]");
  }

  @Test
  void constructorRejectsSettingsThatCannotWork() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new StatementEnricher(0, Duration.ofSeconds(1)))
        .withMessage("querylens - maxSqlChars must be at least 1 but was 0");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new StatementEnricher(10, Duration.ZERO))
        .withMessage("querylens - the parse timeout must be positive but was PT0S");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
