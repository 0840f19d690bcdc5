package io.querylens.exporter.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The meters and where they go: the Prometheus endpoint, OTLP push, or both, and the minute task
 * that re-ranks capped labels. Created once by the agent; {@link #close()} pushes a last time.
 */
public final class MetricsExport implements AutoCloseable {
  /** How often capped labels are re-ranked. */
  static final long RERANK_SECONDS = 60;

  private final QueryLensMetrics metrics;
  private final MetricsEndpoint endpoint;
  private final OtlpMeterRegistry otlp;
  private final ScheduledExecutorService maintenance;

  private MetricsExport(QueryLensMetrics metrics, MetricsEndpoint endpoint, OtlpMeterRegistry otlp,
      ScheduledExecutorService maintenance) {
    this.metrics = metrics;
    this.endpoint = endpoint;
    this.otlp = otlp;
    this.maintenance = maintenance;
  }

  /**
   * Starts what {@code settings} ask for; null when they ask for nothing. Never throws: a part that
   * cannot start is said through {@code say}, counted in {@code failures}, and left out.
   */
  public static MetricsExport start(MetricsSettings settings, StatisticsRegistry statistics, AgentFigures figures,
      FailureSink failures, Consumer<String> say) {
    if (settings.off()) {
      return null;
    }
    try {
      return create(settings, statistics, figures, failures, say);
    } catch (Throwable t) {
      failures.failed("metrics", "could not set up the metrics; the application runs on without them", t);
      return null;
    }
  }

  private static MetricsExport create(MetricsSettings settings, StatisticsRegistry statistics, AgentFigures figures,
      FailureSink failures, Consumer<String> say) {
    CoarseClock clock = new CoarseClock();
    PrometheusMeterRegistry prometheus = settings.port() > 0 ? prometheusRegistry(clock) : null;
    OtlpMeterRegistry otlp = settings.otlpEndpoint().isEmpty() ? null : OtlpPush.registry(settings, clock, failures);
    MeterRegistry registry;
    if (prometheus != null && otlp != null) {
      CompositeMeterRegistry composite = new CompositeMeterRegistry();
      composite.add(prometheus);
      composite.add(otlp);
      registry = composite;
    } else {
      registry = prometheus != null ? prometheus : otlp;
    }
    QueryLensMetrics metrics = new QueryLensMetrics(registry, settings.labelLimit(), statistics, figures, failures);
    MetricsEndpoint endpoint = prometheus == null ? null : MetricsEndpoint.start(settings, prometheus, say, failures);
    ScheduledExecutorService maintenance = maintenance(clock);
    maintenance.scheduleWithFixedDelay(() -> {
      try {
        metrics.rerank();
      } catch (Throwable t) {
        failures.failed("metrics", "could not re-rank metric labels", t);
      }
    }, RERANK_SECONDS, RERANK_SECONDS, TimeUnit.SECONDS);
    return new MetricsExport(metrics, endpoint, otlp, maintenance);
  }

  private static PrometheusMeterRegistry prometheusRegistry(CoarseClock clock) {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
  }

  /** The daemon thread that ticks {@code clock} and, once scheduled, re-ranks labels. */
  private static ScheduledExecutorService maintenance(CoarseClock clock) {
    ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "querylens-metrics");
      thread.setDaemon(true);
      return thread;
    });
    maintenance.scheduleAtFixedRate(clock::tick, CoarseClock.TICK_MILLIS, CoarseClock.TICK_MILLIS, TimeUnit.MILLISECONDS);
    return maintenance;
  }

  /**
   * Meters in a Prometheus registry that nothing serves or pushes: what recording costs, for the
   * benchmarks, without a port.
   */
  public static QueryLensMetrics unexported(int labelLimit, StatisticsRegistry statistics, AgentFigures figures,
      FailureSink failures) {
    CoarseClock clock = new CoarseClock();
    maintenance(clock);
    return new QueryLensMetrics(prometheusRegistry(clock), labelLimit, statistics, figures, failures);
  }

  /** The meters, to be fed by the recorder, scopes, findings, lock waits and pool checkouts. */
  public QueryLensMetrics metrics() {
    return metrics;
  }

  /** The port the Prometheus endpoint listens on, or -1 when it does not run. */
  public int port() {
    return endpoint == null ? -1 : endpoint.port();
  }

  /** Stops re-ranking, pushes the meters a last time and stops the endpoint. */
  @Override
  public void close() {
    maintenance.shutdownNow();
    if (otlp != null) {
      otlp.close();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
