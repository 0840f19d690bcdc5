package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.querylens.analyzer.fingerprint.Fingerprinter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** db_client_operation_duration_seconds: one observation per execution, its labels and their cap. */
class QueryLensMetricsTest {
  private static final String DURATION = "db_client_operation_duration_seconds";
  private static final String BUCKET = DURATION + "_bucket";
  private static final String COUNT = DURATION + "_count";
  private static final String SUM = DURATION + "_sum";
  private static final String MAX = DURATION + "_max";

  private MetricsFixture fixture = new MetricsFixture(50);

  @AfterEach
  void nothingFailedInsideTheMetrics() {
    assertThat(fixture.failures.all()).isEmpty();
  }

  @Test
  void successfulSelectIsObservedInTheBucketsOfItsSummary() {
    fixture.executions.succeeded("SELECT id, total FROM orders WHERE customer_id = ?", 2);
    fixture.executions.succeeded("SELECT id, total FROM orders WHERE customer_id = ?", 700);

    PrometheusScrape scrape = fixture.scrape();

    String[] series = {"db_operation_name", "SELECT", "db_query_summary", "SELECT orders",
        "db_system_name", "postgresql", "error_type", ""};
    assertThat(scrape.value(BUCKET, with(series, "le", "0.001"))).isEqualTo(0);
    assertThat(scrape.value(BUCKET, with(series, "le", "0.005"))).isEqualTo(1);
    assertThat(scrape.value(BUCKET, with(series, "le", "0.5"))).isEqualTo(1);
    assertThat(scrape.value(BUCKET, with(series, "le", "1.0"))).isEqualTo(2);
    assertThat(scrape.value(BUCKET, with(series, "le", "10.0"))).isEqualTo(2);
    assertThat(scrape.value(BUCKET, with(series, "le", "+Inf"))).isEqualTo(2);
    assertThat(scrape.value(COUNT, series)).isEqualTo(2);
    assertThat(scrape.value(SUM, series)).isCloseTo(0.702, within(1e-9));
    assertThat(scrape.value(MAX, series)).isCloseTo(0.7, within(1e-9));
  }

  @Test
  void bucketBoundsAreTheDocumentedOnes() {
    fixture.executions.succeeded("SELECT * FROM orders", 1);

    assertThat(fixture.scrape().labelValues(BUCKET, "le"))
        .containsExactlyInAnyOrder("0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "5.0", "10.0", "+Inf");
  }

  @Test
  void failedExecutionIsLabelledWithItsSqlState() {
    fixture.executions.failed("UPDATE orders SET status = ? WHERE id = ?", 30, "40P01");

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.value(COUNT, "db_operation_name", "UPDATE", "db_query_summary", "UPDATE orders",
        "db_system_name", "postgresql", "error_type", "40P01")).isEqualTo(1);
    assertThat(scrape.labelValues(COUNT, "error_type"))
        .as("a statement that only failed has no success series").containsExactly("40P01");
  }

