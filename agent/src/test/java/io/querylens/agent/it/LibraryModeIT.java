package io.querylens.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import example.library.OrderDesk;
import example.lockwait.RowHeldIdleInTransaction;
import io.querylens.agent.it.support.AgentJar;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.Classpaths;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.MetricsScrape;
import io.querylens.agent.it.support.PrometheusServer;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.Requirements;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunningChild;
import io.querylens.agent.it.support.SourceMarkers;
import io.querylens.agent.it.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Library mode end to end: {@link OrderDesk} runs with {@code querylens-agent.jar} on its class path (no
 * {@code -javaagent}), HikariCP over P6Spy's driver and QueryLens's module in P6Spy's {@code modulelist}.
 * Its report must count the same statements as often, with the same rows, errors and transactions, and
 * find the same problems at the same lines, as the same application's under the agent without P6Spy; its
 * metrics endpoint must count the same. So on H2 and PostgreSQL, on JDK 25 too, and with the listener
 * registered through P6Spy's {@code ServiceLoader} instead. A lock wait is probed and its blocker named,
 * as under the agent. With both the agent and the module, library mode stands aside, says so once, and
 * each statement is counted once.
 *
 * <p>Every run uses an idle gap longer than the workload, so that the per-thread windows (library mode's
 * units of work where the application's API cannot reach it; see {@link
 * #explicitScopesOfTheApplicationApiNameLibraryModesFindingsAsTheAgentsDo}) do not depend on timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryModeIT {
  /** As a user writes it in {@code spy.properties} or {@code -Dp6spy.config.modulelist}. */
  private static final String MODULE = "io.querylens.agent.library.QueryLensP6Module";

  // Findings that depend on timing (a slow statement, a slow checkout) are kept out: a loaded machine
  // must not make the two runs differ.
  private static final String SCOPE_OPTIONS =
      "scopeIdleGap=20s,scopeMaxWindow=60s,slowQueryThreshold=30s,poolWaitThreshold=30s";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Figures that depend on timing or on the run, not on what the application did. */
  private static final Set<String> RUN_DEPENDENT = Set.of("totalMs", "minMs", "maxMs", "meanMs", "stddevMs", "p50Ms",
      "p95Ms", "p99Ms", "histogram", "firstSeen", "lastSeen", "durationMs");

  /** The scope a finding belongs to, which only the agent learns from {@code QueryLens.scope} for now. */
  private static final Set<String> SCOPE_NAMES = Set.of("scope", "scopeKind");

  /** Series whose value counts what the application did: executions per statement shape, findings. */
  private static final Pattern COUNTED_SERIES = Pattern.compile(
      "(?m)^((?:db_client_operation_duration_seconds_count|querylens_findings_total|querylens_lock_errors_total)"
          + "\\{[^}]*}) (\\S+)$");

  private final Map<TestDatabase, Run> agentRuns = new EnumMap<>(TestDatabase.class);
  private final Map<TestDatabase, Run> libraryRuns = new EnumMap<>(TestDatabase.class);

  @Test
  void libraryModeReportsTheSameStatementsAndFindingsAsTheAgentOnH2() {
    assertSameAsTheAgent(TestDatabase.H2);
  }

  @Test
  void libraryModeReportsTheSameStatementsAndFindingsAsTheAgentOnPostgreSql() {
    String unreachable = TestDatabase.POSTGRESQL.whyUnreachable();
    Requirements.require(unreachable == null, String.valueOf(unreachable));
    assertSameAsTheAgent(TestDatabase.POSTGRESQL);
  }

  @Test
  void inLibraryModeEachStatementCountsOnceAndEachFindingPointsAtItsLine() {
    QueryReport report = libraryRun(TestDatabase.H2).report;
    report.assertCalls("select id from ql_desk_customers", 1);
    report.assertCalls("select total from ql_desk_orders where customer_id", OrderDesk.CUSTOMERS);
    report.assertCalls("select setting from ql_desk_settings", OrderDesk.LOOKUPS);
    report.assertCalls("insert into ql_desk_audit", OrderDesk.AUDITS);
    report.assertCalls("insert into ql_desk_customers", 1); // one batch
    report.assertCalls("select missing_column", 1);
    assertThat(report.query("select missing_column").errors()).isEqualTo(1);
    assertThat(report.query("delete from ql_desk_audit").calls()).isEqualTo(2);
    assertThat(report.summaryLong("transactions", "commits")).as("commits").isEqualTo(1);
    assertThat(report.summaryLong("transactions", "rollbacks")).as("rollbacks (rollback(Savepoint) is none)").isEqualTo(1);

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(finding(report, "N_PLUS_ONE").callSiteLine())
        .isEqualTo(SourceMarkers.line(OrderDesk.class, "n-plus-one"));
    softly.assertThat(finding(report, "N_PLUS_ONE").count()).isEqualTo(OrderDesk.CUSTOMERS);
    softly.assertThat(finding(report, "N_PLUS_ONE").parentRows()).isEqualTo(OrderDesk.CUSTOMERS);
    softly.assertThat(finding(report, "REPEATED_QUERY").callSiteLine())
        .isEqualTo(SourceMarkers.line(OrderDesk.class, "repeated-query"));
    softly.assertThat(finding(report, "REPEATED_QUERY").count()).isEqualTo(OrderDesk.LOOKUPS);
    softly.assertThat(finding(report, "UNBATCHED_WRITES").callSiteLine())
        .isEqualTo(SourceMarkers.line(OrderDesk.class, "unbatched-writes"));
    softly.assertThat(finding(report, "UNBATCHED_WRITES").count()).isEqualTo(OrderDesk.AUDITS);
    softly.assertThat(report.findings()).as(report.findingsListing()).hasSize(3);
    softly.assertAll();
  }

  @Test
  void withTheAgentInTheJvmLibraryModeStandsAsideAndSaysSoOnce() {
    Path dir = RunDirectory.create(getClass(), "agent-and-module");
    ChildResult both = library(ChildJvm.on(Jdk.CURRENT, dir), dir, 0)
        .withAgent(SCOPE_OPTIONS)
        .main(OrderDesk.class, p6spyUrl(TestDatabase.H2.url()))
        .run();
    QueryReport report = both.cleanReport();

    assertThat(both.stderrLines()).as("stderr\n%s", both.describe())
        .filteredOn(line -> line.contains("stands aside"))
        .containsExactly("querylens: the agent runs in this JVM and sees every statement below P6Spy; library mode"
            + " (P6Spy) stands aside");
    assertThat(both.stderrLines()).as("stderr\n%s", both.describe())
        .noneMatch(line -> line.contains("library mode (P6Spy) in"));
    // The agent alone, without P6Spy, is the reference: the same figures, scopes included.
    assertThat(comparable(report, Set.of())).as("%s\n%s", report.statementsListing(), report.findingsListing())
        .isEqualTo(comparable(agentRun(TestDatabase.H2).report, Set.of()));
  }

  @Test
  void onJdk25LibraryModeStartsWithoutAWordFromTheJvm() {
    Jdk.JDK_25.requireInstalled();
    Path dir = RunDirectory.create(getClass(), "library-jdk25");
    ChildResult library = library(ChildJvm.on(Jdk.JDK_25, dir), dir, 0)
        .main(OrderDesk.class, p6spyUrl(TestDatabase.H2.url()))
        .run();
    QueryReport report = library.cleanReport();

    assertThat(library.stderrLines()).as("what the JVM and QueryLens said\n%s", library.describe())
        .filteredOn(line -> !line.startsWith("QueryLens: ") && !line.startsWith(" "))
        .singleElement().asString().startsWith("querylens: agent ").contains(" started in library mode (P6Spy) in ");
    assertThat(comparable(report, SCOPE_NAMES)).as("%s\n%s", report.statementsListing(), report.findingsListing())
        .isEqualTo(comparable(agentRun(TestDatabase.H2).report, SCOPE_NAMES));
  }

  @Test
  void registeredThroughP6SpysServiceLoaderInsteadOfModulelistLibraryModeRecordsTheSame() throws IOException {
    Path dir = RunDirectory.create(getClass(), "service-loader");
    Path services = Files.createDirectories(dir.resolve("services").resolve("META-INF").resolve("services"));
    Files.writeString(services.resolve("com.p6spy.engine.event.JdbcEventListener"),
        "io.querylens.agent.library.QueryLensJdbcEventListener\n");
    List<Path> classpath = new ArrayList<>(Classpaths.application());
    classpath.add(dir.resolve("services"));
    classpath.add(AgentJar.path());
    ChildResult library = library(ChildJvm.on(Jdk.CURRENT, dir), dir, 0)
        .systemProperty("p6spy.config.modulelist", "com.p6spy.engine.spy.P6SpyFactory")
        .classpath(classpath)
        .main(OrderDesk.class, p6spyUrl(TestDatabase.H2.url()))
        .run();
    QueryReport report = library.cleanReport();

    assertThat(library.stderrLines()).as("stderr\n%s", library.describe())
        .filteredOn(line -> line.startsWith("querylens: "))
        .singleElement().asString().contains(" started in library mode (P6Spy) in ");
    assertThat(comparable(report, SCOPE_NAMES)).as("%s\n%s", report.statementsListing(), report.findingsListing())
        .isEqualTo(comparable(agentRun(TestDatabase.H2).report, SCOPE_NAMES));
  }

  @Test
  void aLockWaitIsProbedAndItsBlockerNamedOnH2() {
    assertLockWaitNamesItsBlocker(TestDatabase.H2, LockWaitIT.H2_URL);
  }

  @Test
  void aLockWaitIsProbedAndItsBlockerNamedOnPostgreSql() {
    String unreachable = TestDatabase.POSTGRESQL.whyUnreachable();
    Requirements.require(unreachable == null, String.valueOf(unreachable));
    assertLockWaitNamesItsBlocker(TestDatabase.POSTGRESQL, TestDatabase.POSTGRESQL.url());
  }

  /**
   * The lock-wait probe opens its side connection through the real driver, with the URL P6Spy passed it:
   * the blocker is found by its session, as under the agent ({@code LockWaitIT}).
   */
  private void assertLockWaitNamesItsBlocker(TestDatabase database, String url) {
    Path dir = RunDirectory.create(getClass(), database + "-lock-wait");
    String token = "lib" + Long.toString(ProcessHandle.current().pid(), 36);
    ChildResult child;
    try {
      child = library(ChildJvm.on(Jdk.CURRENT, dir), dir, 0)
          .systemProperty("querylens.lockWaitThreshold", "200ms")
          .main(RowHeldIdleInTransaction.class, p6spyUrl(url), token)
          .run();
    } finally {
      database.dropTablesIfExist(List.of(RowHeldIdleInTransaction.table(token)));
    }
    FindingEntry wait = child.cleanReport().onlyFinding("LOCK_WAIT");
    JsonNode blocker = wait.node().path("blocker");

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(wait.callSiteLine()).as("call site of %s", wait)
        .isEqualTo(SourceMarkers.line(RowHeldIdleInTransaction.class, "waiter-update"));
    softly.assertThat(blocker.path("thread").asText(null)).as("blocker thread of %s", wait)
        .isEqualTo(RowHeldIdleInTransaction.BLOCKER);
    softly.assertThat(blocker.path("sessionId").asText(null)).as("blocker session of %s", wait)
        .isEqualTo(child.observed("blockerSession"));
    softly.assertAll();
  }

  /**
   * {@code QueryLens.scope(name)} names the unit of work a finding belongs to. The application API finds
   * library mode's {@code ScopeHooks} in the agent jar on the class path, where the agent's would be on the
   * bootstrap class path.
   */
  @Test
  void explicitScopesOfTheApplicationApiNameLibraryModesFindingsAsTheAgentsDo() {
    List<String> library = new ArrayList<>();
    libraryRun(TestDatabase.H2).report.findings().forEach(f -> library.add(f.type() + " in " + f.scope()));
    List<String> agent = new ArrayList<>();
    agentRun(TestDatabase.H2).report.findings().forEach(f -> agent.add(f.type() + " in " + f.scope()));
    assertThat(library).containsExactlyInAnyOrderElementsOf(agent)
        .contains("N_PLUS_ONE in page", "REPEATED_QUERY in settings", "UNBATCHED_WRITES in import");
  }

  private void assertSameAsTheAgent(TestDatabase database) {
    Run agent = agentRun(database);
    Run library = libraryRun(database);

    assertThat(library.child.stderrLines()).as("stderr of the library-mode run\n%s", library.child.describe())
        .filteredOn(line -> line.startsWith("querylens: "))
        .singleElement().asString().startsWith("querylens: agent ")
        .contains(" started in library mode (P6Spy) in ", "; metrics on http://127.0.0.1:");
    assertThat(comparable(library.report, SCOPE_NAMES))
        .as("library mode's report (left: %s), figures that depend on timing left out, against the agent's (%s)",
            library.child.reportDir(), agent.child.reportDir())
        .isEqualTo(comparable(agent.report, SCOPE_NAMES));
    assertThat(library.report.findings()).as(library.report.findingsListing()).isNotEmpty();
    assertThat(countedSeries(library.scrape))
        .as("series counting executions and findings in library mode's scrape, against the agent's")
        .isEqualTo(countedSeries(agent.scrape))
        .isNotEmpty();
  }

  private Run agentRun(TestDatabase database) {
    return agentRuns.computeIfAbsent(database, db -> {
      Path dir = RunDirectory.create(getClass(), db + "-agent");
      int port = freePort();
      return Run.of(ChildJvm.on(Jdk.CURRENT, dir).withAgent(SCOPE_OPTIONS + ",metricsPort=" + port)
          .main(OrderDesk.class, db.url(), "wait"), dir, port);
    });
  }

  private Run libraryRun(TestDatabase database) {
    return libraryRuns.computeIfAbsent(database, db -> {
      Path dir = RunDirectory.create(getClass(), db + "-library");
      int port = freePort();
      return Run.of(library(ChildJvm.on(Jdk.CURRENT, dir), dir, port)
          .main(OrderDesk.class, p6spyUrl(db.url()), "wait"), dir, port);
    });
  }

  /**
   * The child as a user sets up library mode: the agent jar on the class path, the module in P6Spy's
   * {@code modulelist}, QueryLens's options as system properties. P6Spy logs through SLF4J (to nowhere),
   * not into {@code spy.log}; its JMX registration stays on, as by default.
   */
  private static ChildJvm library(ChildJvm child, Path dir, int metricsPort) {
    List<Path> classpath = new ArrayList<>(Classpaths.application());
    classpath.add(AgentJar.path());
    return child.classpath(classpath)
        .systemProperty("p6spy.config.modulelist", MODULE)
        .systemProperty("p6spy.config.appender", "com.p6spy.engine.spy.appender.Slf4JLogger")
        .systemProperty("querylens.reportDir", dir.resolve("report").toString())
        .systemProperty("querylens.reportInterval", "0")
        .systemProperty("querylens.metricsPort", Integer.toString(metricsPort))
        .systemProperty("querylens.scopeIdleGap", "20s")
        .systemProperty("querylens.scopeMaxWindow", "60s")
        .systemProperty("querylens.slowQueryThreshold", "30s")
        .systemProperty("querylens.poolWaitThreshold", "30s");
  }

  /** A finished run: its outcome, report and the scrape of its metrics endpoint before it stopped. */
  private static final class Run {
    final ChildResult child;
    final QueryReport report;
    final String scrape;

    private Run(ChildResult child, String scrape) {
      this.child = child;
      this.report = child.cleanReport();
      this.scrape = scrape;
    }

    static Run of(ChildJvm child, Path dir, int metricsPort) {
      try (RunningChild running = child.start()) {
        running.awaitStdoutLine("workload done", WAIT);
        String scrape = scrape(metricsPort);
        Files.writeString(dir.resolve("scrape.txt"), scrape);
        Files.writeString(dir.resolve("stop"), "");
        return new Run(running.awaitExit(), scrape);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String scrape(int port) {
    try {
      HttpResponse<String> response = MetricsScrape.get(port);
      assertThat(response.statusCode()).as("status of the scrape on port %d", port).isEqualTo(200);
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try {
      return PrometheusServer.freePort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code series{labels} -> value} of the counting series, without the {@code route} label: the unit of
   * work's name, which only the agent learns from {@code QueryLens.scope} for now.
   */
  private static Map<String, Double> countedSeries(String scrape) {
    Map<String, Double> series = new TreeMap<>();
    Matcher line = COUNTED_SERIES.matcher(scrape);
    while (line.find()) {
      series.merge(line.group(1).replaceAll("route=\"[^\"]*\",?", ""), Double.parseDouble(line.group(2)), Double::sum);
    }
    return series;
  }

  private static String p6spyUrl(String url) {
    return "jdbc:p6spy:" + url.substring("jdbc:".length());
  }

  private static FindingEntry finding(QueryReport report, String type) {
    return report.findings().stream().filter(f -> f.type().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " finding\n" + report.findingsListing()));
  }

  /** The report's summary, queries and findings as pretty JSON, without {@link #RUN_DEPENDENT} figures and {@code left}. */
  private static String comparable(QueryReport report, Set<String> left) {
    ObjectNode kept = JSON.createObjectNode();
    kept.set("summary", report.summary().deepCopy());
    kept.set("queries", sorted(report.root().path("queries"), "fingerprint"));
    kept.set("findings", sorted(report.root().path("findings"), "type", "fingerprint", "scope"));
    strip(kept, left);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kept);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode sorted(JsonNode entries, String... keys) {
    List<JsonNode> list = new ArrayList<>();
    entries.forEach(entry -> list.add(entry.deepCopy()));
    list.sort(Comparator.comparing(node -> {
      StringBuilder key = new StringBuilder();
      for (String k : keys) {
        key.append(node.path(k).asText()).append('\u0000');
      }
      return key.toString();
    }));
    ArrayNode result = JSON.createArrayNode();
    list.forEach(result::add);
    return result;
  }

  private static void strip(JsonNode node, Set<String> left) {
    if (node instanceof ObjectNode) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (RUN_DEPENDENT.contains(name) || left.contains(name)) {
          names.remove();
        }
      }
    }
    node.forEach(child -> strip(child, left));
  }
}
