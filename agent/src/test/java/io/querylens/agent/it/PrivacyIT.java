package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import example.privacy.CanaryWorkload;
import example.privacy.Canaries;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.MetricsScrape;
import io.querylens.agent.it.support.PrometheusServer;
import io.querylens.agent.it.support.Requirements;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunningChild;
import io.querylens.agent.it.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Privacy end to end (issue 10 part 6): {@link CanaryWorkload} hides {@link Canaries} in SQL literals, bind
 * values (string, number, date, bytes), plain and sqlcommenter comments and unique-key violations whose
 * messages quote the duplicate, inside an N+1 on bind values, an N+1 on literals, slow statements and a lock
 * wait; then every output of the run is searched for every canary: each file the child left in its working
 * directory (the JSON, HTML and SARIF reports, its stdout and its stderr with the agent's lines and the console
 * summary) and a scrape of its Prometheus endpoint.
 *
 * <p>With the defaults no canary may appear anywhere. With {@code captureParameters=true} the bind values must
 * appear in the reports exactly as {@code parameterMask} renders them, the literals and comments still nowhere,
 * and never in the console, the log or the metrics, even with {@code parameterMask=none}.
 *
 * <p>Also checked here: the metrics endpoint, on its default host, refuses connections on the machine's other
 * addresses. Checked elsewhere, not repeated: report files are owner-only ({@code rw-------}) in {@link
 * ReportsIT#allThreeFilesAreWrittenOwnerOnlyAndTheHtmlLoadsNothing} (here again only for a run with
 * unmasked values), and basic authentication on the endpoint in {@link
 * MetricsPrometheusIT#theEndpointIsCleanForPromtoolAndClosedWithoutCredentials}.
 *
 * <p>One child JVM per database and setting, started on first use: seven runs of about four seconds each.
 * PostgreSQL runs are skipped when it is unreachable (they fail instead under {@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivacyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String H2_URL = "jdbc:h2:mem:privacy;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

  /** Findings of every kind the workload makes, with thresholds well under its 400 ms waits. */
  private static final String OPTIONS = "slowQueryThreshold=150ms,lockWaitThreshold=100ms";

  /** The outputs that may show an unmasked bind value with {@code parameterMask=none}: the reports alone. */
  private static final List<String> REPORTS =
      List.of("querylens-report.json", "querylens-report.html", "querylens-report.sarif");

  private static final String METRICS = "the Prometheus scrape";

  /** How a run is configured: the defaults, or capture on with one mask. */
  enum Setting {
    DEFAULTS(""),
    PARTIAL(",captureParameters=true"),
    TYPE(",captureParameters=true,parameterMask=type"),
    NONE(",captureParameters=true,parameterMask=none");

    final String options;

    Setting(String options) {
      this.options = options;
    }
  }

  // started on first use; the test methods run on one thread
  private final Map<String, Run> runs = new LinkedHashMap<>();

  @AfterAll
  void dropTheTablesAChildLeftBehind() {
    runs.values().forEach(run -> run.database.dropTablesIfExist(List.of("pv_person_" + run.canaries.token())));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2", "POSTGRESQL"})
  void withTheDefaultsNoCanaryReachesAnyOutput(TestDatabase database) {
    Run run = run(database, Setting.DEFAULTS);

    SoftAssertions softly = new SoftAssertions();
    run.assertWorkloadRanEverywhereACanaryCouldLeak(softly);
    for (String canary : run.canaries.texts().keySet()) {
      run.outputs.forEach((output, text) ->
          softly.assertThat(leak(text, canary))
              .as("%s canary %s in %s (%s)", run.canaries.texts().get(canary), canary, output, run).isNull());
    }
    softly.assertThat(run.json().toString()).as("the JSON report with the defaults")
        .doesNotContain("\"worstSample\"", "\"parameters\"");
    softly.assertAll();
  }

  static Stream<Arguments> captureSettings() {
    return Stream.of(
        Arguments.of(TestDatabase.H2, Setting.PARTIAL),
        Arguments.of(TestDatabase.POSTGRESQL, Setting.PARTIAL),
        Arguments.of(TestDatabase.H2, Setting.TYPE),
        Arguments.of(TestDatabase.H2, Setting.NONE),
        Arguments.of(TestDatabase.POSTGRESQL, Setting.NONE));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("captureSettings")
  void withCaptureParametersLiteralsAndCommentsStillNeverAppearAndBindValuesOnlyInTheReports(
      TestDatabase database, Setting setting) {
    Run run = run(database, setting);

    SoftAssertions softly = new SoftAssertions();
    run.assertWorkloadRanEverywhereACanaryCouldLeak(softly);
    run.canaries.texts().forEach((canary, kind) -> run.outputs.forEach((output, text) -> {
      boolean allowed = kind == Canaries.Kind.BIND && setting == Setting.NONE && REPORTS.contains(output);
      if (!allowed) {
        softly.assertThat(leak(text, canary)).as("%s canary %s in %s (%s)", kind, canary, output, run).isNull();
      }
    }));
    if (setting == Setting.NONE) {
      softly.assertThat(run.outputs.get("querylens-report.json")).as("the JSON report, unmasked")
          .contains(run.canaries.bindString(), Long.toString(run.canaries.bindNumber()),
              run.canaries.bindDate().toString(), HexFormat.of().formatHex(run.canaries.bindBytes()));
    }
    softly.assertAll();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("captureSettings")
  void withCaptureParametersTheWorstSampleAndTheFindingsShowTheValuesMaskedAsAsked(
      TestDatabase database, Setting setting) throws IOException {
    Run run = run(database, setting);
    Canaries canaries = run.canaries;
    JsonNode report = run.json();
    String table = "pv_person_" + canaries.token();
    Masks masks = new Masks(canaries, setting);

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(texts(query(report, "insert into " + table + "(id, email, born, photo) values (?+)")
            .path("worstSample").path("parameters")))
        .as("worstSample of the insert of the canary row")
        .containsExactly(masks.number(canaries.bindNumber()), masks.string(canaries.bindString()),
            masks.date(), masks.bytes());
    softly.assertThat(texts(query(report, "insert into " + table + "(email, id, born, photo) values (?+)")
            .path("worstSample").path("parameters")))
        .as("worstSample of the inserts with setNull: NULL, not the SQL type setNull was given")
        .hasSize(4).endsWith("NULL", "NULL")
        .satisfies(values -> assertThat(values.get(0)).matches(masks.loopString()))
        .satisfies(values -> assertThat(values.get(1)).matches(masks.smallNumber()));
    JsonNode nPlusOne = finding(report, "N_PLUS_ONE", "select id from " + table + " where email = ?");
    softly.assertThat(texts(nPlusOne.path("parameters"))).as("parameters of the N+1 on bind values")
        .singleElement().satisfies(value -> assertThat(value).matches(masks.loopString()));
    softly.assertThat(finding(report, "N_PLUS_ONE", "select email from " + table + " where id = ? or email = ?")
            .has("parameters"))
        .as("parameters of the N+1 on literals: a plain statement's literals are never shown").isFalse();
    softly.assertThat(texts(finding(report, "SLOW_QUERY", "sleep(", "where email = ?").path("parameters")))
        .as("parameters of the slow statement with a bind value")
        .containsExactly(masks.string(canaries.bindString()));
    JsonNode sarifResult = sarifResult(run, "N_PLUS_ONE", nPlusOne.path("fingerprint").asText());
    softly.assertThat(sarifResult.path("properties").path("parameters")).as("SARIF properties.parameters")
        .isEqualTo(nPlusOne.path("parameters"));
    softly.assertThat(run.outputs.get("querylens-report.html")).as("the HTML report holds the masked values")
        .contains(nPlusOne.path("parameters").get(0).asText().replace("<", "\\u003c").replace(">", "\\u003e"));
    JsonNode schemaNode = JSON.readTree(
        Path.of(System.getProperty("basedir", "."), "..", "docs", "report-schema.json").toFile());
    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    softly.assertThat(schema.validate(report)).as("schema errors of the JSON report with values").isEmpty();
    softly.assertAll();
  }

  @Test
  void withParameterMaskNoneTheAgentSaysOnceThatValuesWillBeWrittenAndTheFilesStayOwnerOnly() throws IOException {
    Run run = run(TestDatabase.H2, Setting.NONE);

    assertThat(run.child.stderrLines()).filteredOn(line -> line.contains("parameterMask=none")).singleElement()
        .satisfies(line -> assertThat(line).startsWith("querylens: ").contains("unmasked", run.child.reportDir()
            .toAbsolutePath().toString()));
    for (String name : REPORTS) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.child.reportDir().resolve(name))))
          .as(name).isEqualTo("rw-------");
    }
  }

  @Test
  void theMetricsEndpointOnItsDefaultHostRefusesConnectionsOnTheMachinesOtherAddresses() {
    Run run = run(TestDatabase.H2, Setting.DEFAULTS);
    Assumptions.assumeFalse(run.otherAddresses.isEmpty(),
        "this machine has no address but loopback: nothing to refuse on");

    assertThat(run.scrapeStatus).as("status of a scrape on 127.0.0.1:%s", run.metricsPort).isEqualTo(200);
    assertThat(run.otherAddresses).as("connections to port %s on the machine's other addresses", run.metricsPort)
        .allSatisfy((address, outcome) -> assertThat(outcome).as(address).isEqualTo("refused"));
  }

  // ----------------------------------------------------------------------------------------------------------

  private Run run(TestDatabase database, Setting setting) {
    return runs.computeIfAbsent(database + "-" + setting, key -> start(database, setting));
  }

  private Run start(TestDatabase database, Setting setting) {
    database.requireReachable();
    Canaries canaries = new Canaries(String.format("%08x", ThreadLocalRandom.current().nextInt()));
    String url = database == TestDatabase.H2 ? H2_URL : database.url();
    int port;
    try {
      port = PrometheusServer.freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path dir = RunDirectory.create(getClass(), database + "-" + setting.name().toLowerCase());
    ChildJvm jvm = ChildJvm.on(Jdk.CURRENT, dir)
        .withAgent(OPTIONS + ",metricsPort=" + port + setting.options)
        .main(CanaryWorkload.class, url, canaries.token())
        .timeout(Duration.ofSeconds(90));
    String scrape;
    int status;
    Map<String, String> others;
    ChildResult child;
    try (RunningChild running = jvm.start()) {
      running.awaitStdoutLine("workload-done", Duration.ofSeconds(80));
      HttpResponse<String> response = MetricsScrape.get(port);
      status = response.statusCode();
      scrape = response.body();
      others = connectElsewhere(port);
      Files.writeString(dir.resolve("stop"), "");
      child = running.awaitExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    child.assertExitedNormally();
    Map<String, String> outputs = new LinkedHashMap<>(readAll(dir));
    outputs.put(METRICS, scrape);
    return new Run(database, setting, canaries, child, outputs, port, status, others);
  }

  /** Every file the child left in its directory, by file name, as text. */
  private static Map<String, String> readAll(Path dir) {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(file.getFileName().toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(files).as("outputs of the run in %s", dir)
        .containsKeys("querylens-report.json", "querylens-report.html", "querylens-report.sarif", "stdout.txt",
            "stderr.txt");
    return files;
  }

  /** Tries the metrics port on every address of this machine that is not loopback: "refused" or what happened. */
  private static Map<String, String> connectElsewhere(int port) throws IOException {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
          continue;
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(address, port), 2_000);
          outcomes.put(address.getHostAddress(), "accepted");
        } catch (ConnectException e) {
          outcomes.put(address.getHostAddress(), "refused");
        } catch (IOException e) {
          outcomes.put(address.getHostAddress(), e.toString());
        }
      }
    }
    return outcomes;
  }

  /** Where {@code canary} occurs in {@code text}, with some context, or null when it does not. */
  private static String leak(String text, String canary) {
    int at = text.indexOf(canary);
    return at < 0 ? null
        : "…" + text.substring(Math.max(0, at - 80), Math.min(text.length(), at + canary.length() + 80)) + "…";
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static JsonNode query(JsonNode report, String statement) {
    for (JsonNode query : report.path("queries")) {
      if (query.path("statement").asText().equals(statement)) {
        return query;
      }
    }
    return fail("no query %s among %s", statement, report.path("queries").findValuesAsText("statement"));
  }

  /** The finding of {@code type} whose statement contains every one of {@code parts}. */
  private static JsonNode finding(JsonNode report, String type, String... parts) {
    for (JsonNode finding : report.path("findings")) {
      String statement = finding.path("statement").asText();
      if (finding.path("type").asText().equals(type) && Stream.of(parts).allMatch(statement::contains)) {
        return finding;
      }
    }
    return fail("no %s finding on %s among %s", type, List.of(parts), report.path("findings"));
  }

  private static JsonNode sarifResult(Run run, String rule, String fingerprint) throws IOException {
    JsonNode sarif = JSON.readTree(run.outputs.get("querylens-report.sarif"));
    for (JsonNode result : sarif.path("runs").get(0).path("results")) {
      if (result.path("ruleId").asText().equals(rule)
          && result.path("properties").path("fingerprint").asText().equals(fingerprint)) {
        return result;
      }
    }
    return fail("no SARIF result %s %s in %s", rule, fingerprint, sarif);
  }

  /** One child's run and what it left. */
  private record Run(TestDatabase database, Setting setting, Canaries canaries, ChildResult child,
      Map<String, String> outputs, int metricsPort, int scrapeStatus, Map<String, String> otherAddresses) {

    JsonNode json() {
      try {
        return JSON.readTree(outputs.get("querylens-report.json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The workload reached every place a canary could leak from, or a clean search would prove nothing. */
    void assertWorkloadRanEverywhereACanaryCouldLeak(SoftAssertions softly) {
      JsonNode report = json();
      softly.assertThat(child.observed("bindDuplicateQuoted")).as("the driver's message quoted the bind canary")
          .isEqualTo("true");
      softly.assertThat(child.observed("literalDuplicateQuoted"))
          .as("the driver's message quoted the literal canary").isEqualTo("true");
      softly.assertThat(report.path("findings").findValuesAsText("type")).as("finding types of %s", this)
          .contains("N_PLUS_ONE", "SLOW_QUERY", "LOCK_WAIT")
          .filteredOn("N_PLUS_ONE"::equals).hasSize(2);
      softly.assertThat(report.path("queries").findValues("errorsBySqlState").toString())
          .as("the unique-key violations reached the statistics").contains("23505");
      softly.assertThat(outputs.get(METRICS)).as("the scrape").contains("db_client_operation_duration_seconds");
      softly.assertThat(outputs.get("stderr.txt")).as("the console summary ran")
          .contains("querylens", "Top statements by total time");
    }

    @Override
    public String toString() {
      return database + " " + setting + ", token " + canaries.token() + ", in " + child.workDir();
    }
  }

  /** The masked forms the reports must show, per setting. */
  private record Masks(Canaries canaries, Setting setting) {
    String string(String value) {
      return switch (setting) {
        case PARTIAL -> "'" + value.substring(0, 2) + "…' (string, " + value.length() + " chars)";
        case TYPE -> "(string, " + value.length() + " chars)";
        default -> "'" + value + "'";
      };
    }

    /** A loop row's string, {@code <bindString>-<1..4>}, as a pattern. */
    String loopString() {
      String value = canaries.bindString() + "-1";
      return setting == Setting.NONE ? "'" + canaries.bindString() + "-[1-4]'" : quote(string(value));
    }

    String number(long value) {
      int digits = Long.toString(value).length();
      return setting == Setting.NONE ? Long.toString(value) : "(long, " + digits + " digits)";
    }

    /** A loop row's id, 1 to 4, as a pattern. */
    String smallNumber() {
      return setting == Setting.NONE ? "[1-4]" : quote("(long, 1 digit)");
    }

    String date() {
      return setting == Setting.NONE ? canaries.bindDate() + " (date)" : "(date)";
    }

    String bytes() {
      byte[] bytes = canaries.bindBytes();
      return setting == Setting.NONE ? "0x" + HexFormat.of().formatHex(bytes) : "(bytes, " + bytes.length + " bytes)";
    }

    private static String quote(String text) {
      return java.util.regex.Pattern.quote(text);
    }
  }
}
