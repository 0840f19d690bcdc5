package io.querylens.exporter.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * OTLP push of the same meters, for fleets that run an OpenTelemetry collector: Micrometer's OTLP
 * registry, in seconds as OpenTelemetry's semantic conventions want, on a daemon thread. A push that
 * fails is counted and said once; the next one tries again.
 */
final class OtlpPush {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  // JUL holds loggers weakly: this one must live for its level to stick
  private static final java.util.logging.Logger MICROMETER_LOG =
      java.util.logging.Logger.getLogger(io.micrometer.core.instrument.MeterRegistry.class.getPackageName()
          .replace(".core.instrument", ""));

  private OtlpPush() {}

  static OtlpMeterRegistry registry(MetricsSettings settings, Clock clock, FailureSink failures) {
    // Micrometer says where it pushes at INFO, on the application's stderr; the agent's start-up line already does.
    MICROMETER_LOG.setLevel(java.util.logging.Level.WARNING);
    OtlpConfig config = new OtlpConfig() {
      @Override
      public String get(String key) {
        return null; // everything else from Micrometer's defaults and OTEL_* environment variables
      }

      @Override
      public String url() {
        return settings.otlpEndpoint();
      }

      @Override
      public Duration step() {
        return settings.otlpInterval();
      }

      @Override
      public TimeUnit baseTimeUnit() {
        return TimeUnit.SECONDS;
      }
    };
    OtlpMetricsSender http = new OtlpHttpMetricsSender(new HttpUrlConnectionSender(CONNECT_TIMEOUT, READ_TIMEOUT));
    OtlpMetricsSender counted = request -> {
      try {
        http.send(OtlpMetricsSender.Request.builder(OtlpConventions.conform(request.getMetricsData()))
            .address(request.getAddress())
            .headers(request.getHeaders())
            .build());
      } catch (Throwable t) {
        failures.failed("otlp", "could not push metrics to " + settings.otlpEndpoint()
            + "; is the OpenTelemetry collector up? The next push tries again", t);
      }
    };
    return OtlpMeterRegistry.builder(config)
        .clock(clock)
        .metricsSender(counted)
        .threadFactory(task -> {
          Thread thread = new Thread(task, "querylens-otlp");
          thread.setDaemon(true);
          return thread;
        })
        .build();
  }
}
