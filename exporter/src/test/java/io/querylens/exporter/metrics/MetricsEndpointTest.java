package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.querylens.analyzer.stats.StatisticsRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint, started the way the agent starts it: through MetricsExport.start. */
class MetricsEndpointTest {
  private static final String HOST = "127.0.0.1";
  private static final Duration MINUTE = Duration.ofSeconds(60);

  private final StatisticsRegistry statistics = new StatisticsRegistry();
  private final SettableFigures figures = new SettableFigures();
  private final RecordedFailures failures = new RecordedFailures();
  private final List<String> said = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void metricsAnswerWithTheMeters() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "", ""))) {
      new Executions(statistics, export.metrics()).succeeded("SELECT * FROM orders WHERE id = ?", 2);

      HttpResponse<String> response = get(export, "/metrics", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("querylens_fingerprints 1.0",
          "db_client_operation_duration_seconds_count{db_operation_name=\"SELECT\",db_query_summary=\"SELECT orders\"");
    }
    assertThat(failures.all()).isEmpty();
    assertThat(said).isEmpty();
  }

  @Test
  void metricsAnswerInOpenMetricsWhenAskedFor() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "", ""))) {
      HttpRequest request = request(export, "/metrics")
          .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build();

      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("application/openmetrics-text"));
      assertThat(response.body()).contains("# TYPE querylens_fingerprints gauge").endsWith("# EOF\n");
    }
  }

  @Test
  void healthyAnswersForLivenessChecks() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "", ""))) {
      HttpResponse<String> response = get(export, "/-/healthy", null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("Exporter is healthy.");
    }
  }

  @Test
  void basicAuthLetsInOnlyTheRightUserAndPassword() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "prometheus", "s3cret-pw"))) {
      assertThat(get(export, "/metrics", null).statusCode()).isEqualTo(401);
      assertThat(get(export, "/metrics", basic("prometheus", "wrong")).statusCode()).isEqualTo(401);
      assertThat(get(export, "/metrics", basic("someone", "s3cret-pw")).statusCode()).isEqualTo(401);

      HttpResponse<String> allowed = get(export, "/metrics", basic("prometheus", "s3cret-pw"));
      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).contains("querylens_fingerprints");
    }
    assertThat(said).isEmpty();
  }

  @Test
  void refusedRequestsSeeNoMetrics() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "prometheus", "s3cret-pw"))) {
      HttpResponse<String> refused = get(export, "/metrics", basic("prometheus", "wrong"));

      assertThat(refused.body()).doesNotContain("querylens_");
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          challenge -> assertThat(challenge).startsWith("Basic"));
    }
  }

  @Test
  void takenPortLeavesTheEndpointOutAndSaysSoOnce() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      int port = taken.getLocalPort();

      MetricsExport export = start(settings(port, "", ""));
      try {
        assertThat(export).isNotNull();
        assertThat(export.port()).isEqualTo(-1);
        assertThat(export.metrics()).as("the meters still work without the endpoint").isNotNull();
        assertThat(failures.all()).singleElement().satisfies(failure -> {
          assertThat(failure.kind()).isEqualTo("metrics-endpoint");
          assertThat(failure.message()).contains(HOST + ":" + port).contains("metricsPort");
        });
      } finally {
        export.close();
      }
    }
  }

  @Test
  void addressOfAnotherMachineLeavesTheEndpointOut() {
    // 192.0.2.1 is TEST-NET-1: never an address of this machine
    MetricsSettings settings = new MetricsSettings(freePort(), "192.0.2.1", "", "", 50, "", MINUTE);

    try (MetricsExport export = start(settings)) {
      assertThat(export.port()).isEqualTo(-1);
      assertThat(failures.all()).singleElement().satisfies(failure ->
          assertThat(failure.message()).contains("192.0.2.1:" + settings.port()));
    }
  }

  @Test
  void userWithoutPasswordIsToldBothMustBeSet() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "prometheus", ""))) {
      assertThat(said).singleElement().satisfies(line ->
          assertThat(line).contains("metricsUser", "metricsPassword", "must be set together"));
      assertThat(export.port()).isPositive();
    }
  }

  @Test
  void passwordWithoutUserIsToldBothMustBeSetButNotThePassword() throws Exception {
    try (MetricsExport export = start(settings(freePort(), "", "s3cret-pw"))) {
      assertThat(said).singleElement().satisfies(line ->
          assertThat(line).contains("must be set together").doesNotContain("s3cret-pw"));
    }
  }

  @Test
  void settingsNeverShowThePassword() {
    MetricsSettings settings = new MetricsSettings(9464, HOST, "prometheus", "s3cret-pw", 50,
        "http://localhost:4318/v1/metrics", MINUTE);

    assertThat(settings.toString()).doesNotContain("s3cret-pw").contains("password=****", "user=prometheus");
  }

  @Test
  void noPortAndNoOtlpEndpointStartsNothing() {
    MetricsSettings settings = new MetricsSettings(0, HOST, "", "", 50, "", MINUTE);

    assertThat(settings.off()).isTrue();
    assertThat(MetricsExport.start(settings, statistics, figures, failures, said::add)).isNull();
    assertThat(failures.all()).isEmpty();
  }

  @Test
  void closeStopsTheEndpoint() throws Exception {
    MetricsExport export = start(settings(freePort(), "", ""));
    int port = export.port();
    assertThat(get(export, "/-/healthy", null).statusCode()).isEqualTo(200);

    export.close();

    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/-/healthy"))
        .timeout(Duration.ofSeconds(5)).build();
    HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> fresh.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void endpointThreadsNeverKeepTheApplicationAlive() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (MetricsExport export = start(settings(freePort(), "", ""))) {
      get(export, "/metrics", null);

      List<String> nonDaemons = new ArrayList<>();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(thread) && !thread.isDaemon()) {
          nonDaemons.add(thread.getName());
        }
      }
      assertThat(nonDaemons).isEmpty();
    }
  }

  @Test
  void demotedSeriesEndInTheScrapeWhenOtlpPushRunsToo() throws Exception {
    // OTLP as well: the meters live in a composite registry, and removing one must reach Prometheus's
    MetricsSettings settings = new MetricsSettings(freePort(), HOST, "", "", 1,
        "http://127.0.0.1:" + freePort() + "/v1/metrics", MINUTE);
    try (MetricsExport export = start(settings)) {
      Executions executions = new Executions(statistics, export.metrics());
      executions.succeeded("SELECT * FROM light WHERE id = ?", 1);
      executions.succeeded("SELECT * FROM heavy WHERE id = ?", 50);
      assertThat(get(export, "/metrics", null).body()).contains("db_query_summary=\"SELECT light\"");

      export.metrics().rerank();

      assertThat(get(export, "/metrics", null).body()).doesNotContain("SELECT light")
          .contains("db_query_summary=\"other\"");
    }
  }

  private MetricsExport start(MetricsSettings settings) {
    return MetricsExport.start(settings, statistics, figures, failures, said::add);
  }

  private static MetricsSettings settings(int port, String user, String password) {
    return new MetricsSettings(port, HOST, user, password, 50, "", MINUTE);
  }

  private HttpResponse<String> get(MetricsExport export, String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(export, path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(MetricsExport export, String path) {
    assertThat(export.port()).as("the endpoint runs").isPositive();
    return HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + export.port() + path))
        .timeout(Duration.ofSeconds(10));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A port free a moment ago; the endpoint binds it right after. */
  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
