package io.querylens.sample.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.analyzer.report.Finding;
import io.querylens.sample.SourceMarkers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged application with {@code --demo} under the built agent, in a child JVM, as the
 * README tells users to, and checks what the agent made of it: each problem endpoint's finding at
 * the line marked {@code // marker: <name>} in its source, and nothing at all in the fixed twins.
 */
class DemoRunIT {

  /** Failsafe runs in the module's directory. */
  private static final Path MODULE = Path.of("").toAbsolutePath();

  private static final Path APP_JAR = MODULE.resolve("target/querylens-sample-app.jar");
  private static final Path AGENT_JAR =
      MODULE.resolve("../agent/target/querylens-agent.jar").normalize();
  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  private static final int DEMO_SECONDS = 8;

  /**
   * Shorter on Java 25: each endpoint still gets concurrent requests, and the build stays quick.
   */
  private static final int DEMO_SECONDS_JAVA_25 = 5;

  private static final long TIMEOUT_SECONDS = 240;

  /** The finding each problem endpoint must produce, and where. */
  private static final List<ProblemSite> PROBLEMS =
      List.of(
          new ProblemSite(
              "N_PLUS_ONE",
              "io.querylens.sample.orders.OrderListingService",
              "recentOrdersLoadingCustomersOneByOne",
              "n-plus-one"),
          new ProblemSite(
              "SLOW_QUERY",
              "io.querylens.sample.report.CustomerStatementService",
              "statementScanningPayments",
              "slow-query"),
          new ProblemSite(
              "LOCK_WAIT",
              "io.querylens.sample.stock.StockReservationService",
              "reserveHoldingLockDuringWarehouseCall",
              "lock-wait"),
          new ProblemSite(
              "UNBATCHED_WRITES",
              "io.querylens.sample.importing.SupplierPriceImportService",
              "importRowByRow",
              "unbatched-writes"),
          new ProblemSite(
              "REPEATED_QUERY",
              "io.querylens.sample.catalog.PriceListService",
              "priceListLookingUpTheRateForEachProduct",
              "repeated-query"));

  /** The fixed twins' code: no finding may point here. */
  private static final List<String> FIXED_METHODS =
      List.of(
          "io.querylens.sample.orders.OrderListingService.recentOrdersWithCustomersJoined",
          "io.querylens.sample.report.CustomerStatementService.statementUsingIndex",
          "io.querylens.sample.stock.StockReservationService.reserveWithAtomicUpdate",
          "io.querylens.sample.importing.SupplierPriceImportService.importBatched",
          "io.querylens.sample.catalog.PriceListService.priceListWithCachedRate",
          "io.querylens.sample.catalog.CachedTaxRates.rateFor");

  /** The fixed twins' requests: no finding may belong to one. */
  private static final List<String> FIXED_ROUTES =
      List.of(
          "GET /orders/recent/join-fetch",
          "GET /reports/customers/{customerId}/statement/indexed",
          "POST /stock/{productId}/reservations/atomic",
          "POST /imports/supplier-prices/batched",
          "GET /catalog/price-list/cached");

  @Test
  void theDemoUnderTheAgentFindsEachProblemAtItsLineAndNothingInTheFixedTwins(@TempDir Path work)
      throws Exception {
    DemoRun run = DemoRun.start(Path.of(System.getProperty("java.home")), work, DEMO_SECONDS);

    run.assertFindsEachProblemAndNothingInTheFixedTwins();
  }

  /**
   * Another half minute, so only on request: with {@code QUERYLENS_TEST_JDK25} set (as {@code
   * .ci/run} does) or under {@code CI=true}, where a JDK 25 at the usual path is used. The runs are
   * not side by side on purpose: on a small machine, two demos at once starve each other's threads,
   * and a fixed twin's statement can then take 500 ms for no reason of its own.
   */
  @Test
  void theDemoRunsTheSameOnJava25(@TempDir Path work) throws Exception {
    String configured = System.getenv("QUERYLENS_TEST_JDK25");
    boolean requested =
        (configured != null && !configured.isBlank()) || "true".equals(System.getenv("CI"));
    assumeTrue(
        requested, "Set QUERYLENS_TEST_JDK25 to a JDK 25 to run the demo on Java 25 as well");
    Path jdk = configured == null || configured.isBlank() ? JDK25 : jdkHome(Path.of(configured));
    assertThat(jdk.resolve("bin/java"))
        .withFailMessage(
            "No JDK 25 at %s; install one there or point QUERYLENS_TEST_JDK25 at one", jdk)
        .isExecutable();

    DemoRun run = DemoRun.start(jdk, work, DEMO_SECONDS_JAVA_25);

    run.assertFindsEachProblemAndNothingInTheFixedTwins();
  }

  /**
   * A JDK home from what {@code QUERYLENS_TEST_JDK25} names: its {@code java} binary (as .ci/run
   * sets it) or its home.
   */
  private static Path jdkHome(Path configured) {
    Path bin = configured.getParent();
    return Files.isRegularFile(configured) && bin != null && bin.getParent() != null
        ? bin.getParent()
        : configured;
  }

  /** One run of the demo, finished, with its output and report. */
  private record DemoRun(int exitCode, String output, JsonNode report, Path reportDir, int port) {

    static DemoRun start(Path javaHome, Path work, int demoSeconds) throws Exception {
      assertThat(APP_JAR)
          .withFailMessage("No %s: run mvn package (or verify) in sample-app first", APP_JAR)
          .isRegularFile();
      assertThat(AGENT_JAR)
          .withFailMessage("No %s: build the agent module first (mvn -pl agent package)", AGENT_JAR)
          .isRegularFile();
      // A copy: on a shared checkout a rebuild of the agent must not pull the jar from under the
      // run.
      Path agent = Files.copy(AGENT_JAR, work.resolve("querylens-agent.jar"));
      Path reportDir = work.resolve("report");
      Path outputFile = work.resolve("output.txt");
      int port = freePort();
      List<String> command =
          List.of(
              javaHome.resolve("bin/java").toString(),
              // 1.5 s, not 500 ms: the unindexed report takes 2-3 s, while a fixed twin's quick
              // query can pass 500 ms on a starved CPU, and must still not count as a finding there
              "-javaagent:" + agent + "=reportDir=" + reportDir + ",metricsPort=" + port
                  + ",slowQueryThreshold=1500ms",
              "-jar",
              APP_JAR.toString(),
              "--demo",
              "--demo.seconds=" + demoSeconds);
      Process process =
          new ProcessBuilder(command)
              .directory(work.toFile())
              .redirectErrorStream(true)
              .redirectOutput(outputFile.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail(
            "The demo did not exit within %d s: %s%n%s",
            TIMEOUT_SECONDS, command, Files.readString(outputFile));
      }
      String output = Files.readString(outputFile);
      Path json = reportDir.resolve("querylens-report.json");
      assertThat(json).withFailMessage("No report at %s; the run said:%n%s", json, output).exists();
      return new DemoRun(
          process.exitValue(), output, new ObjectMapper().readTree(json.toFile()), reportDir, port);
    }

    void assertFindsEachProblemAndNothingInTheFixedTwins() {
      assertThat(exitCode).as("exit code; the run said:%n%s", output).isZero();
      assertThat(output)
          .contains("Demo done in", " 0 failed")
          .contains(reportDir.resolve("querylens-report.html").toString())
          .contains("http://127.0.0.1:" + port + "/metrics")
          .contains("QueryLens: ", "  Findings");

      List<JsonNode> findings =
          StreamSupport.stream(report.get("findings").spliterator(), false).toList();
      for (ProblemSite problem : PROBLEMS) {
        Finding.CallSite expected = problem.callSite();
        int line = expected.lineNumber();
        assertThat(findings)
            .as(
                "a %s finding at %s:%d among%n%s",
                problem.type(), expected.className(), line, describe(findings))
            .anySatisfy(
                finding -> {
                  assertThat(finding.path("type").asText()).isEqualTo(problem.type());
                  JsonNode site = finding.path("callSite");
                  assertThat(site.path("className").asText()).isEqualTo(expected.className());
                  assertThat(site.path("methodName").asText()).isEqualTo(expected.methodName());
                  assertThat(site.path("lineNumber").asInt()).isEqualTo(line);
                });
        // The console summary shows it with its line, as users see it.
        assertThat(output)
            .contains(
                problem.type(),
                expected.className()
                    + "."
                    + expected.methodName()
                    + "("
                    + expected.fileName()
                    + ":"
                    + line
                    + ")");
      }
      assertThat(findings)
          .as("findings in the fixed twins among%n%s", describe(findings))
          .noneMatch(finding -> FIXED_ROUTES.contains(finding.path("scope").asText()))
          .noneMatch(
              finding -> {
                JsonNode site = finding.path("callSite");
                return FIXED_METHODS.contains(
                    site.path("className").asText() + "." + site.path("methodName").asText());
              });
    }

    private static String describe(List<JsonNode> findings) {
      List<String> lines = new ArrayList<>();
      for (JsonNode finding : findings) {
        JsonNode site = finding.path("callSite");
        lines.add(
            "  "
                + finding.path("type").asText()
                + " in "
                + finding.path("scope").asText("(no scope)")
                + " at "
                + site.path("className").asText()
                + "."
                + site.path("methodName").asText()
                + ":"
                + site.path("lineNumber").asText());
      }
      return String.join("\n", lines);
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }

  /**
   * Where a problem endpoint's finding must point. By class name: the application's classes are in
   * its packaged jar, not on this test's class path.
   *
   * @param marker the name in the {@code // marker: <name>} comment on the line of the call
   */
  private record ProblemSite(String type, String className, String methodName, String marker) {

    /** The call site the agent must report, read from the source when the test runs. */
    Finding.CallSite callSite() {
      return SourceMarkers.callSite(className, methodName, marker);
    }
  }
}
