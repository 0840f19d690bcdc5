package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.stats.StatisticsRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OTLP push of the same meters to an OpenTelemetry collector, here a JDK HTTP server standing in for one. */
class OtlpPushTest {
  private final StatisticsRegistry statistics = new StatisticsRegistry();
  private final SettableFigures figures = new SettableFigures();
  private final RecordedFailures failures = new RecordedFailures();
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final List<Metric> received = new CopyOnWriteArrayList<>();
  private final List<String> receivedPaths = new CopyOnWriteArrayList<>();
  private HttpServer collector;
  private volatile int status = 200;

  @BeforeEach
  void startCollector() throws IOException {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    collector.createContext("/", this::receive);
    collector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.stop(0);
  }

  @Test
  void closePushesTheStatementHistogramWithItsAttributesAndBounds() {
    MetricsExport export = start(endpoint());
    try {
      assertThat(export.port()).as("no Prometheus endpoint asked for").isEqualTo(-1);
      new Executions(statistics, export.metrics()).succeeded("SELECT * FROM orders WHERE id = ?", 2);
    } finally {
      export.close();
    }

    assertThat(failures.all()).isEmpty();
    assertThat(receivedPaths).isNotEmpty().allSatisfy(path -> assertThat(path).isEqualTo("/v1/metrics"));
    Metric duration = metric(QueryLensMetrics.DB_OPERATION).orElseThrow(
        () -> new AssertionError("no " + QueryLensMetrics.DB_OPERATION + " among " + names()));
    assertThat(duration.getUnit()).as("in seconds, written as OpenTelemetry's conventions want").isEqualTo("s");
    assertThat(duration.hasHistogram()).isTrue();
    HistogramDataPoint point = duration.getHistogram().getDataPointsList().stream()
        .filter(p -> p.getCount() > 0).reduce((first, later) -> later)
        .orElseThrow(() -> new AssertionError("no data point with a count in " + duration));
    assertThat(attributes(point.getAttributesList())).containsEntry("db.system.name", "postgresql")
        .containsEntry("db.operation.name", "SELECT")
        .containsEntry("db.query.summary", "SELECT orders")
        .as("a success carries no error.type, as OpenTelemetry's conventions want")
        .doesNotContainKey("error.type");
    assertThat(point.getCount()).isEqualTo(1);
    assertThat(point.getSum()).isCloseTo(0.002, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(point.getExplicitBoundsList())
        .containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
  }

  @Test
  void statementHistogramCarriesTheOpenTelemetryUnit() {
    MetricsExport export = start(endpoint());
    try {
      new Executions(statistics, export.metrics()).succeeded("SELECT * FROM orders WHERE id = ?", 2);
    } finally {
      export.close();
    }

    assertThat(metric(QueryLensMetrics.DB_OPERATION)).hasValueSatisfying(
        duration -> assertThat(duration.getUnit()).isEqualTo("s"));
  }

  @Test
  void theOtherMetersArePushedUnderTheirOpenTelemetryNames() {
    MetricsExport export = start(endpoint());
    try {
      export.metrics().onFinding(FindingType.N_PLUS_ONE, "GET /owners", null, 3);
      export.metrics().onPoolCheckout("HikariPool-1", 3_000_000L);
    } finally {
      export.close();
    }

    assertThat(names()).contains("querylens.findings", "querylens.pool.wait", "querylens.fingerprints",
        "querylens.statements.in.flight", "querylens.agent.errors", "querylens.dropped.events");
  }

  @Test
  void collectorThatIsDownIsCountedAsAnOtlpFailureAndCloseReturns() throws IOException {
    String down;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      down = "http://127.0.0.1:" + closed.getLocalPort() + "/v1/metrics";
    }
    MetricsExport export = start(down);
    new Executions(statistics, export.metrics()).succeeded("SELECT * FROM orders WHERE id = ?", 2);

    export.close(); // pushes a last time, to nobody

    assertThat(failures.all()).isNotEmpty().allSatisfy(failure -> {
      assertThat(failure.kind()).isEqualTo("otlp");
      assertThat(failure.message()).contains(down);
    });
  }

  @Test
  void collectorAnsweringAnErrorIsCountedAsAnOtlpFailure() {
    status = 404;
    MetricsExport export = start(endpoint());

    export.close();

    assertThat(receivedPaths).isNotEmpty();
    assertThat(failures.all()).isNotEmpty().allSatisfy(failure -> {
      assertThat(failure.kind()).isEqualTo("otlp");
      assertThat(failure.message()).contains(endpoint());
    });
  }

  private MetricsExport start(String otlpEndpoint) {
    MetricsSettings settings = new MetricsSettings(0, "127.0.0.1", "", "", 50, otlpEndpoint, Duration.ofSeconds(1));
    MetricsExport export = MetricsExport.start(settings, statistics, figures, failures, said::add);
    assertThat(export).isNotNull();
    return export;
  }

  private String endpoint() {
    return "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics";
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      receivedPaths.add(exchange.getRequestURI().getPath());
      if (status != 200) {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          received.addAll(scope.getMetricsList());
        }
      }
      byte[] response = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      if (response.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response);
        }
      }
    }
  }

  private Optional<Metric> metric(String name) {
    // the last push holds the latest cumulative figures
    return received.stream().filter(m -> m.getName().equals(name)).reduce((first, later) -> later);
  }

  private List<String> names() {
    return received.stream().map(Metric::getName).distinct().collect(Collectors.toList());
  }

  private static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
  }
}
