package io.querylens.exporter.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.querylens.analyzer.stats.StatisticsRegistry;

/** QueryLensMetrics in a real Prometheus registry, with statistics, figures and failures to look at. */
final class MetricsFixture {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final StatisticsRegistry statistics;
  final SettableFigures figures = new SettableFigures();
  final RecordedFailures failures = new RecordedFailures();
  final QueryLensMetrics metrics;
  final Executions executions;

  MetricsFixture(int labelLimit) {
    this(labelLimit, StatisticsRegistry.DEFAULT_MAX_FINGERPRINTS);
  }

  MetricsFixture(int labelLimit, int maxFingerprints) {
    statistics = new StatisticsRegistry(maxFingerprints);
    metrics = new QueryLensMetrics(registry, labelLimit, statistics, figures, failures);
    executions = new Executions(statistics, metrics);
  }

  PrometheusScrape scrape() {
    return PrometheusScrape.parse(registry.scrape());
  }
}
