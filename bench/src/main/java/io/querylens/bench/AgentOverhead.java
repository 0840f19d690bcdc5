package io.querylens.bench;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PreparedLookupBenchmark} without and with the agent, alternating in one invocation,
 * and prints what the agent adds per statement. {@link PeerComparison} does the same for three
 * workloads and every peer, and is what docs/benchmarks.md quotes.
 *
 * <p>Rounds alternate (no agent, agent, no agent, agent, ...) so that a machine that gets busier or
 * quieter during the run shifts both sides alike; the verdict is the median of the per-round
 * differences. {@code java -cp bench/target/querylens-bench.jar io.querylens.bench.AgentOverhead
 * [agent jar] [benchmark regex] [rounds]}
 */
public final class AgentOverhead {
  private AgentOverhead() {}

  public static void main(String[] args) throws RunnerException {
    String agentJar = args.length > 0 ? args[0] : "agent/target/querylens-agent.jar";
    String include = args.length > 1 ? args[1] : PreparedLookupBenchmark.class.getSimpleName();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    File jar = new File(agentJar);
    if (!jar.isFile()) {
      System.err.println("No agent jar at " + jar.getAbsolutePath() + "; build it first with: mvn -B -DskipTests package");
      System.exit(2);
    }
    String reportDir = System.getProperty("java.io.tmpdir") + File.separator + "querylens-bench-report";
    String agentArgument =
        "-javaagent:" + jar.getAbsolutePath() + "=reportDir=" + reportDir + ",reportInterval=0,consoleSummary=false";

    Map<String, List<double[]>> pairs = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      Map<String, Double> baseline = run(include, null);
      Map<String, Double> withAgent = run(include, agentArgument);
      baseline.forEach((name, score) -> {
        Double agent = withAgent.get(name);
        if (agent != null) {
          pairs.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {score, agent});
        }
      });
    }

    System.out.printf("%n%-28s %6s %14s %14s %12s %8s%n", "benchmark", "round", "no agent (ns)", "agent (ns)",
        "added (ns)", "ratio");
    pairs.forEach((name, list) -> {
      List<Double> added = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        double[] pair = list.get(i);
        added.add(pair[1] - pair[0]);
        ratios.add(pair[1] / pair[0]);
        System.out.printf("%-28s %6d %14.1f %14.1f %12.1f %8.3f%n", name, i + 1, pair[0], pair[1],
            pair[1] - pair[0], pair[1] / pair[0]);
      }
      System.out.printf("%-28s %6s %14s %14s %12.1f %8.3f%n", name, "median", "", "", median(added), median(ratios));
    });
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static Map<String, Double> run(String include, String agentArgument) throws RunnerException {
    // Ten warm-up seconds: with the advice inlined, the driver's methods take longer to settle in C2.
    ChainedOptionsBuilder options =
        new OptionsBuilder().include(include).forks(1).warmupIterations(10).measurementIterations(10);
    if (agentArgument != null) {
      options.jvmArgsAppend(agentArgument);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Map<String, Double> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    return scores;
  }
}
