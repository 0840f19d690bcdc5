package io.querylens.bench;

import java.io.File;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link PreparedLookupBenchmark} without and with the agent, one after the other in the same
 * invocation, and prints what the agent adds per statement.
 *
 * <p>{@code java -cp bench/target/querylens-bench.jar io.querylens.bench.AgentOverhead
 * [agent jar] [benchmark regex]}
 */
public final class AgentOverhead {
  private AgentOverhead() {}

  public static void main(String[] args) throws RunnerException {
    String agentJar = args.length > 0 ? args[0] : "agent/target/querylens-agent.jar";
    String include = args.length > 1 ? args[1] : PreparedLookupBenchmark.class.getSimpleName();
    File jar = new File(agentJar);
    if (!jar.isFile()) {
      System.err.println("No agent jar at " + jar.getAbsolutePath() + "; build it first with: mvn -B -DskipTests package");
      System.exit(2);
    }
    String reportDir = System.getProperty("java.io.tmpdir") + File.separator + "querylens-bench-report";
    Map<String, Double> baseline = run(include, null);
    Map<String, Double> withAgent = run(include,
        "-javaagent:" + jar.getAbsolutePath() + "=reportDir=" + reportDir + ",reportInterval=0,consoleSummary=false");

    System.out.printf("%n%-45s %14s %14s %12s %8s%n", "benchmark", "no agent (ns)", "agent (ns)", "added (ns)", "ratio");
    for (Map.Entry<String, Double> entry : baseline.entrySet()) {
      Double agent = withAgent.get(entry.getKey());
      if (agent != null) {
        System.out.printf("%-45s %14.1f %14.1f %12.1f %8.3f%n", entry.getKey(), entry.getValue(), agent,
            agent - entry.getValue(), agent / entry.getValue());
      }
    }
  }

  private static Map<String, Double> run(String include, String agentArgument) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder().include(include);
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