  @Test
  void successesAndFailuresOfOneStatementAreSeparateSeries() {
    fixture.executions.succeeded("DELETE FROM carts WHERE id = ?", 1);
    fixture.executions.succeeded("DELETE FROM carts WHERE id = ?", 1);
    fixture.executions.failed("DELETE FROM carts WHERE id = ?", 1, "23503");

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.value(COUNT, "db_operation_name", "DELETE", "db_query_summary", "DELETE carts",
        "db_system_name", "postgresql", "error_type", "")).isEqualTo(2);
    assertThat(scrape.value(COUNT, "db_operation_name", "DELETE", "db_query_summary", "DELETE carts",
        "db_system_name", "postgresql", "error_type", "23503")).isEqualTo(1);
  }

  @Test
  void failureWithoutSqlStateIsNotCountedAsSuccess() {
    fixture.executions.failed("SELECT * FROM orders", 1, "");

    assertThat(fixture.scrape().matching(COUNT, "error_type", "")).isEmpty();
  }

  @Test
  void summariesBeyondTheLabelLimitAreCountedUnderOther() {
    fixture = new MetricsFixture(3);
    int executions = 0;
    for (int table = 0; table < 10; table++) {
      for (int run = 0; run <= table % 3; run++) {
        fixture.executions.succeeded("SELECT * FROM table_" + table + " WHERE id = ?", 1);
        executions++;
      }
    }

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.labelValues(COUNT, "db_query_summary"))
        .containsExactlyInAnyOrder("SELECT table_0", "SELECT table_1", "SELECT table_2", "other");
    assertThat(scrape.sum(COUNT)).isEqualTo(executions);
    assertThat(scrape.value(COUNT, "db_operation_name", "SELECT", "db_query_summary", "other",
        "db_system_name", "postgresql", "error_type", "")).isEqualTo(executions - 1 - 2 - 3);
  }

  @Test
  void errorTypesBeyondTheLabelLimitAreCountedUnderOther() {
    fixture = new MetricsFixture(1);
    fixture.executions.failed("INSERT INTO orders (id) VALUES (?)", 1, "23505");
    fixture.executions.failed("INSERT INTO orders (id) VALUES (?)", 1, "40001");
    fixture.executions.failed("INSERT INTO orders (id) VALUES (?)", 1, "57014");

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.labelValues(COUNT, "error_type")).containsExactlyInAnyOrder("23505", "other");
    assertThat(scrape.value(COUNT, "db_operation_name", "INSERT", "db_query_summary", "INSERT orders",
        "db_system_name", "postgresql", "error_type", "other")).isEqualTo(2);
  }

  @Test
  void noLiteralOfTheSqlAppearsInTheScrape() {
    fixture = new MetricsFixture(50, 1);
    fixture.executions.succeeded("SELECT * FROM accounts WHERE password = 'qlsecret' AND id = 424242", 1);
    fixture.executions.failed("UPDATE accounts SET token = 'qlsecret' WHERE id = 424242", 1, "40P01");
    fixture.executions.succeeded("DELETE FROM sessions WHERE token = 'qlsecret' OR id = 424242", 1); // overflow
    fixture.metrics.onLockWait(Fingerprinter.normalize("UPDATE accounts SET token = 'qlsecret' WHERE id = 424242"),
        null, 300_000_000L);

    String scrape = fixture.registry.scrape();

    assertThat(scrape).contains("SELECT accounts", "UPDATE accounts", "db_query_summary=\"other\"");
    assertThat(scrape).doesNotContain("qlsecret", "424242");
  }

  @Test
  void overflowStatisticsAreLabelledOther() {
    fixture = new MetricsFixture(50, 1);
    fixture.executions.succeeded("SELECT * FROM owners WHERE id = ?", 1);
    fixture.executions.succeeded("SELECT * FROM pets WHERE owner_id = ?", 1); // beyond maxFingerprints
    fixture.executions.succeeded("SELECT * FROM visits WHERE pet_id = ?", 1); // beyond maxFingerprints

    PrometheusScrape scrape = fixture.scrape();

    assertThat(scrape.value(COUNT, "db_operation_name", "OTHER", "db_query_summary", "other",
        "db_system_name", "other_sql", "error_type", "")).isEqualTo(2);
    assertThat(scrape.labelValues(COUNT, "db_query_summary")).containsExactlyInAnyOrder("SELECT owners", "other");
  }

  @Test
  void demotedSummaryGoesToOtherAndItsSeriesEnds() {
    fixture = new MetricsFixture(1);
    fixture.executions.succeeded("SELECT * FROM light WHERE id = ?", 1);
    fixture.executions.succeeded("SELECT * FROM heavy WHERE id = ?", 50); // under other: the cap is full
    assertThat(fixture.scrape().labelValues(COUNT, "db_query_summary")).containsExactlyInAnyOrder("SELECT light", "other");

    fixture.metrics.rerank();

    PrometheusScrape afterRerank = fixture.scrape();
    assertThat(afterRerank.labelValues(BUCKET, "db_query_summary")).containsExactly("other");
    assertThat(afterRerank.labelValues(MAX, "db_query_summary")).containsExactly("other");
    assertThat(afterRerank.text()).doesNotContain("SELECT light");

    fixture.executions.succeeded("SELECT * FROM heavy WHERE id = ?", 5);
    fixture.executions.succeeded("SELECT * FROM light WHERE id = ?", 1);

    PrometheusScrape later = fixture.scrape();
    String[] other = {"db_operation_name", "SELECT", "db_query_summary", "other", "db_system_name", "postgresql",
        "error_type", ""};
    assertThat(later.value(COUNT, "db_operation_name", "SELECT", "db_query_summary", "SELECT heavy",
        "db_system_name", "postgresql", "error_type", "")).isEqualTo(1);
    assertThat(later.value(COUNT, other)).as("heavy's first execution, then light's after its demotion").isEqualTo(2);
    assertThat(later.value(SUM, other)).isCloseTo(0.051, within(1e-9));
    assertThat(later.labelValues(COUNT, "db_query_summary")).containsExactlyInAnyOrder("SELECT heavy", "other");
  }

  @Test
  void summaryThatDoesNotOutweighTheKeptOneTwiceStaysUnderOther() {
    fixture = new MetricsFixture(1);
    fixture.executions.succeeded("SELECT * FROM kept WHERE id = ?", 10);
    fixture.executions.succeeded("SELECT * FROM challenger WHERE id = ?", 15);

    fixture.metrics.rerank();
    fixture.executions.succeeded("SELECT * FROM challenger WHERE id = ?", 1);

    assertThat(fixture.scrape().labelValues(COUNT, "db_query_summary")).containsExactlyInAnyOrder("SELECT kept", "other");
  }

  @Test
  void rerankWeighsOnlyTheTimeSinceThePreviousRerank() {
    fixture = new MetricsFixture(1);
    fixture.executions.succeeded("SELECT * FROM kept WHERE id = ?", 100);
    fixture.executions.succeeded("SELECT * FROM challenger WHERE id = ?", 150);
    fixture.metrics.rerank(); // kept 100 ms, halved to 50; challenger's 150 ms did not win and is forgotten

    fixture.executions.succeeded("SELECT * FROM challenger WHERE id = ?", 90); // 90 < 2 x 50; 240 would win
    fixture.metrics.rerank();

    fixture.executions.succeeded("SELECT * FROM challenger WHERE id = ?", 1);
    assertThat(fixture.scrape().labelValues(COUNT, "db_query_summary")).containsExactlyInAnyOrder("SELECT kept", "other");
  }

  @Test
  void demotedErrorTypeSeriesEndsAndItsLaterFailuresGoToOther() {
    fixture = new MetricsFixture(1);
    String sql = "INSERT INTO orders (id) VALUES (?)";
    fixture.executions.failed(sql, 1, "23505");
    for (int i = 0; i < 5; i++) {
      fixture.executions.failed(sql, 1, "40001");
    }

    fixture.metrics.rerank();
    assertThat(fixture.scrape().labelValues(COUNT, "error_type")).containsExactly("other");

    fixture.executions.failed(sql, 1, "40001");
    fixture.executions.failed(sql, 1, "23505");

    PrometheusScrape scrape = fixture.scrape();
    String[] series = {"db_operation_name", "INSERT", "db_query_summary", "INSERT orders",
        "db_system_name", "postgresql"};
    assertThat(scrape.value(COUNT, with(series, "error_type", "40001"))).isEqualTo(1);
    assertThat(scrape.value(COUNT, with(series, "error_type", "other"))).isEqualTo(5 + 1);
  }

  @Test
  void otherSeriesSurvivesARerankWhateverTheWeights() {
    fixture = new MetricsFixture(2, 1);
    fixture.executions.succeeded("SELECT * FROM owners WHERE id = ?", 10); // the one fingerprint with statistics
    for (int i = 0; i < 3; i++) {
      fixture.executions.succeeded("SELECT * FROM pets WHERE id = ?", 1); // overflow: counted under other
    }
    fixture.metrics.onLockWait(Fingerprinter.normalize("UPDATE visits SET note = ? WHERE id = ?"), null, 500_000_000L);
    String[] other = {"db_operation_name", "OTHER", "db_query_summary", "other", "db_system_name", "other_sql",
        "error_type", ""};
    assertThat(fixture.scrape().value(COUNT, other)).isEqualTo(3);

    fixture.metrics.rerank();

    assertThat(fixture.scrape().has(COUNT, other)).as("other keeps everything it counted").isTrue();
    assertThat(fixture.scrape().value(COUNT, other)).isEqualTo(3);
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
    all[labels.length] = name;
    all[labels.length + 1] = value;
    return all;
  }
}
