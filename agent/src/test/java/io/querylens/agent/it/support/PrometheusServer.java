package io.querylens.agent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian's {@code prometheus} package) started for one test: its own config, data
 * directory and port, scraping one target every second. Closing it stops the process.
 */
public final class PrometheusServer implements AutoCloseable {
  /** Where Debian installs it; {@code QUERYLENS_TEST_PROMETHEUS} points elsewhere. */
  public static final Path BINARY = Path.of(System.getenv().getOrDefault("QUERYLENS_TEST_PROMETHEUS",
      "/usr/bin/prometheus"));
  public static final Path PROMTOOL = BINARY.resolveSibling("promtool");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path dir;

  private PrometheusServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Why Prometheus cannot run here, or null when it can. */
  public static String whyMissing() {
    return Files.isExecutable(BINARY) && Files.isExecutable(PROMTOOL) ? null
        : BINARY + " or " + PROMTOOL + " not found: install Debian's prometheus package (.ci/run does)";
  }

  /**
   * Starts Prometheus in {@code dir}, scraping {@code target} ({@code host:port}) as job {@code querylens}
   * every second, with basic auth when {@code user} is not null; waits until it is ready.
   */
  public static PrometheusServer start(Path dir, String target, String user, String password) throws Exception {
    int port = freePort();
    String auth = user == null ? "" : "    basic_auth:\n      username: " + user + "\n      password: " + password + "\n";
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        + "scrape_configs:\n  - job_name: querylens\n" + auth
        + "    static_configs:\n      - targets: ['" + target + "']\n");
    Process process = new ProcessBuilder(BINARY.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile())
        .start();
    PrometheusServer server = new PrometheusServer(process, port, dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        if (server.get("/-/ready").statusCode() == 200) {
          return server;
        }
      } catch (UncheckedIOException notListeningYet) {
        // starting up
      }
      Thread.sleep(200);
    }
    server.close();
    throw new IllegalStateException("prometheus not ready within 30 s: " + Files.readString(dir.resolve("prometheus.log")));
  }

  /** Evaluates {@code promql} now; the whole API answer ({@code status}, {@code data}, {@code error}). */
  public JsonNode query(String promql) {
    HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON from prometheus for " + promql + ": " + response.body(), e);
    }
  }

  /** The result vector of {@code promql}, failing on an evaluation error. */
  public List<JsonNode> vector(String promql) {
    JsonNode answer = query(promql);
    if (!"success".equals(answer.path("status").asText())) {
      throw new AssertionError("prometheus could not evaluate " + promql + ": " + answer);
    }
    return List.copyOf(JSON.convertValue(answer.path("data").path("result"),
        JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class)));
  }

  /** The health of the scrape target as Prometheus sees it ({@code up}, {@code down} or {@code unknown}) and its last error. */
  public String targetHealth() {
    try {
      JsonNode targets = JSON.readTree(get("/api/v1/targets").body()).path("data").path("activeTargets");
      return targets.isEmpty() ? "no target" : targets.get(0).path("health").asText() + " "
          + targets.get(0).path("lastError").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Prometheus's own log. */
  public String log() {
    try {
      return Files.readString(dir.resolve("prometheus.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private HttpResponse<String> get(String path) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("prometheus on port " + port + " did not answer " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A port nobody listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
