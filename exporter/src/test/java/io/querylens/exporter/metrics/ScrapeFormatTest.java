package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.querylens.analyzer.callsite.CapturedStack.StackLine;
import io.querylens.analyzer.detect.FindingType;
import io.querylens.analyzer.fingerprint.Fingerprinter;
import io.querylens.analyzer.scope.ScopeKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scrape as a whole: every documented metric there, described, and clean for promtool. */
class ScrapeFormatTest {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private final MetricsFixture fixture = new MetricsFixture(50);

  @BeforeEach
  void everyMeterHasASeries() {
    fixture.executions.succeeded("SELECT * FROM orders WHERE id = ?", 2);
    fixture.executions.failed("UPDATE orders SET status = ? WHERE id = ?", 700, "40P01");
    StackLine site = new StackLine("com.acme.OwnerService", "listOwners", "OwnerService.java", 42);
    fixture.metrics.onFinding(FindingType.N_PLUS_ONE, "GET /owners", site, 3);
    fixture.metrics.onFinding(FindingType.DEADLOCK, "POST /orders", site, 1);
    fixture.metrics.scopeClosed(ScopeKind.REQUEST, "GET /owners", 7);
    fixture.metrics.onLockWait(Fingerprinter.normalize("UPDATE orders SET status = ? WHERE id = ?"), site,
        300_000_000L);
    fixture.metrics.onPoolCheckout("HikariPool-1", 3_000_000L);
    assertThat(fixture.failures.all()).isEmpty();
  }

  @Test
  void everyDocumentedMetricIsExposed() {
    Set<String> families = typedFamilies(fixture.registry.scrape()).keySet();

    assertThat(families).contains(
        "db_client_operation_duration_seconds",
        "querylens_findings_total",
        "querylens_lock_wait_seconds",
        "querylens_lock_errors_total",
        "querylens_pool_wait_seconds",
        "querylens_queries_per_scope",
        "querylens_statements_in_flight",
        "querylens_agent_errors_total",
        "querylens_fingerprints",
        "querylens_dropped_events_total");
  }

  @Test
  void documentedTypesAreTheExposedOnes() {
    Map<String, String> types = typedFamilies(fixture.registry.scrape());

    assertThat(types).containsEntry("db_client_operation_duration_seconds", "histogram")
        .containsEntry("querylens_findings_total", "counter")
        .containsEntry("querylens_lock_wait_seconds", "histogram")
        .containsEntry("querylens_lock_errors_total", "counter")
        .containsEntry("querylens_pool_wait_seconds", "histogram")
        .containsEntry("querylens_queries_per_scope", "histogram")
        .containsEntry("querylens_statements_in_flight", "gauge")
        .containsEntry("querylens_agent_errors_total", "counter")
        .containsEntry("querylens_fingerprints", "gauge")
        .containsEntry("querylens_dropped_events_total", "counter");
  }

  @Test
  void everyMetricHasAHelpText() {
    String scrape = fixture.registry.scrape();
    Map<String, String> help = new HashMap<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String[] parts = line.substring("# HELP ".length()).split(" ", 2);
        help.put(parts[0], parts.length > 1 ? parts[1].trim() : "");
      }
    }

    Set<String> families = typedFamilies(scrape).keySet();
    assertThat(help.keySet()).containsAll(families);
    assertThat(help).allSatisfy((name, text) -> assertThat(text).as("help of " + name).isNotBlank());
  }

  @Test
  void openMetricsScrapeHasTheSameSeries() {
    String openMetrics = fixture.registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

    assertThat(openMetrics).endsWith("# EOF\n");
    assertThat(openMetrics).contains(
        "db_client_operation_duration_seconds_bucket{db_operation_name=\"SELECT\",db_query_summary=\"SELECT orders\","
            + "db_system_name=\"postgresql\",error_type=\"\",le=\"0.005\"} 1",
        "querylens_findings_total{call_site=\"OwnerService.listOwners:42\",route=\"GET /owners\",type=\"N_PLUS_ONE\"} 1");
  }

  @Test
  void promtoolFindsNoProblemInTheScrape() throws Exception {
    if (!Files.isExecutable(PROMTOOL)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("promtool is not installed at " + PROMTOOL + "; install Debian's prometheus package"
            + " (apt-get install prometheus) so that the scrape is linted in CI");
      }
      Assumptions.abort("promtool is not installed at " + PROMTOOL + "; install Debian's prometheus package");
    }
    String scrape = fixture.registry.scrape();

    Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(promtool, output));
    reader.start();
    try (OutputStream in = promtool.getOutputStream()) {
      in.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).as("promtool ended").isTrue();
    reader.join(TimeUnit.SECONDS.toMillis(5));

    List<String> problems = Arrays.stream(output.toString(StandardCharsets.UTF_8).split("\n"))
        .filter(line -> !line.isBlank())
        .collect(Collectors.toList());
    assertThat(problems).as("promtool check metrics on:\n" + scrape).isEmpty();
    assertThat(promtool.exitValue()).isZero();
  }

  private static void copy(Process process, ByteArrayOutputStream output) {
    try {
      process.getInputStream().transferTo(output);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Metric family names from the # TYPE lines, with their type. */
  private static Map<String, String> typedFamilies(String scrape) {
    Map<String, String> types = new HashMap<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring("# TYPE ".length()).split(" ");
        types.put(parts[0], parts[1]);
      }
    }
    assertThat(new TreeSet<>(types.keySet())).isNotEmpty();
    return types;
  }
}
