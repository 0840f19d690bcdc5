package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/** The agent's own meters read its figures and the statistics when scraped. */
class AgentFiguresMetricsTest {
  private final MetricsFixture fixture = new MetricsFixture(50);

  @Test
  void agentFiguresAreReadAtScrapeTime() {
    fixture.figures.inFlight = 3;
    fixture.figures.errors = 1;
    fixture.figures.dropped = 17;
    PrometheusScrape first = fixture.scrape();

    fixture.figures.inFlight = 0;
    fixture.figures.errors = 2;
    fixture.figures.dropped = 40;
    PrometheusScrape second = fixture.scrape();

    assertThat(first.value("querylens_statements_in_flight")).isEqualTo(3);
    assertThat(first.value("querylens_agent_errors_total")).isEqualTo(1);
    assertThat(first.value("querylens_dropped_events_total")).isEqualTo(17);
    assertThat(second.value("querylens_statements_in_flight")).isEqualTo(0);
    assertThat(second.value("querylens_agent_errors_total")).isEqualTo(2);
    assertThat(second.value("querylens_dropped_events_total")).isEqualTo(40);
  }

  @Test
  void fingerprintsGaugeCountsTheStatisticsEntriesButNotTheOverflow() {
    MetricsFixture capped = new MetricsFixture(50, 2);
    assertThat(capped.scrape().value("querylens_fingerprints")).isEqualTo(0);

    capped.executions.succeeded("SELECT * FROM owners WHERE id = ?", 1);
    capped.executions.succeeded("SELECT * FROM owners WHERE id = ?", 1);
    capped.executions.succeeded("SELECT * FROM pets WHERE id = ?", 1);
    capped.executions.succeeded("SELECT * FROM visits WHERE id = ?", 1); // overflow

    assertThat(capped.scrape().value("querylens_fingerprints")).isEqualTo(2);
  }

  @Test
  void agentFiguresAreStillReadAfterTheCallerDropsThem() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SettableFigures figures = new SettableFigures();
    figures.inFlight = 4;
    figures.errors = 5;
    new QueryLensMetrics(registry, 50, new StatisticsRegistry(), figures, new RecordedFailures());
    WeakReference<SettableFigures> dropped = new WeakReference<>(figures);
    figures = null; // as AgentInstaller does once install() returns

    for (int i = 0; i < 50 && dropped.get() != null; i++) {
      System.gc();
    }

    PrometheusScrape scrape = PrometheusScrape.parse(registry.scrape());
    assertThat(scrape.value("querylens_statements_in_flight")).isEqualTo(4);
    assertThat(scrape.value("querylens_agent_errors_total")).isEqualTo(5);
  }
}
