package example.concurrency;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;

/**
 * A great many short-lived threads, each preparing a lookup on H2, running it a few times, closing it and
 * ending, a few at a time (one connection per concurrent thread, handed from one wave of threads to the next).
 *
 * <p>Usage: {@code ShortLivedThreads <threads> <platform|virtual> <at a time> <warm-up threads> <lookups>}:
 * each thread runs {@code <lookups>} lookups of distinct customers; from {@code nPlusOneThreshold} (3) on,
 * that is an N+1 in the thread's window, which the thread leaves open as it ends. After the
 * warm-up threads and again after all of them the workload collects garbage and prints what is left on the
 * heap: {@code observed <phase>.heapBytes} (the live heap, as the class histogram totals it) and {@code
 * observed <phase>.instances.<class>} for every class of {@link #WATCHED_JDK} and {@link #WATCHED_AGENT},
 * where {@code <phase>} is {@code warm} or {@code end}; also {@code observed calls.lookup}, {@code observed
 * rows.lookup}, {@code observed setup.statements}, {@code observed threads.virtual}, then {@code workload
 * done}. Exits 1 if a thread failed.
 */
public final class ShortLivedThreads {

  /** The statement each thread runs once. */
  public static final String LOOKUP = "select name from sl_customer where id = ?";

  /** Customers in the table; thread n looks up customer n modulo this, plus one. */
  public static final int CUSTOMERS = 100;

  /** JDK classes whose instance counts would grow with per-thread state left behind. */
  public static final List<String> WATCHED_JDK = List.of("java.lang.Thread", "java.lang.VirtualThread",
      "java.lang.ThreadLocal$ThreadLocalMap", "java.lang.ThreadLocal$ThreadLocalMap$Entry",
      "java.util.concurrent.ConcurrentLinkedQueue$Node", "java.lang.ref.WeakReference");

  /**
   * The agent's classes that exist per thread, or per statement or scope of a thread, named without their
   * package root ({@code io.querylens.}, or {@code io.querylens.shaded.} for the relocated analyzer): the
   * bridge's call state and the recorder's scratch per thread, the scope tracker's per-thread scopes and what
   * a thread's window holds (with its finding, if any), and the weak keys of prepared statements.
   */
  public static final List<String> WATCHED_AGENT = List.of("bootstrap.CallState", "agent.record.RecorderThreadState",
      "analyzer.scope.ThreadScopes", "analyzer.scope.ThreadScopes$Frame", "analyzer.scope.Scope",
      "analyzer.scope.StatementGroup", "analyzer.scope.ExecutionView", "analyzer.scope.CallSiteGroup",
      "analyzer.event.StatementEvent", "analyzer.detect.FindingAccumulator", "agent.record.StatementState",
      "agent.record.WeakIdentityMap$WeakKey");

  private static final String URL = "jdbc:h2:mem:short_lived;DB_CLOSE_DELAY=-1";

  private ShortLivedThreads() {}

  public static void main(String[] args) throws Exception {
    long threads = Long.parseLong(args[0]);
    ThreadFactory factory = Threads.factory(args[1], "short-");
    int atATime = Integer.parseInt(args[2]);
    long warmUp = Long.parseLong(args[3]);
    int lookups = Integer.parseInt(args[4]);

    Connection[] connections = new Connection[atATime];
    for (int i = 0; i < atATime; i++) {
      connections[i] = DriverManager.getConnection(URL);
    }
    try (Statement ddl = connections[0].createStatement()) {
      ddl.execute("create table sl_customer(id int primary key, name varchar(40) not null)");
      ddl.execute("insert into sl_customer(id, name) select x, 'customer ' || x from system_range(1, " + CUSTOMERS
          + ")");
    }
    System.out.println("observed setup.statements=2");

    AtomicLong calls = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    boolean[] virtual = {true};
    long started = System.nanoTime();
    long done = 0;
    boolean measuredWarm = false;
    List<Thread> wave = new ArrayList<>(atATime);
    while (done < threads && failure.get() == null) {
      if (!measuredWarm && done >= warmUp) {
        measure("warm");
        measuredWarm = true;
      }
      int size = (int) Math.min(atATime, threads - done);
      wave.clear();
      for (int i = 0; i < size; i++) {
        Connection c = connections[i];
        int id = (int) ((done + i) % CUSTOMERS);
        wave.add(factory.newThread(() -> {
          try (PreparedStatement lookup = c.prepareStatement(LOOKUP)) {
            for (int n = 0; n < lookups; n++) {
              lookup.setInt(1, (id + n) % CUSTOMERS + 1);
              try (ResultSet rs = lookup.executeQuery()) { // marker: lookup
                while (rs.next()) {
                  rows.incrementAndGet();
                }
              }
              calls.incrementAndGet();
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          }
        }));
      }
      for (Thread thread : wave) {
        thread.start();
      }
      for (Thread thread : wave) {
        thread.join();
        virtual[0] &= Threads.isVirtual(thread);
      }
      done += size;
    }
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    wave.clear();
    measure("end");

    System.out.println("observed calls.lookup=" + calls.get());
    System.out.println("observed rows.lookup=" + rows.get());
    System.out.println("observed threads.virtual=" + virtual[0]);
    System.out.println("observed threads.ms=" + elapsedMs);
    for (Connection c : connections) {
      c.close();
    }
    if (failure.get() != null) {
      System.out.println("workload FAILED after " + done + " threads");
      failure.get().printStackTrace();
      System.exit(1);
    }
    System.out.println("workload done");
  }

  /**
   * Prints the live heap and the watched instance counts, from {@code GC.class_histogram} (what {@code jcmd
   * <pid> GC.class_histogram} prints; it collects garbage first). Collects and waits a little before: the
   * agent's sweeper prunes ended threads from its list of thread states every 100 ms, once the collector
   * has cleared their weak references.
   */
  private static void measure(String phase) throws Exception {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(150);
    }
    String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
    Map<String, Long> instances = new LinkedHashMap<>();
    WATCHED_JDK.forEach(name -> instances.put(name, 0L));
    WATCHED_AGENT.forEach(name -> instances.put(name, 0L));
    for (String line : histogram.split("\\R")) {
      // "   1:      1234      56789  java.lang.String (java.base@17)", and last "Total   12345   6789012"
      String[] cells = line.trim().split("\\s+");
      if (cells.length >= 3 && cells[0].equals("Total")) {
        System.out.println("observed " + phase + ".heapBytes=" + cells[2]);
      } else if (cells.length >= 4 && cells[0].endsWith(":")) {
        String key = watchedKey(cells[3]);
        if (key != null && instances.containsKey(key)) {
          instances.merge(key, Long.parseLong(cells[1]), Long::sum);
        }
      }
    }
    instances.forEach((name, count) -> System.out.println("observed " + phase + ".instances." + name + "=" + count));
  }

  private static String watchedKey(String className) {
    if (className.startsWith("io.querylens.shaded.")) {
      return className.substring("io.querylens.shaded.".length());
    }
    if (className.startsWith("io.querylens.")) {
      return className.substring("io.querylens.".length());
    }
    return className;
  }
}
