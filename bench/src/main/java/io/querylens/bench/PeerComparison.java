package io.querylens.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs {@link JdbcWorkloadBenchmark} under every {@link Peer} in one invocation and prints each
 * peer's cost as a ratio to no instrumentation measured in the same run, with the bytes each
 * allocates per operation (JMH's gc profiler).
 *
 * <p>Rounds alternate the peers (every peer once, then every peer again, ...) so that a machine that
 * gets busier or quieter during the run shifts all of them alike; each round is one JVM per peer and
 * workload. Times are the median of every measured iteration of every round; the error is JMH's
 * 99.9% confidence half-width over the same iterations. PostgreSQL runs the lookup only, and is
 * skipped with a message when {@code QUERYLENS_TEST_PG_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) cannot be reached.
 *
 * <pre>{@code
 * java -cp bench/target/querylens-bench.jar io.querylens.bench.PeerComparison \
 *     [agent=agent/target/querylens-agent.jar] [otel=bench/target/agents/opentelemetry-javaagent.jar] \
 *     [rounds=2] [warmup=5] [measure=5] [peers=NONE,QUERYLENS_AGENT,...] \
 *     [workloads=lookup,insert,fiveStatementTransaction] [postgresql=true] \
 *     [out=bench/target/peer-comparison.md]
 * }</pre>
 */
public final class PeerComparison {

  private PeerComparison() {}

  /** Runs the comparison; the arguments are {@code key=value} pairs, see the class comment. */
  public static void main(String[] args) throws RunnerException, IOException {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("agent", "agent/target/querylens-agent.jar");
    options.put("otel", "bench/target/agents/opentelemetry-javaagent.jar");
    options.put("rounds", "2");
    options.put("warmup", "5");
    options.put("measure", "5");
    options.put("peers", String.join(",", Arrays.stream(Peer.values()).map(Enum::name).toArray(String[]::new)));
    options.put("workloads", "lookup,insert,fiveStatementTransaction");
    options.put("postgresql", "true");
    options.put("out", "bench/target/peer-comparison.md");
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals < 0 || !options.containsKey(arg.substring(0, equals))) {
        System.err.println("Unknown argument " + arg + "; expected key=value with key one of " + options.keySet());
        System.exit(2);
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    File agent = new File(options.get("agent"));
    File otel = new File(options.get("otel"));
    List<Peer> peers = new ArrayList<>();
    for (String name : options.get("peers").split(",")) {
      peers.add(Peer.valueOf(name.trim()));
    }
    if (!peers.contains(Peer.NONE)) {
      peers.add(0, Peer.NONE);
    }
    requireFile(agent, peers, "build it first with: mvn -B -DskipTests package", Peer.QUERYLENS_AGENT,
        Peer.QUERYLENS_AGENT_METERS);
    requireFile(otel, peers, "build the bench module (mvn -B -DskipTests package copies it there) or pass otel=<jar>",
        Peer.OPENTELEMETRY_AGENT);
    int rounds = Integer.parseInt(options.get("rounds"));
    int warmup = Integer.parseInt(options.get("warmup"));
    int measure = Integer.parseInt(options.get("measure"));
    String workloads = String.join("|", options.get("workloads").split(","));
    boolean postgresql = Boolean.parseBoolean(options.get("postgresql")) && postgresqlReachable();
    File reportDir = new File(System.getProperty("java.io.tmpdir"), "querylens-bench-report");

    Map<String, Map<Peer, Samples>> results = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Peer peer : peers) {
        List<String> jvmArgs = peer.jvmArgs(agent, otel, reportDir);
        collect(results, peer, run("JdbcWorkloadBenchmark\\.(" + workloads + ")$", "h2", jvmArgs, warmup, measure));
        if (postgresql) {
          collect(results, peer, run("JdbcWorkloadBenchmark\\.lookup$", "postgresql", jvmArgs, warmup, measure));
        }
      }
    }

    String table = table(results, peers, rounds, warmup, measure);
    System.out.println();
    System.out.println(table);
    File out = new File(options.get("out"));
    if (out.getAbsoluteFile().getParentFile() != null) {
      out.getAbsoluteFile().getParentFile().mkdirs();
    }
    Files.write(out.toPath(), table.getBytes(StandardCharsets.UTF_8));
    System.out.println("Written to " + out.getPath());
  }

  private static void requireFile(File jar, List<Peer> peers, String fix, Peer... needing) {
    for (Peer peer : needing) {
      if (peers.contains(peer) && !jar.isFile()) {
        System.err.println("No jar at " + jar.getAbsolutePath() + " for " + peer + "; " + fix);
        System.exit(2);
      }
    }
  }

  private static boolean postgresqlReachable() {
    String url = JdbcWorkloadBenchmark.url("postgresql");
    DriverManager.setLoginTimeout(3);
    try (Connection ignored = DriverManager.getConnection(url)) {
      return true;
    } catch (SQLException e) {
      System.err.println("Skipping PostgreSQL: cannot connect to " + url + " (" + e.getMessage() + "); set "
          + JdbcWorkloadBenchmark.PG_URL_VARIABLE + " to a reachable database");
      return false;
    }
  }

  private static Collection<RunResult> run(String include, String database, List<String> jvmArgs, int warmup,
      int measure) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(include)
        .param("database", database)
        .forks(1)
        .warmupIterations(warmup)
        .measurementIterations(measure)
        .addProfiler(GCProfiler.class)
        .jvmArgsAppend(jvmArgs.toArray(new String[0]));
    return new Runner(options.build()).run();
  }

  private static void collect(Map<String, Map<Peer, Samples>> results, Peer peer, Collection<RunResult> runs) {
    for (RunResult run : runs) {
      String benchmark = run.getParams().getBenchmark();
      String key = benchmark.substring(benchmark.lastIndexOf('.') + 1) + " " + run.getParams().getParam("database");
      Samples samples = results.computeIfAbsent(key, k -> new EnumMap<>(Peer.class))
          .computeIfAbsent(peer, p -> new Samples());
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          samples.nanos.addValue(iteration.getPrimaryResult().getScore());
        }
        for (Map.Entry<String, Result> secondary : fork.getSecondaryResults().entrySet()) {
          if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
            samples.bytes.addValue(secondary.getValue().getScore());
          }
        }
      }
    }
  }

  private static String table(Map<String, Map<Peer, Samples>> results, List<Peer> peers, int rounds, int warmup,
      int measure) {
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    out.printf(Locale.ROOT, "%d round(s) x 1 fork x (%d warm-up + %d measured) x 1 s per peer and workload; %s %s; %d CPUs%n%n",
        rounds, warmup, measure, System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    out.println("| workload | database | peer | ns/op (median ± 99.9% error) | ratio to none | added ns per statement | bytes/op | added bytes per statement |");
    out.println("|---|---|---|---:|---:|---:|---:|---:|");
    results.forEach((key, byPeer) -> {
      String[] parts = key.split(" ");
      int statements = parts[0].equals("fiveStatementTransaction") ? JdbcWorkloadBenchmark.STATEMENTS_PER_TRANSACTION : 1;
      Samples baseline = byPeer.get(Peer.NONE);
      for (Peer peer : peers) {
        Samples samples = byPeer.get(peer);
        if (samples == null || samples.nanos.getN() == 0) {
          out.printf("| %s | %s | %s | failed, see the log above | | | | |%n", parts[0], parts[1], peer.label());
          continue;
        }
        double median = samples.nanos.getPercentile(50);
        double error = samples.nanos.getN() > 2 ? samples.nanos.getMeanErrorAt(0.999) : Double.NaN;
        double bytes = samples.bytes.getN() > 0 ? samples.bytes.getMean() : Double.NaN;
        String ratio = "";
        String added = "";
        String addedBytes = "";
        if (baseline != null && baseline.nanos.getN() > 0) {
          double base = baseline.nanos.getPercentile(50);
          double baseError = baseline.nanos.getN() > 2 ? baseline.nanos.getMeanErrorAt(0.999) : Double.NaN;
          double r = median / base;
          double rError = r * Math.sqrt(Math.pow(error / median, 2) + Math.pow(baseError / base, 2));
          ratio = String.format(Locale.ROOT, "%.3f ± %.3f", r, rError);
          added = String.format(Locale.ROOT, "%.0f", (median - base) / statements);
          if (baseline.bytes.getN() > 0) {
            addedBytes = String.format(Locale.ROOT, "%.0f", (bytes - baseline.bytes.getMean()) / statements);
          }
        }
        out.printf(Locale.ROOT, "| %s | %s | %s | %.0f ± %.0f | %s | %s | %.0f | %s |%n", parts[0], parts[1],
            peer.label(), median, error, ratio, added, bytes, addedBytes);
      }
    });
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** Every measured iteration of one workload under one peer, across rounds. */
  private static final class Samples {
    final ListStatistics nanos = new ListStatistics();
    final ListStatistics bytes = new ListStatistics();
  }
}
