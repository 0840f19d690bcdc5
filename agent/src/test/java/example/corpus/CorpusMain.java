package example.corpus;

import example.concurrency.Threads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The corpus application: runs the scenarios one after the other, each step on a fresh platform
 * thread joined before the next ({@code <name>-setup}, {@code <name>}, {@code <name>-teardown}), so
 * that no two scenarios, and no set-up and workload, ever share a scope.
 *
 * <p>Usage: {@code CorpusMain [--virtual-threads] [scenario ...]}: the named scenarios (simple class
 * names), default all; with {@code --virtual-threads} each workload runs on a virtual thread instead
 * (Java 21+, created by reflection since this code is compiled for 17). Prints {@code scenario <name>
 * done} (or {@code FAILED}) per scenario, {@code observed <key>=<value>} lines for the test's
 * oracles, then {@code corpus done}; exits 1 if any scenario failed. {@code -Dcorpus.showSql=true}
 * makes Hibernate print its SQL.
 */
public final class CorpusMain {

  /** The option that runs the workloads on virtual threads. */
  public static final String VIRTUAL_THREADS = "--virtual-threads";

  // JUL drops loggers nobody holds; this keeps Tomcat's console output at WARNING
  private static final Logger ROOT_LOGGER = Logger.getLogger("");

  private CorpusMain() {}

  /** Every scenario, in the order they run. */
  static List<Scenario> all() {
    return List.of(
        new LazyManyToOneInLoop(),
        new EagerCollectionsWithoutBatchFetch(),
        new NestedEagerJoinedIntoEachSelect(),
        new EagerCollectionsWithBatchFetch(),
        new BatchSizeOnCollection(),
        new JoinFetch(),
        new SpringDataFindByIdInLoop(),
        new PlainJdbcLookupPerRow(),
        new OneLookupPerThread(),
        new OffsetPaging(),
        new KeysetPaging(),
        new ExecuteBatchInserts(),
        new SingleInsertsInLoop(),
        new IdenticalLookupTwice(),
        new SpringMvcRequestNPlusOne(),
        new ThreeRequestsOneLookupEach(),
        new JettyLegacyServletNPlusOne(),
        new ExplicitScopeNPlusOne(),
        new OneLookupPerTransaction(),
        new NPlusOneInOneTransaction(),
        new TransactionSpansAnAutoCommitConnection(),
        new ManualCommitPoolBackToBack(),
        new NestedTransactionOnSecondConnection(),
        new SameIdFiveTimes(),
        new InListChunks(),
        new ReadUpdateRead(),
        new HibernateBatchedInserts(),
        new HibernateUnbatchedInserts(),
        new LambdaLookupPerId(),
        new JdbcTemplateQueryForObjectInLoop(),
        new LiteralLookupTwice());
  }

  /** The names of every scenario, in the order they run. */
  public static List<String> scenarioNames() {
    List<String> names = new ArrayList<>();
    for (Scenario scenario : all()) {
      names.add(scenario.name());
    }
    return names;
  }

  /** Runs the scenarios; see the class comment. */
  public static void main(String[] args) throws Exception {
    // Hibernate would otherwise log through JUL to stderr; slf4j-nop keeps it quiet.
    System.setProperty("org.jboss.logging.provider", "slf4j");
    ROOT_LOGGER.setLevel(Level.WARNING);
    for (Handler handler : ROOT_LOGGER.getHandlers()) {
      handler.setLevel(Level.WARNING);
    }

    boolean virtualThreads = false;
    List<String> names = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals(VIRTUAL_THREADS)) {
        virtualThreads = true;
      } else {
        names.add(arg);
      }
    }
    List<Scenario> scenarios = select(names);

    int failed = 0;
    for (Scenario scenario : scenarios) {
      String name = scenario.name();
      Throwable failure = runOnItsOwnThread(name + "-setup", scenario::prepare, false);
      if (failure == null) {
        failure = runOnItsOwnThread(name, scenario::run, virtualThreads);
      }
      Throwable closing = runOnItsOwnThread(name + "-teardown", scenario::close, false);
      if (failure == null) {
        failure = closing;
      } else if (closing != null) {
        failure.addSuppressed(closing);
      }
      if (failure == null) {
        System.out.println("scenario " + name + " done");
      } else {
        failed++;
        System.out.println("scenario " + name + " FAILED: " + failure);
        System.err.println("scenario " + name + " failed:\n" + stackTrace(failure));
      }
    }
    CorpusDb.closePool();
    System.out.println("corpus done: " + scenarios.size() + " scenarios, " + failed + " failed");
    // Servers and pools are closed, but a library thread left behind must not keep the JVM (and the
    // report, written at shutdown) waiting.
    System.exit(failed == 0 ? 0 : 1);
  }

  /** Prints {@code observed <key>=<value>}, an oracle for the test. */
  static void observe(String key, Object value) {
    System.out.println("observed " + key + "=" + value);
  }

  private static List<Scenario> select(List<String> names) {
    List<Scenario> all = all();
    if (names.isEmpty()) {
      return all;
    }
    Map<String, Scenario> byName = new LinkedHashMap<>();
    for (Scenario scenario : all) {
      byName.put(scenario.name(), scenario);
    }
    List<Scenario> selected = new ArrayList<>();
    for (String name : names) {
      Scenario scenario = byName.get(name);
      if (scenario == null) {
        throw new IllegalArgumentException("no scenario '" + name + "'; known: " + byName.keySet());
      }
      selected.add(scenario);
    }
    return selected;
  }

  /** A step of a scenario. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static Throwable runOnItsOwnThread(String threadName, Step step, boolean virtual)
      throws InterruptedException {
    Throwable[] failure = new Throwable[1];
    Runnable body =
        () -> {
          try {
            step.run();
          } catch (Throwable t) {
            failure[0] = t;
          }
        };
    Thread thread = virtual ? Threads.unstartedVirtual(threadName, body) : new Thread(body, threadName);
    thread.start();
    thread.join();
    return failure[0];
  }

  /** Whether the calling thread is virtual ({@code Thread.isVirtual()} on Java 21+, else false). */
  static boolean isVirtualThread() {
    return Threads.isVirtual(Thread.currentThread());
  }

  private static String stackTrace(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
