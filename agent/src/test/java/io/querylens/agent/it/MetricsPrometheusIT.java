package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import example.metrics.ShopUnderMetrics;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.PrometheusServer;
import io.querylens.agent.it.support.Requirements;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunningChild;
import io.querylens.agent.it.support.SourceMarkers;
import io.querylens.exporter.metrics.DashboardQueries;
import io.querylens.exporter.metrics.DashboardQueries.PanelQuery;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The metrics end to end: {@link ShopUnderMetrics} runs under the agent with its endpoint behind basic
 * auth, a real Prometheus (Debian's package) scrapes it every second, and the Grafana dashboard's every
 * panel query is evaluated there. Then the application runs 10,000 distinct statements in 10,000 scopes
 * of their own, and the number of series must stay bounded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsPrometheusIT {
  private static final String USER = "prometheus";
  private static final String PASSWORD = "s3cret-for-scrapes";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Pattern METRIC = Pattern.compile("\\b(db_client_operation_duration_seconds\\w*|querylens_\\w+)");

  private Path runDir;
  private RunningChild child;
  private PrometheusServer prometheus;
  private int metricsPort;

  @BeforeAll
  void startTheApplicationAndPrometheus() throws Exception {
    Requirements.require(PrometheusServer.whyMissing() == null, String.valueOf(PrometheusServer.whyMissing()));
    runDir = RunDirectory.create(getClass(), "shop");
    metricsPort = PrometheusServer.freePort();
    child = ChildJvm.on(Jdk.CURRENT, runDir)
        .withAgent("metricsPort=" + metricsPort + ",metricsUser=" + USER + ",metricsPassword=" + PASSWORD
            + ",lockWaitThreshold=100ms")
        .main(ShopUnderMetrics.class)
        .timeout(Duration.ofSeconds(240))
        .start();
    child.awaitStdoutLine("phases-done", WAIT);
    prometheus = PrometheusServer.start(Files.createDirectories(runDir.resolve("prometheus")),
        "127.0.0.1:" + metricsPort, USER, PASSWORD);
    // Everything the phases counted has been scraped once the last of them shows.
    awaitInPrometheus("querylens_lock_errors_total{kind=\"lock_timeout\"}", values -> !values.isEmpty());
  }

  @AfterAll
  void stop() throws Exception {
    if (child != null) {
      Files.writeString(runDir.resolve("stop"), "");
      child.awaitExit().assertExitedNormally();
      child.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  @Order(1)
  void everyPanelQueryOfTheDashboardEvaluatesAndEveryMetricItNamesIsExported() throws Exception {
    List<PanelQuery> queries = DashboardQueries.read(DashboardQueries.dashboardFile());
    assertThat(queries).as("panel queries in the dashboard").hasSizeGreaterThan(20);
    String scrape = scrape(USER, PASSWORD).body();
    SoftAssertions softly = new SoftAssertions();
    Set<String> named = new TreeSet<>();
    for (PanelQuery query : queries) {
      String promql = DashboardQueries.substitute(query.expr());
      JsonNode answer = prometheus.query(promql);
      softly.assertThat(answer.path("status").asText())
          .as("panel '%s' %s: %s -> %s", query.panelTitle(), query.refId(), promql, answer)
          .isEqualTo("success");
      Matcher metric = METRIC.matcher(query.expr());
      while (metric.find()) {
        named.add(metric.group(1));
      }
    }
    assertThat(named).as("metrics the dashboard names").contains("db_client_operation_duration_seconds_bucket",
        "querylens_findings_total", "querylens_queries_per_scope_bucket");
    for (String name : named) {
      softly.assertThat(scrape).as("the endpoint exports %s", name)
          .containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
      softly.assertThat(prometheus.vector(name)).as("series of %s in Prometheus", name).isNotEmpty();
    }
    softly.assertAll();
  }

  @Test
  @Order(2)
  void theFiguresAreTheApplicationsAndHoldNoLiteral() throws Exception {
    String scrape = scrape(USER, PASSWORD).body();
    int nPlusOneLine = SourceMarkers.line(ShopUnderMetrics.class, "n-plus-one");
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(value("querylens_findings_total{type=\"N_PLUS_ONE\",route=\"metrics-n-plus-one\","
        + "call_site=\"ShopUnderMetrics.nPlusOne:" + nPlusOneLine + "\"}"))
        .as("one N+1 at its line in its scope").isEqualTo(1);
    softly.assertThat(value("querylens_queries_per_scope_sum{route=\"metrics-n-plus-one\",scope_kind=\"explicit\"}"))
        .as("statements in the N+1 scope: the parent query and one per customer")
        .isEqualTo(1 + ShopUnderMetrics.CUSTOMERS);
    softly.assertThat(value("querylens_lock_errors_total{kind=\"lock_timeout\"}")).as("lock timeouts").isEqualTo(1);
    softly.assertThat(value("querylens_lock_wait_seconds_count{db_query_summary=\"UPDATE stock\"}"))
        .as("lock waits on stock").isEqualTo(1);
    softly.assertThat(value("querylens_lock_wait_seconds_sum{db_query_summary=\"UPDATE stock\"}"))
        .as("seconds waited: most of the %d ms the row was held", ShopUnderMetrics.HOLD_MILLIS)
        .isBetween(0.2, 5.0);
    softly.assertThat(value("db_client_operation_duration_seconds_count{db_query_summary=\"SELECT no_such_table\","
        + "error_type=\"42S02\"}")).as("the failed query under its SQLSTATE").isEqualTo(1);
    softly.assertThat(value("sum(querylens_pool_wait_seconds_count{pool=\"shop-pool\"})"))
        .as("checkouts from shop-pool").isGreaterThan(5);
    softly.assertThat(value("up{job=\"querylens\"}")).as("Prometheus scrapes through basic auth").isEqualTo(1);
    softly.assertThat(scrape).as("the scrape").doesNotContain(ShopUnderMetrics.SECRET);
    softly.assertThat(withoutSampleValues(scrape)).as("the scrape's names and labels")
        .doesNotContain(ShopUnderMetrics.AMOUNT_PREFIX);
    softly.assertAll();
  }

  /**
   * The scrape without its sample values: a literal can only leak through a name or a label, while a
   * measured duration such as {@code 0.004424241} may hold any run of digits.
   */
  private static String withoutSampleValues(String scrape) {
    return scrape.lines()
        .map(line -> line.startsWith("#") || line.lastIndexOf(' ') < 0 ? line : line.substring(0, line.lastIndexOf(' ')))
        .collect(java.util.stream.Collectors.joining("\n"));
  }

  @Test
  @Order(3)
  void theEndpointIsCleanForPromtoolAndClosedWithoutCredentials() throws Exception {
    HttpResponse<String> scrape = scrape(USER, PASSWORD);
    Path file = runDir.resolve("scrape.txt");
    Files.writeString(file, scrape.body());
    Process promtool = new ProcessBuilder(PrometheusServer.PROMTOOL.toString(), "check", "metrics")
        .redirectInput(file.toFile()).redirectErrorStream(true).start();
    String lint = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(lint).as("promtool check metrics on %s", file).isBlank();
    assertThat(promtool.exitValue()).as("promtool's exit code; it said: %s", lint).isZero();

    assertThat(scrape(null, null).statusCode()).as("a scrape without credentials").isEqualTo(401);
    assertThat(scrape(USER, "wrong").statusCode()).as("a scrape with a wrong password").isEqualTo(401);
  }

  @Test
  @Order(4)
  void tenThousandDistinctStatementsAndScopesKeepTheSeriesBounded() throws Exception {
    String series = "count({__name__=~\"db_client_operation_duration_seconds.*|querylens_.*\"})";
    double before = value(series);
    Files.writeString(runDir.resolve("distinct"), "");
    child.awaitStdoutLine("distinct-done", WAIT);
    awaitInPrometheus("querylens_fingerprints", values -> !values.isEmpty()
        && values.get(0).path("value").get(1).asDouble() >= 5_000);
    Thread.sleep(2_500); // two more scrapes: everything the distinct phase made is in

    double after = value(series);
    double summaries = value("count(count by (db_query_summary) (db_client_operation_duration_seconds_count))");
    double routes = value("count(count by (route) (querylens_queries_per_scope_count))");
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(summaries).as("db_query_summary values: 50 kept plus other").isLessThanOrEqualTo(51);
    softly.assertThat(routes).as("route values: 50 kept plus other").isLessThanOrEqualTo(51);
    softly.assertThat(value("count(db_client_operation_duration_seconds_count{db_query_summary=\"other\"})"))
        .as("statements beyond the cap are counted under other").isGreaterThan(0);
    softly.assertThat(value("sum(querylens_queries_per_scope_count{route=\"other\"})"))
        .as("scopes beyond the cap are counted under other").isGreaterThan(9_000);
    softly.assertThat(value("querylens_fingerprints")).as("fingerprints, capped by maxFingerprints").isEqualTo(5_000);
    softly.assertThat(after).as("series after %d distinct statements (%s before)", ShopUnderMetrics.DISTINCT, before)
        .isLessThan(3_000);
    softly.assertAll();
    System.out.printf("querylens-it: metrics series: %.0f before, %.0f after %d distinct statements and scopes%n",
        before, after, ShopUnderMetrics.DISTINCT);
  }

  @Test
  void aTakenPortIsSaidOnceAndTheApplicationRunsOnWithoutTheEndpoint() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      ChildResult result = ChildJvm.on(Jdk.CURRENT, RunDirectory.create(getClass(), "port-taken"))
          .withAgent("metricsPort=" + taken.getLocalPort())
          .main(io.querylens.agent.it.workload.TinyJdbcApp.class, "porttaken")
          .run();
      result.assertExitedNormally();
      List<String> said = result.stderrLines().stream().filter(l -> l.contains("metrics endpoint")).toList();
      assertThat(said).as("what the agent said about the endpoint\n%s", result.describe()).hasSize(1);
      assertThat(said.get(0)).contains("127.0.0.1:" + taken.getLocalPort()).contains("already in use")
          .contains("metricsPort");
      assertThat(result.report().queries()).as("statements in the report").isNotEmpty();
    }
  }

  @Test
  void onJava25TheMetricsAndTheOtlpPushAddNothingToTheApplicationsStderrButTheAgentsOwnLines() throws Exception {
    Jdk.JDK_25.requireInstalled();
    int closedPort = PrometheusServer.freePort(); // nobody listens: the push fails, and says so once
    ChildResult result = ChildJvm.on(Jdk.JDK_25, RunDirectory.create(getClass(), "jdk25-otlp"))
        .withAgent("metricsPort=" + PrometheusServer.freePort() + ",otlpEndpoint=http://127.0.0.1:" + closedPort
            + "/v1/metrics,otlpInterval=1s")
        .main(io.querylens.agent.it.workload.TinyJdbcApp.class, "jdk25otlp")
        .run();
    result.assertExitedNormally();
    // Protobuf before 4.36 and ByteBuddy without its safe mode print sun.misc.Unsafe warnings on JDK 24+.
    List<String> foreign = result.stderrLines().stream()
        .filter(line -> !line.startsWith("querylens") && !line.startsWith("OpenJDK 64-Bit Server VM warning: Sharing"))
        .filter(line -> line.startsWith("WARNING") || line.contains("Unsafe") || line.contains("INFO"))
        .toList();
    assertThat(foreign).as("lines the agent's libraries printed\n%s", result.describe()).isEmpty();
    assertThat(result.stderrLines().stream().filter(line -> line.contains("could not push metrics")).count())
        .as("the failed push, said once\n%s", result.describe()).isEqualTo(1);
  }

  private double value(String promql) {
    List<JsonNode> result = prometheus.vector(promql);
    assertThat(result).as("result of %s (target %s)", promql, prometheus.targetHealth()).hasSize(1);
    return result.get(0).path("value").get(1).asDouble();
  }

  private void awaitInPrometheus(String promql, Predicate<List<JsonNode>> done) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.test(prometheus.vector(promql))) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Prometheus never showed " + promql + "; target: " + prometheus.targetHealth()
        + "\nprometheus log:\n" + prometheus.log());
  }

  private HttpResponse<String> scrape(String user, String password) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
        .timeout(Duration.ofSeconds(10));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
