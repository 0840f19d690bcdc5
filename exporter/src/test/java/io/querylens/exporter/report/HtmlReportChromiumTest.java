package io.querylens.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.querylens.analyzer.report.AgentInfo;
import io.querylens.analyzer.report.Finding;
import io.querylens.analyzer.report.Finding.Blocker;
import io.querylens.analyzer.report.Finding.CallSite;
import io.querylens.analyzer.report.QueryEntry;
import io.querylens.analyzer.report.Report;
import io.querylens.analyzer.report.RuntimeInfo;
import io.querylens.analyzer.report.Summary;
import io.querylens.analyzer.report.TransactionCounts;
import io.querylens.analyzer.stats.LatencyHistogram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in a real browser, Debian's headless Chromium, and checks what the page's
 * script made of it: the DOM it built, the errors it reported, and a screenshot kept as the build's
 * artifact ({@code target/html-report/querylens-report.png}, next to the page it shows).
 */
class HtmlReportChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path OUT = Path.of("target", "html-report");
  private static final long TIMEOUT_SECONDS = 60;

  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox", // as root in CI containers Chromium refuses to start with its sandbox
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--enable-logging=stderr",
          "--v=0",
          // Lets the page's DOMContentLoaded work finish before the DOM is dumped or the shot taken.
          "--virtual-time-budget=5000");

  private static final Instant STARTED = Instant.parse("2026-03-02T08:00:00Z");
  private static final String HOSTILE = "select /* </script><script>alert(1)</script> */ <b>name</b> from t";

  private static final Pattern QUERY_ROW =
      Pattern.compile("<tr class=\"query-row[^\"]*\" data-index=\"(\\d+)\"");

  private static final Pattern SOURCE =
      Pattern.compile("<(script|style)\\b[^>]*>.*?</\\1>", Pattern.DOTALL);
  private static final Pattern HTML_ELEMENT = Pattern.compile("<html\\b[^>]*>");

  @TempDir Path profiles;

  @BeforeAll
  static void requireChromium() {
    if (Files.isExecutable(CHROMIUM)) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail(CHROMIUM + " not found: the HTML report's browser test needs Debian's chromium package;"
          + " install it with `apt-get install chromium` (bash .ci/run does)");
    }
    Assumptions.abort(CHROMIUM + " not found; install Debian's chromium package to run the browser test");
  }

  // ---------------------------------------------------------------- the tests

  @Test
  void theReportRendersEveryPartWithoutAnError() throws Exception {
    Report report = realisticReport();
    Path page = new HtmlReportWriter().write(report, OUT);

    Run run = chromium("--dump-dom", page.toUri().toString());

    assertRenderedWithoutErrors(run);
    String dom = run.renderedContent();
    assertThat(dom)
        .as(run.describe())
        .contains("QueryLens report")
        .contains("N+1 queries", "Repeated queries", "Unbatched writes", "Slow queries", "Lock waits",
            "Deadlocks", "Connection pool waits")
        .contains("id=\"findings-N_PLUS_ONE\"", "id=\"findings-LOCK_WAIT\"", "id=\"findings-DEADLOCK\"")
        .contains("org.springframework.samples.petclinic.owner.OwnerController.showOwner(OwnerController.java:87)")
        .contains("The loop ran over its 12 rows.")
        .contains("idle in transaction", "RUNNING", "HikariPool-1")
        .contains("<svg", "class=\"chart histogram\"")
        .contains("no literal or bind value is included");
    assertThat(queryRowOrder(dom)).as(run.describe()).hasSize(report.queries().size());
    // Default order: total time, longest first.
    assertThat(queryRowOrder(dom).get(0)).isEqualTo(indexOfMost(report, QueryEntry::totalMs));
    assertThat(dom).containsPattern("<th class=\"col-total\"[^>]*aria-sort=\"descending\"");
  }

  @Test
  void theStatementsSortByCallsWhenTheAddressAsksForIt() throws Exception {
    Report report = realisticReport();
    Path page = new HtmlReportWriter().write(report, OUT);

    Run run = chromium("--dump-dom", page.toUri() + "#sort=calls");

    assertRenderedWithoutErrors(run);
    List<Integer> order = queryRowOrder(run.renderedContent());
    assertThat(order).as(run.describe()).hasSize(report.queries().size());
    assertThat(order.get(0)).isEqualTo(indexOfMost(report, QueryEntry::calls));
    List<Long> calls = order.stream().map(i -> report.queries().get(i).calls()).collect(Collectors.toList());
    assertThat(calls).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(run.renderedContent()).containsPattern("<th class=\"col-calls\"[^>]*aria-sort=\"descending\"");
  }

  @Test
  void aScreenshotOfTheReportIsKeptAsTheBuildsArtifact() throws Exception {
    Path page = new HtmlReportWriter().write(realisticReport(), OUT);
    Path png = OUT.resolve("querylens-report.png").toAbsolutePath();
    Files.deleteIfExists(png);

    Run run = chromium("--screenshot=" + png, "--window-size=1366,2400", "--hide-scrollbars", page.toUri().toString());

    assertThat(png).as(run.describe()).exists();
    assertThat(Files.size(png)).as(run.describe()).isGreaterThan(10 * 1024);
    assertThat(run.consoleErrors()).as(run.describe()).isEmpty();
  }

  @Test
  void anEmptyReportRendersWithoutAnError() throws Exception {
    Report empty =
        new Report(Report.SCHEMA_VERSION, STARTED.plusSeconds(5).toString(), new AgentInfo("0.1.0-SNAPSHOT"),
            runtime(), new Summary(0, 0, 0, 0, 0, 0, 0, new TransactionCounts(0, 0), 0, 0, 0), List.of(), List.of());
    Path page = ReportFiles.write(OUT.resolve("empty.html"), new HtmlReportWriter().render(empty)
        .getBytes(StandardCharsets.UTF_8));

    Run run = chromium("--dump-dom", page.toUri().toString());

    assertRenderedWithoutErrors(run);
    assertThat(run.renderedContent())
        .as(run.describe())
        .contains("No findings", "No statements were recorded.")
        .doesNotContain("<svg", "query-row", "finding-group");
  }

  @Test
  void aVersionOneReportWithoutOptionalFieldsRendersABoxPlotAndEscapesStatements() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(new JsonReportWriter().toJson(realisticReport()));
    root.put("schemaVersion", 1);
    root.remove("agent");
    ((ObjectNode) root.get("runtime")).remove(List.of("mainCommand", "javaHome", "uptimeMs"));
    for (JsonNode query : root.get("queries")) {
      ((ObjectNode) query).remove(List.of("scopes", "histogram", "errorsBySqlState", "tables"));
    }
    ((ObjectNode) root.get("queries").get(0)).put("statement", HOSTILE);
    for (JsonNode finding : root.get("findings")) {
      ((ObjectNode) finding).remove(List.of("stack", "occurrences", "callSite", "firstSeen"));
    }
    Path page = ReportFiles.write(OUT.resolve("version-1.html"),
        new HtmlReportWriter().render(mapper.writeValueAsString(root)).getBytes(StandardCharsets.UTF_8));

    Run run = chromium("--dump-dom", page.toUri().toString());

    assertRenderedWithoutErrors(run);
    assertThat(run.renderedContent())
        .as(run.describe())
        .contains("class=\"chart boxplot\"")
        .doesNotContain("class=\"chart histogram\"", "col-perScope", "<b>name", "alert(1)</script>")
        .contains("&lt;b&gt;name&lt;/b&gt;");
  }

  @Test
  void capturedBindValuesShowInTheirFindingAndStatementAndTheFooterSaysSo() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(new JsonReportWriter().toJson(realisticReport()));
    for (JsonNode query : root.get("queries")) { // the top statement's details are open by default
      ObjectNode sample = ((ObjectNode) query).putObject("worstSample");
      sample.put("durationMs", 812.5);
      sample.putArray("parameters").add("'jo…' (string, 22 chars)").add("(long, 12 digits)");
    }
    for (JsonNode finding : root.get("findings")) {
      if (finding.get("type").asText().equals("N_PLUS_ONE")) {
        ((ObjectNode) finding).putArray("parameters").add("(int, 5 digits)").add("NULL");
      }
    }
    Path page = ReportFiles.write(OUT.resolve("bind-values.html"),
        new HtmlReportWriter().render(mapper.writeValueAsString(root)).getBytes(StandardCharsets.UTF_8));

    Run run = chromium("--dump-dom", page.toUri().toString());

    assertRenderedWithoutErrors(run);
    assertThat(run.renderedContent())
        .as(run.describe())
        .contains("Bind values", "?1 = (int, 5 digits), ?2 = NULL")
        .contains("Slowest, with its values", "?1 = 'jo…' (string, 22 chars), ?2 = (long, 12 digits)")
        .contains("Bind values were captured (captureParameters=true)")
        .doesNotContain("no literal or bind value is included");
  }

  // ---------------------------------------------------------------- Chromium

  /** One finished Chromium run. */
  private static final class Run {
    final List<String> command;
    final String stdout;
    final String stderr;

    Run(List<String> command, String stdout, String stderr) {
      this.command = command;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    /** The DOM without its scripts and styles: what the page's script built, not its source. */
    String renderedContent() {
      return SOURCE.matcher(stdout).replaceAll("");
    }

    /** Lines where Chromium relays an error of the page's console. */
    List<String> consoleErrors() {
      return stderr.lines()
          .filter(line -> line.contains("CONSOLE") && (line.contains("Uncaught") || line.contains("Error")))
          .collect(Collectors.toList());
    }

    String describe() {
      return String.join(" ", command) + "\n--- Chromium's stderr ---\n" + stderr;
    }
  }

  private Run chromium(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(CHROMIUM.toString());
    command.addAll(FLAGS);
    // A fresh profile per run: nothing cached or remembered from another run.
    command.add("--user-data-dir=" + Files.createTempDirectory(profiles, "chromium-profile-"));
    command.addAll(Arrays.asList(arguments));
    Path stdout = Files.createTempFile(profiles, "stdout-", ".txt");
    Path stderr = Files.createTempFile(profiles, "stderr-", ".txt");
    // Files, not pipes: a full pipe nobody reads would stall Chromium until the timeout.
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
          + "\n--- Chromium's stderr ---\n" + Files.readString(stderr));
    }
    Run run = new Run(command, Files.readString(stdout), Files.readString(stderr));
    if (process.exitValue() != 0) {
      fail("Chromium exited with " + process.exitValue() + ": " + run.describe());
    }
    return run;
  }

  /**
   * Checks the page's own verdict, on its {@code <html>} element: the script finished, and reported
   * no error to {@code window.onerror} or {@code console.error}; and that Chromium relayed no error
   * from the page's console.
   */
  private static void assertRenderedWithoutErrors(Run run) {
    Matcher html = HTML_ELEMENT.matcher(run.stdout);
    assertThat(html.find()).as("an <html> element in the DOM of " + run.describe()).isTrue();
    assertThat(html.group())
        .as(run.describe())
        .contains("data-rendered=\"true\"")
        .doesNotContain("data-errors");
    assertThat(run.consoleErrors()).as(run.describe()).isEmpty();
  }

  private static List<Integer> queryRowOrder(String dom) {
    List<Integer> order = new ArrayList<>();
    Matcher matcher = QUERY_ROW.matcher(dom);
    while (matcher.find()) {
      order.add(Integer.parseInt(matcher.group(1)));
    }
    return order;
  }

  private static int indexOfMost(Report report, java.util.function.ToDoubleFunction<QueryEntry> figure) {
    int best = 0;
    for (int i = 1; i < report.queries().size(); i++) {
      if (figure.applyAsDouble(report.queries().get(i)) > figure.applyAsDouble(report.queries().get(best))) {
        best = i;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- a realistic report

  private static final String OWNERS =
      "select o1_0.id, o1_0.address, o1_0.city, o1_0.first_name, o1_0.last_name, o1_0.telephone"
          + " from owners o1_0 where o1_0.last_name like ? order by o1_0.last_name"
          + " offset ? rows fetch first ? rows only";
  private static final String PETS =
      "select p1_0.owner_id, p1_0.id, p1_0.birth_date, p1_0.name, p1_0.type_id from pets p1_0"
          + " where p1_0.owner_id = ?";
  private static final String VISITS =
      "select v1_0.pet_id, v1_0.id, v1_0.visit_date, v1_0.description from visits v1_0"
          + " where v1_0.pet_id = ? order by v1_0.visit_date desc";
  private static final String TYPES = "select pt1_0.id, pt1_0.name from types pt1_0 where pt1_0.id = ?";
  private static final String AUDIT =
      "insert into audit_log (actor, action, entity_id, created_at) values (?, ?, ?, ?)";
  private static final String DEBIT =
      "update accounts set balance = balance - ?, version = version + ? where id = ? and version = ?";
  private static final String LOCK_ACCOUNT =
      "select a1_0.id, a1_0.balance, a1_0.version from accounts a1_0 where a1_0.id = ? for update";
  private static final String REVENUE =
      "select date_trunc(?, v.visit_date) as day, count(*), sum(i.amount) from visits v"
          + " join invoices i on i.visit_id = v.id where v.visit_date between ? and ?"
          + " group by date_trunc(?, v.visit_date) order by day";

  private static Report realisticReport() {
    Random random = new Random(20260302L);
    List<QueryEntry> queries = new ArrayList<>();
    queries.add(entry("a04e6d1c99b3f270", OWNERS, "SELECT", List.of("owners"), 1_250, 0, 3_300, 1_250,
        latencies(random, 1_250, 2.4, 0.45), null, null));
    queries.add(entry("3f9c2a0b7d41e865", PETS, "SELECT", List.of("pets"), 48_200, 0, 61_000, 1_250,
        latencies(random, 48_200, 0.32, 0.35), null, null));
    queries.add(entry("5b1e0c3a9f2d7e41", VISITS, "SELECT", List.of("visits"), 9_600, 0, 14_100, 1_250,
        latencies(random, 9_600, 0.55, 0.4), null, null));
    queries.add(entry("77a0e9c4d2b18f36", TYPES, "SELECT", List.of("types"), 6_100, 0, 6_100, 1_250,
        latencies(random, 6_100, 0.12, 0.3), null, null));
    queries.add(entry("c0ffee1234abcd56", AUDIT, "INSERT", List.of("audit_log"), 15_400, 0, 15_400, 310,
        latencies(random, 15_400, 0.21, 0.5), null, null));
    double[] debits = concat(latencies(random, 760, 1.8, 0.4), latencies(random, 40, 420, 0.5));
    queries.add(entry("9e8d7c6b5a493827", DEBIT, "UPDATE", List.of("accounts"), 800, 3, 797, 800, debits,
        null, Map.of("40P01", 3L)));
    queries.add(entry("1a2b3c4d5e6f7081", LOCK_ACCOUNT, "SELECT", List.of("accounts"), 800, 0, 800, 800,
        latencies(random, 800, 0.9, 0.8), "FOR UPDATE", null));
    queries.add(entry("0f1e2d3c4b5a6978", REVENUE, "SELECT", List.of("invoices", "visits"), 24, 0, 720, 24,
        latencies(random, 24, 780, 0.35), null, null));
    // A statement without histogram or units of work, as a version 1 report or a merge of one has it.
    queries.add(new QueryEntry("2468ace013579bdf", "select count(*) from vets", "SELECT", List.of("vets"),
        "postgresql", 40, 0, Map.of(), 40, 18.4, 0.21, 2.9, 0.46, 0.31, 0.38, 0.95, 2.7, null,
        STARTED.plusSeconds(4).toString(), STARTED.plusSeconds(3_500).toString(), 0, null));
    queries.sort((a, b) -> Double.compare(b.totalMs(), a.totalMs()));

    List<Finding> findings = List.of(nPlusOne(), visitsNPlusOne(), repeated(), unbatched(), slowRunning(), lockWait(),
        deadlock(), poolWait());
    long statements = queries.stream().mapToLong(QueryEntry::calls).sum();
    double totalMs = Math.round(queries.stream().mapToDouble(QueryEntry::totalMs).sum() * 1000) / 1000.0;
    long errors = queries.stream().mapToLong(QueryEntry::errors).sum();
    long rows = queries.stream().mapToLong(QueryEntry::rows).sum();
    return new Report(
        Report.SCHEMA_VERSION,
        STARTED.plusSeconds(3_600).plusMillis(123).toString(),
        new AgentInfo("0.1.0-SNAPSHOT"),
        runtime(),
        new Summary(statements, queries.size(), totalMs, errors, rows, 1_240, 0, new TransactionCounts(2_410, 3), 0, 0,
            findings.size()),
        queries,
        findings);
  }

  private static RuntimeInfo runtime() {
    return new RuntimeInfo("17.0.15", "Eclipse Adoptium", "/usr/lib/jvm/temurin-17-jdk-amd64",
        "Linux 6.1.0-31-amd64 amd64", 48_213, "spring-petclinic-3.4.0.jar", STARTED.toString(), 3_600_123);
  }

  /** Latencies in milliseconds, log-normal around {@code medianMs}. */
  private static double[] latencies(Random random, int count, double medianMs, double sigma) {
    double[] values = new double[count];
    for (int i = 0; i < count; i++) {
      values[i] = medianMs * Math.exp(sigma * random.nextGaussian());
    }
    return values;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** An entry with its figures computed from {@code latencies}, as the agent's statistics would. */
  private static QueryEntry entry(String fingerprint, String statement, String operation, List<String> tables,
      long calls, long errors, long rows, long scopes, double[] latencies, String lockClause,
      Map<String, Long> errorsBySqlState) {
    LatencyHistogram histogram = new LatencyHistogram();
    double total = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double ms : latencies) {
      histogram.record(Math.round(ms * 1e6));
      total += ms;
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    double mean = total / latencies.length;
    double squares = 0;
    for (double ms : latencies) {
      squares += (ms - mean) * (ms - mean);
    }
    return new QueryEntry(fingerprint, statement, operation, tables, "postgresql", calls, errors,
        errorsBySqlState == null ? Map.of() : errorsBySqlState, rows, round(total), round(min), round(max),
        round(mean), round(Math.sqrt(squares / latencies.length)), round(histogram.valueAtPercentile(50) / 1e6),
        round(histogram.valueAtPercentile(95) / 1e6), round(histogram.valueAtPercentile(99) / 1e6), lockClause,
        STARTED.plusSeconds(2).toString(), STARTED.plusSeconds(3_590).toString(), scopes, histogram.buckets());
  }

  private static double round(double ms) {
    return Math.round(ms * 1000) / 1000.0;
  }

  private static CallSite site(String className, String method, int line) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    int nested = simple.indexOf('$');
    return new CallSite(className, method, (nested < 0 ? simple : simple.substring(0, nested)) + ".java", line);
  }

  private static String frame(CallSite site) {
    return site.toString();
  }

  private static final String PETCLINIC = "org.springframework.samples.petclinic.";

  private static Finding nPlusOne() {
    CallSite site = site(PETCLINIC + "owner.OwnerController", "showOwner", 87);
    return new Finding("N_PLUS_ONE", "ERROR", "GET /owners/{ownerId}", "request", PETS, "3f9c2a0b7d41e865", 14_880,
        5_120.5, site,
        List.of(frame(site), PETCLINIC + "owner.OwnerController$$SpringCGLIB$$0.showOwner(<generated>)",
            PETCLINIC + "system.RequestTimingFilter.doFilter(RequestTimingFilter.java:41)"),
        new Finding.ParentQuery(OWNERS, "a04e6d1c99b3f270", 12),
        "Load the rows in one call instead of one repository call per element: findAllById(ids), or a query"
            + " method with JOIN FETCH or @EntityGraph that returns them with the parent.",
        1_240, STARTED.plusSeconds(3).toString(), STARTED.plusSeconds(3_580).toString());
  }

  private static Finding visitsNPlusOne() {
    CallSite site = site(PETCLINIC + "owner.PetController", "initUpdateForm", 112);
    return new Finding("N_PLUS_ONE", "ERROR", "GET /owners/{ownerId}/pets/{petId}/edit", "request", VISITS,
        "5b1e0c3a9f2d7e41", 960, 610.25, site, List.of(frame(site)), null,
        "Fetch the visits with the pets: @EntityGraph(attributePaths = \"visits\") on the repository method.",
        80, STARTED.plusSeconds(40).toString(), STARTED.plusSeconds(3_100).toString());
  }

  private static Finding repeated() {
    CallSite site = new CallSite(PETCLINIC + "vet.VetCache", "lookup", null, -1);
    return new Finding("REPEATED_QUERY", "WARNING", "transaction in VisitService.scheduleVisits", "transaction",
        TYPES, "77a0e9c4d2b18f36", 4_850, 620.3, site, List.of(PETCLINIC + "vet.VetCache.lookup(Unknown Source)"),
        null, "Reuse the first result within the unit of work, or cache the lookup (@Cacheable).", 310,
        STARTED.plusSeconds(10).toString(), STARTED.plusSeconds(3_400).toString());
  }

  private static Finding unbatched() {
    CallSite site = site("com.example.audit.AuditWriter", "record", 58);
    return new Finding("UNBATCHED_WRITES", "WARNING", "nightly-audit-export", "explicit", AUDIT, "c0ffee1234abcd56",
        15_400, 3_290.7, site, List.of(frame(site), "com.example.audit.AuditJob.run(AuditJob.java:33)"), null,
        "Send the rows in batches: addBatch and executeBatch (JdbcTemplate.batchUpdate, or"
            + " hibernate.jdbc.batch_size with sequence ids).",
        1, STARTED.plusSeconds(600).toString(), STARTED.plusSeconds(610).toString());
  }

  private static Finding slowRunning() {
    CallSite site = site("com.example.reports.RevenueReport", "daily", 74);
    return new Finding("SLOW_QUERY", "WARNING", null, null, REVENUE, "0f1e2d3c4b5a6978", 1, 2_730.4, site,
        List.of(frame(site), "com.example.reports.ReportScheduler.lambda$start$0(ReportScheduler.java:29)"), null,
        "Look at the plan with EXPLAIN (ANALYZE, BUFFERS): an index on visits (visit_date) and invoices"
            + " (visit_id) would let it avoid the full scans.",
        1, STARTED.plusSeconds(3_597).toString(), STARTED.plusSeconds(3_600).toString(),
        2_730.4, 780.0, true, "scheduling-1", null, null, null, null, null);
  }

  private static Finding lockWait() {
    CallSite site = site("com.example.billing.PaymentService", "debit", 131);
    CallSite holder = site("com.example.billing.StatementJob", "closeMonth", 66);
    Blocker blocker = new Blocker("batch-worker-3", holder,
        List.of(frame(holder), "com.example.billing.StatementJob.run(StatementJob.java:40)"),
        List.of(LOCK_ACCOUNT, DEBIT), true, "41877", null);
    return new Finding("LOCK_WAIT", "WARNING", "POST /payments", "request", DEBIT, "9e8d7c6b5a493827", 40,
        17_012.9, site, List.of(frame(site), "com.example.billing.PaymentController.pay(PaymentController.java:52)"),
        null,
        "Keep transactions short: batch-worker-3 held its transaction open while idle. Commit before slow work,"
            + " or take row locks in the same order everywhere.",
        38, STARTED.plusSeconds(900).toString(), STARTED.plusSeconds(3_200).toString(),
        1_900.0, null, null, null, null, blocker, "accounts", "RowExclusiveLock", null);
  }

  private static Finding deadlock() {
    CallSite site = site("com.example.billing.TransferService", "transfer", 88);
    CallSite other = site("com.example.billing.TransferService", "transfer", 91);
    List<Blocker> participants = List.of(
        new Blocker("http-nio-8080-exec-4", site, List.of(frame(site)), List.of(LOCK_ACCOUNT, DEBIT), false, "41902",
            null),
        new Blocker("http-nio-8080-exec-9", other, List.of(frame(other)), List.of(LOCK_ACCOUNT), false, "41911", null),
        new Blocker(null, null, List.of(), List.of(), false, "39550", "update accounts set balance = ? where id = ?"));
    return new Finding("DEADLOCK", "ERROR", "POST /transfers", "request", DEBIT, "9e8d7c6b5a493827", 3, 3_012.0,
        site, List.of(frame(site),
            "com.example.billing.TransferController.create(TransferController.java:37)"), null,
        "Lock the two accounts in a fixed order (lowest id first), and retry the transaction on SQLSTATE 40P01.",
        3, STARTED.plusSeconds(1_200).toString(), STARTED.plusSeconds(2_950).toString(),
        null, null, null, null, null, null, null, null, participants);
  }

  private static Finding poolWait() {
    CallSite site = site("com.example.billing.PaymentService", "debit", 118);
    return new Finding("POOL_WAIT", "WARNING", "POST /payments", "request", null, null, 57, 14_220.0, site,
        List.of(frame(site)), null,
        "All 10 connections of HikariPool-1 were busy: look at the lock waits above holding them, then"
            + " at maximumPoolSize.",
        41, STARTED.plusSeconds(910).toString(), STARTED.plusSeconds(3_190).toString(),
        null, null, null, null, "HikariPool-1", null, null, null, null);
  }
}
