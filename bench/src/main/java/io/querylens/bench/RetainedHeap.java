package io.querylens.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The heap a peer keeps: a fresh JVM per peer runs 10,000 statements of distinct fingerprints, then
 * 1,000,000 executions of one prepared lookup, and reports the heap still in use after a full
 * collection at each point; the figures printed are the difference to the same work without
 * instrumentation. Alternating fresh JVMs, {@code rounds} times; medians are printed.
 *
 * <pre>{@code
 * java -cp bench/target/querylens-bench.jar io.querylens.bench.RetainedHeap \
 *     [agent jar] [otel agent jar] [rounds] [peer,peer,...]
 * }</pre>
 *
 * <p>To see where one peer's heap goes, run one measuring JVM by hand with {@code
 * -Dqlbench.histogram=true}, its peer's options and the argument {@code child}: it prints its class
 * histogram at the end.
 */
public final class RetainedHeap {
  /** Statements of distinct fingerprints run in the first phase. */
  public static final int DISTINCT_FINGERPRINTS = 10_000;

  /** Executions of one lookup in the second phase. */
  public static final int EXECUTIONS = 1_000_000;

  private static final String CHILD = "child";

  /** Set to {@code true} on a measuring JVM to print its class histogram at the end. */
  private static final String HISTOGRAM = "qlbench.histogram";

  private RetainedHeap() {}

  /** Measures every peer, or, with the argument {@code child}, is one measuring JVM. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && CHILD.equals(args[0])) {
      child();
      return;
    }
    File agent = new File(args.length > 0 ? args[0] : "agent/target/querylens-agent.jar");
    File otel = new File(args.length > 1 ? args[1] : "bench/target/agents/opentelemetry-javaagent.jar");
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<Peer> peers = new ArrayList<>();
    if (args.length > 3) {
      for (String name : args[3].split(",")) {
        peers.add(Peer.valueOf(name.trim()));
      }
    } else {
      peers.addAll(List.of(Peer.NONE, Peer.QUERYLENS_AGENT, Peer.QUERYLENS_AGENT_METERS, Peer.QUERYLENS_LIBRARY,
          Peer.P6SPY, Peer.DATASOURCE_PROXY, Peer.OPENTELEMETRY_AGENT));
    }
    if (!peers.contains(Peer.NONE)) {
      peers.add(0, Peer.NONE);
    }
    File reportDir = new File(System.getProperty("java.io.tmpdir"), "querylens-bench-report");
    Map<Peer, List<long[]>> measured = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Peer peer : peers) {
        long[] heap = runChild(peer.jvmArgs(agent, otel, reportDir));
        System.out.printf(Locale.ROOT, "round %d %-40s start %,d  after %,d fingerprints %,d  after %,d executions %,d%n",
            round + 1, peer.label(), heap[0], DISTINCT_FINGERPRINTS, heap[1], EXECUTIONS, heap[2]);
        measured.computeIfAbsent(peer, p -> new ArrayList<>()).add(heap);
      }
    }
    long[] none = medians(measured.get(Peer.NONE));
    System.out.printf(Locale.ROOT, "%n| peer | heap in use at start | after %,d distinct fingerprints | after %,d more executions of one lookup |%n",
        DISTINCT_FINGERPRINTS, EXECUTIONS);
    System.out.println("|---|---:|---:|---:|");
    for (Peer peer : peers) {
      long[] heap = medians(measured.get(peer));
      StringBuilder row = new StringBuilder("| ").append(peer.label());
      for (int i = 0; i < 3; i++) {
        row.append(" | ").append(peer == Peer.NONE ? mib(heap[i]) : "+" + mib(heap[i] - none[i]));
      }
      System.out.println(row.append(" |"));
    }
    System.out.println("(no instrumentation: absolute; the others: more than no instrumentation at the same point)");
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static long[] medians(List<long[]> runs) {
    long[] medians = new long[3];
    for (int i = 0; i < 3; i++) {
      long[] values = new long[runs.size()];
      for (int r = 0; r < runs.size(); r++) {
        values[r] = runs.get(r)[i];
      }
      java.util.Arrays.sort(values);
      medians[i] = values[values.length / 2];
    }
    return medians;
  }

  private static long[] runChild(List<String> jvmArgs) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
    command.add("-Xmx1g");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RetainedHeap.class.getName());
    command.add(CHILD);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    long[] heap = new long[3];
    int found = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("heap ")) {
          heap[found++] = Long.parseLong(line.substring(5).trim());
        }
      }
    }
    if (process.waitFor() != 0 || found != 3) {
      throw new IllegalStateException("The measuring JVM failed (exit " + process.exitValue() + "): " + command);
    }
    return heap;
  }

  private static void child() throws SQLException, InterruptedException {
    Peer peer = Peer.current();
    try (Connection connection = peer.connect("jdbc:h2:mem:retained;DB_CLOSE_DELAY=-1")) {
      try (PreparedStatement ddl = connection.prepareStatement("create table customer (id int primary key, name varchar(40))")) {
        ddl.execute();
      }
      try (PreparedStatement insert = connection.prepareStatement("insert into customer values (?, ?)")) {
        for (int i = 0; i < 1024; i++) {
          insert.setInt(1, i);
          insert.setString(2, "customer " + i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      System.out.println("heap " + usedAfterFullGc());
      // Distinct column aliases: distinct fingerprints, as distinct as an application's statements.
      for (int i = 0; i < DISTINCT_FINGERPRINTS; i++) {
        try (PreparedStatement distinct = connection.prepareStatement("select id as c" + i + ", name from customer where id = ?")) {
          distinct.setInt(1, i & 1023);
          try (ResultSet rows = distinct.executeQuery()) {
            rows.next();
          }
        }
      }
      System.out.println("heap " + usedAfterFullGc());
      try (PreparedStatement lookup = connection.prepareStatement("select id, name from customer where id = ?")) {
        for (int i = 0; i < EXECUTIONS; i++) {
          lookup.setInt(1, i & 1023);
          try (ResultSet rows = lookup.executeQuery()) {
            rows.next();
          }
        }
      }
      System.out.println("heap " + usedAfterFullGc());
    }
    if (Boolean.getBoolean(HISTOGRAM)) {
      printHistogram();
    }
  }

  /** Where the retained heap is: the top of this JVM's class histogram, from the JDK's jcmd. */
  private static void printHistogram() throws InterruptedException {
    File jcmd = new File(System.getProperty("java.home"), "bin/jcmd");
    try {
      Process process = new ProcessBuilder(jcmd.getPath(), Long.toString(ProcessHandle.current().pid()),
          "GC.class_histogram").redirectErrorStream(true).start();
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        lines.lines().limit(30).forEach(System.out::println);
      }
      process.waitFor();
    } catch (IOException e) {
      System.out.println("No class histogram: " + e);
    }
  }

  private static long usedAfterFullGc() throws InterruptedException {
    // Background enrichment and the statement events' hand-off settle first; a few full
    // collections then leave only what is reachable.
    Thread.sleep(1500);
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
