package io.querylens.agent.it;

import static org.junit.jupiter.api.Assertions.fail;

import example.concurrency.CustomerPages;
import example.concurrency.ShortLivedThreads;
import io.querylens.agent.it.support.ChildJvm;
import io.querylens.agent.it.support.ChildResult;
import io.querylens.agent.it.support.FindingEntry;
import io.querylens.agent.it.support.Jdk;
import io.querylens.agent.it.support.QueryEntry;
import io.querylens.agent.it.support.QueryReport;
import io.querylens.agent.it.support.RunDirectory;
import io.querylens.agent.it.support.RunningChild;
import io.querylens.agent.it.support.SourceMarkers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, part 3: the agent under concurrency, in child JVMs on H2 in memory.
 *
 * <p>{@link CustomerPages}: 64 threads × 100,000 statements (6,400,000), once on platform threads (the JDK
 * running the build) and once on virtual threads (JDK 25). Each thread counts what it ran; the report must
 * hold exactly those counts per fingerprint (calls, rows, and the scopes each statement ran in), exactly
 * 6,400,000 plus the setup and check statements in all, and one N+1 finding per thread's scope with exactly
 * the executions that thread made, none lost to another scope and nothing else found. A deadlock shows as a
 * child that does not finish in time: the test then fails with the child's thread dump.
 *
 * <p>{@link ShortLivedThreads}: threads that each run one lookup (50,000 platform threads) or an N+1 of three
 * (1,000,000 virtual threads) and end, four at a time; after them no per-thread state may be left in the
 * agent, and the report must count every lookup and every thread's N+1. The agent keeps per thread: the
 * bridge's {@code CallState} (a thread local, plus a weak reference in {@code JdbcHooks}' list of states,
 * pruned by the sweeper), the recorder's {@code RecorderThreadState} (hung off the call state), the scope
 * tracker's {@code ThreadScopes} (a thread local holding the thread's window {@code Scope}, its {@code
 * StatementGroup}s and an {@code ExecutionView}; a window with a finding is also registered with the {@code
 * FindingRegistry}, which closes it once its thread has ended); the statement map holds a weak key per open
 * prepared statement; a connection remembers the last thread that used it; {@code Captures} and the
 * lock-wait monitor key threads only while a test captures or a statement waits, which these threads never
 * do. The child takes a class histogram ({@code GC.class_histogram}, after a full collection) after the
 * first 10,000 threads and again at the end: the instance counts of those classes, and of the JDK's thread
 * and thread-local classes, must not grow, and the live heap may grow by at most {@link #HEAP_GROWTH_BOUND},
 * a memory bound, not a speed one.
 */
class ConcurrencyIT {

  /**
   * How long a child may run before it counts as deadlocked: far beyond the 12 to 60 s each takes on the
   * 2-core build machine, loaded or not ({@code querylens.it.concurrencyLimit}, an ISO-8601 duration).
   */
  private static final Duration LIMIT = Duration.parse(System.getProperty("querylens.it.concurrencyLimit", "PT6M"));

  private static final int THREADS = 64;
  private static final int STATEMENTS_PER_THREAD = 100_000;
  private static final int PAGES_PER_THREAD = STATEMENTS_PER_THREAD / CustomerPages.STATEMENTS_PER_PAGE;

  /**
   * Platform threads are slow to start on the 2-core build machine (130 to 430 µs each without the agent,
   * depending on load, and up to 640 µs with it), so a million of them take five minutes or more (280 s once,
   * with three lookups each, and passed): the platform run takes 50,000 (set {@code
   * querylens.it.platformThreads} for more); the virtual run takes a million (10 to 35 s).
   */
  private static final long PLATFORM_SHORT_LIVED = Long.getLong("querylens.it.platformThreads", 50_000);
  private static final long VIRTUAL_SHORT_LIVED = 1_000_000;
  private static final int AT_A_TIME = 4;
  private static final long WARM_UP_THREADS = 10_000;

  /**
   * How much the live heap may grow between the first 10,000 threads and the last: 1 MiB. Runs changed it by
   * -1.2 MB to +35 KB (classes loaded late, the JDK's own caches, up to 64 windows awaiting the registry's
   * sweep); anything kept per thread, an object and the reference to it, takes at least 28 bytes, so more
   * than 1 MiB over the 40,000 platform threads after the first 10,000, and 27 MB over 990,000 virtual ones.
   */
  private static final long HEAP_GROWTH_BOUND = 1024L * 1024;

  /**
   * Instances of a watched class may differ by this much between the two histograms: JDK housekeeping threads
   * come and go, and windows that ended with their thread wait for the registry's next sweep, which comes
   * once 64 scopes with findings are open. A leak differs by 40,000 or more.
   */
  private static final long INSTANCE_SLACK = 100;

  /**
   * Nothing slow or lock-bound may be found (the machine is loaded, and the N+1s are the point), and a
   * thread's window must not be cut by a pause between its statements.
   */
  private static final String OPTIONS = "slowQueryThreshold=60s,lockWaitThreshold=60s,scopeIdleGap=60s,"
      + "scopeMaxWindow=60s";

  @Test
  void sixtyFourPlatformThreadsLoseNoStatementAndNoFinding() {
    pages(Jdk.CURRENT, "platform");
  }

  @Test
  void sixtyFourVirtualThreadsLoseNoStatementAndNoFinding() {
    Jdk.JDK_25.requireInstalled();
    pages(Jdk.JDK_25, "virtual");
  }

  @Test
  void shortLivedPlatformThreadsRunningOneStatementLeaveNoStateBehind() {
    shortLived(Jdk.CURRENT, "platform", PLATFORM_SHORT_LIVED, 1);
  }

  /**
   * Each virtual thread runs an N+1 of three lookups in its window and ends with the window open: the
   * registry used to keep every such window until the next report (here: shutdown), and ran out of heap.
   */
  @Test
  void aMillionShortLivedVirtualThreadsEndingInsideAnNPlusOneLeaveNoStateBehind() {
    Jdk.JDK_25.requireInstalled();
    shortLived(Jdk.JDK_25, "virtual", VIRTUAL_SHORT_LIVED, 3);
  }

  private void pages(Jdk jdk, String kind) {
    Path dir = RunDirectory.create(getClass(), "pages-" + kind);
    ChildResult child = runWithin(LIMIT, jdk, dir, ChildJvm.on(jdk, dir)
        .withAgent(OPTIONS)
        .jvmOption("-Xmx1g") // the tables hold about 1.3 million rows; other builds share the machine
        .main(CustomerPages.class, Integer.toString(THREADS), Integer.toString(STATEMENTS_PER_THREAD), kind));
    QueryReport report = child.cleanReport();
    System.out.printf("querylens-it: %s: %,d statements on %d %s threads in %,d ms under the agent (child %,d ms)%n",
        getClass().getSimpleName(), (long) THREADS * STATEMENTS_PER_THREAD, THREADS, kind,
        child.observedLong("workload.ms"), child.elapsed().toMillis());

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.observed("threads.virtual")).as("the workload ran on virtual threads")
        .isEqualTo(Boolean.toString(kind.equals("virtual")));

    // Per fingerprint: exactly what the threads counted, which is exactly what the workload is made of.
    List<String> statements = List.of(CustomerPages.PARENT, CustomerPages.ORDERS, CustomerPages.CUSTOMER,
        "insert into cc_audit", "insert into cc_event");
    long[] perPage = {1, CustomerPages.CUSTOMERS_PER_SEGMENT, 1, 1, 1};
    long[] rowsPerCall = {CustomerPages.CUSTOMERS_PER_SEGMENT, CustomerPages.ORDERS_PER_CUSTOMER, 1, 1,
        CustomerPages.EVENTS_PER_PAGE};
    long pages = (long) THREADS * PAGES_PER_THREAD;
    long workload = 0;
    for (int i = 0; i < statements.size(); i++) {
      String label = CustomerPages.LABELS.get(i);
      QueryEntry entry = report.query(statements.get(i));
      long calls = child.observedLong("calls." + label);
      softly.assertThat(calls).as("calls.%s the threads counted", label).isEqualTo(perPage[i] * pages);
      softly.assertThat(entry.calls()).as("calls of %s\n%s", entry.statement(), report.statementsListing())
          .isEqualTo(calls);
      softly.assertThat(entry.rows()).as("rows of %s (the threads counted %s)", entry.statement(), label)
          .isEqualTo(child.observedLong("rows." + label)).isEqualTo(rowsPerCall[i] * calls);
      softly.assertThat(entry.errors()).as("errors of %s", entry.statement()).isZero();
      softly.assertThat(entry.node().path("scopes").asLong(-1)).as("scopes %s ran in: every page", entry.statement())
          .isEqualTo(pages);
      workload += entry.calls();
    }
    softly.assertThat(workload).as("the workload's statements").isEqualTo((long) THREADS * STATEMENTS_PER_THREAD);

    long setUpAndCheck = child.observedLong("setup.statements") + child.observedLong("verify.statements");
    long allCalls = 0;
    for (QueryEntry entry : report.queries()) {
      allCalls += entry.calls();
    }
    softly.assertThat(report.summaryLong("statements")).as("summary.statements: 6,400,000 + %d set-up and check",
        setUpAndCheck).isEqualTo((long) THREADS * STATEMENTS_PER_THREAD + setUpAndCheck).isEqualTo(allCalls);
    softly.assertThat(report.summaryLong("droppedEvents")).as("summary.droppedEvents").isZero();
    softly.assertThat(report.summaryLong("overflowedFingerprints")).as("summary.overflowedFingerprints").isZero();

    // One N+1 per thread, in that thread's own scope, with every execution that thread made and no other.
    int line = SourceMarkers.line(CustomerPages.class, "n-plus-one");
    Map<String, FindingEntry> byScope = new TreeMap<>();
    for (FindingEntry finding : report.findings()) {
      softly.assertThat(finding.type()).as("type of %s\n%s", finding.describe(), report.findingsListing())
          .isEqualTo("N_PLUS_ONE");
      softly.assertThat(byScope.put(String.valueOf(finding.scope()), finding))
          .as("a second finding in scope %s\n%s", finding.scope(), report.findingsListing()).isNull();
    }
    List<String> expectedScopes = new ArrayList<>();
    for (int n = 0; n < THREADS; n++) {
      expectedScopes.add(String.format("page-%02d", n));
    }
    softly.assertThat(byScope.keySet()).as("scopes with a finding\n%s", report.findingsListing())
        .containsExactlyElementsOf(expectedScopes);
    for (String scope : expectedScopes) {
      FindingEntry finding = byScope.get(scope);
      if (finding == null) {
        continue;
      }
      long executions = child.observedLong("nPlusOne." + scope);
      softly.assertThat(executions).as("orders lookups thread %s counted", scope)
          .isEqualTo((long) PAGES_PER_THREAD * CustomerPages.CUSTOMERS_PER_SEGMENT);
      softly.assertThat(finding.count()).as("count of %s", finding.describe()).isEqualTo(executions);
      softly.assertThat(finding.node().path("occurrences").asLong(-1)).as("occurrences (pages) of %s",
          finding.describe()).isEqualTo(child.observedLong("pages." + scope)).isEqualTo(PAGES_PER_THREAD);
      softly.assertThat(finding.scopeKind()).as("scope kind of %s", finding.describe()).isEqualTo("explicit");
      softly.assertThat(QueryReport.squeeze(finding.statement())).as("statement of %s", finding.describe())
          .isEqualTo(QueryReport.squeeze(CustomerPages.ORDERS));
      softly.assertThat(finding.callSiteLine()).as("line of %s", finding.describe()).isEqualTo(line);
      softly.assertThat(QueryReport.squeeze(finding.parentStatement())).as("parent of %s", finding.describe())
          .isEqualTo(QueryReport.squeeze(CustomerPages.PARENT));
    }
    softly.assertAll();
  }

  private void shortLived(Jdk jdk, String kind, long threads, int lookups) {
    Path dir = RunDirectory.create(getClass(), "short-lived-" + kind);
    ChildResult child = runWithin(LIMIT, jdk, dir, ChildJvm.on(jdk, dir)
        .withAgent(OPTIONS)
        .jvmOption("-Xmx256m")
        .main(ShortLivedThreads.class, Long.toString(threads), kind, Integer.toString(AT_A_TIME),
            Long.toString(WARM_UP_THREADS), Integer.toString(lookups)));
    QueryReport report = child.cleanReport();
    long warmHeap = child.observedLong("warm.heapBytes");
    long endHeap = child.observedLong("end.heapBytes");
    System.out.printf("querylens-it: %s: %,d short-lived %s threads in %,d ms under the agent (child %,d ms);"
            + " live heap %,d bytes after %,d threads, %,d after all%n", getClass().getSimpleName(), threads, kind,
        child.observedLong("threads.ms"), child.elapsed().toMillis(), warmHeap, WARM_UP_THREADS, endHeap);

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(child.observed("threads.virtual")).as("the workload ran on virtual threads")
        .isEqualTo(Boolean.toString(kind.equals("virtual")));
    QueryEntry lookup = report.query(ShortLivedThreads.LOOKUP);
    long executions = threads * lookups;
    softly.assertThat(child.observedLong("calls.lookup")).as("lookups the threads ran").isEqualTo(executions);
    softly.assertThat(lookup.calls()).as("calls of %s", lookup.statement()).isEqualTo(executions);
    softly.assertThat(lookup.rows()).as("rows of %s", lookup.statement()).isEqualTo(child.observedLong("rows.lookup"))
        .isEqualTo(executions);
    softly.assertThat(report.summaryLong("statements")).as("summary.statements")
        .isEqualTo(executions + child.observedLong("setup.statements"));
    if (lookups < 3) {
      softly.assertThat(report.findings()).as("findings\n%s", report.findingsListing()).isEmpty();
    } else {
      // Every thread's N+1, though no thread closed its window: none lost, none counted twice.
      FindingEntry nPlusOne = report.onlyFinding("N_PLUS_ONE");
      softly.assertThat(nPlusOne.scopeKind()).as("scope kind of %s", nPlusOne.describe()).isEqualTo("thread");
      softly.assertThat(nPlusOne.count()).as("count of %s", nPlusOne.describe()).isEqualTo(executions);
      softly.assertThat(nPlusOne.node().path("occurrences").asLong(-1)).as("occurrences (threads) of %s",
          nPlusOne.describe()).isEqualTo(threads);
      softly.assertThat(nPlusOne.callSiteLine()).as("line of %s", nPlusOne.describe())
          .isEqualTo(SourceMarkers.line(ShortLivedThreads.class, "lookup"));
    }

    List<String> watched = new ArrayList<>(ShortLivedThreads.WATCHED_JDK);
    watched.addAll(ShortLivedThreads.WATCHED_AGENT);
    StringBuilder table = new StringBuilder("instances after " + WARM_UP_THREADS + " threads -> after " + threads);
    for (String name : watched) {
      table.append(String.format("%n  %8d -> %8d  %s", child.observedLong("warm.instances." + name),
          child.observedLong("end.instances." + name), name));
    }
    // The histogram was read at all, by the names the checks below use: a name read wrong counts as 0 and passes.
    for (String alive : List.of("java.lang.Thread", "bootstrap.CallState", "analyzer.scope.ThreadScopes")) {
      softly.assertThat(child.observedLong("warm.instances." + alive)).as("%s, alive on the main thread\n%s", alive,
          table).isPositive();
    }
    for (String name : watched) {
      long warm = child.observedLong("warm.instances." + name);
      long end = child.observedLong("end.instances." + name);
      // Absolute too: state kept for each of the first 10,000 threads would already show there.
      softly.assertThat(warm).as("%s after the first %d threads\n%s", name, WARM_UP_THREADS, table)
          .isLessThan(WARM_UP_THREADS / 10);
      softly.assertThat(end).as("%s after %d threads\n%s", name, threads, table)
          .isLessThanOrEqualTo(warm + INSTANCE_SLACK);
    }
    softly.assertThat(endHeap - warmHeap).as("live heap growth from %,d threads to %,d (bytes)\n%s", WARM_UP_THREADS,
        threads, table).isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
    softly.assertAll();
  }

  /**
   * Runs the child and waits at most {@code limit}; past it, takes the child's thread dump into the failure
   * message (a deadlock, or a livelock, is a child that does not finish), then destroys it.
   */
  private static ChildResult runWithin(Duration limit, Jdk jdk, Path dir, ChildJvm jvm) {
    try (RunningChild child = jvm.timeout(limit.plusMinutes(1)).start()) {
      ProcessHandle handle = ProcessHandle.of(child.pid()).orElse(null);
      if (handle != null && !exitsWithin(handle, limit)) {
        String dump = threadDump(jdk, child.pid(), dir);
        child.close();
        ChildResult destroyed = child.awaitExit();
        fail("the child did not finish within " + limit + " (a deadlock?); its threads:\n" + dump + "\n"
            + destroyed.describe());
      }
      return child.awaitExit();
    }
  }

  private static boolean exitsWithin(ProcessHandle handle, Duration limit) {
    try {
      handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !handle.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code jcmd <pid> Thread.print -l} (platform threads and locks), and on JDK 21+ {@code Thread.dump_to_file},
   * which also lists virtual threads; both are saved beside the child's output, and the first is returned.
   */
  private static String threadDump(Jdk jdk, long pid, Path dir) {
    String jcmd = jdk.home().resolve("bin").resolve("jcmd").toString();
    StringBuilder dump = new StringBuilder(run(dir, "jstack.txt", jcmd, Long.toString(pid), "Thread.print", "-l"));
    if (jdk.featureVersion() >= 21) {
      Path all = dir.resolve("threads-with-virtual.txt");
      run(dir, "thread-dump-to-file.txt", jcmd, Long.toString(pid), "Thread.dump_to_file", "-format=text",
          all.toString());
      dump.append("\n(virtual threads too: ").append(all).append(")");
    }
    return dump.toString();
  }

  private static String run(Path dir, String outputFile, String... command) {
    Path output = dir.resolve(outputFile);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return Files.readString(output);
    } catch (IOException e) {
      return "(could not run " + String.join(" ", command) + ": " + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted while running " + String.join(" ", command) + ")";
    }
  }
}
