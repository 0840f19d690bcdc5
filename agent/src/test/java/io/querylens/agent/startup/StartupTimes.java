package io.querylens.agent.startup;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures start-up with and without the agent (issue 9): fresh JVMs, alternating, and the median
 * of each. Not a test; run it by hand (see docs/benchmarks.md, "Start-up"):
 *
 * <pre>
 * java -cp agent/target/test-classes:$H2_JAR io.querylens.agent.startup.StartupTimes [--runs 11]
 *     [--agent agent/target/querylens-agent.jar[,other-build.jar]] [--agent-options k=v,...]
 *     [--sample-app sample-app/target/querylens-sample-app.jar] [--sample-args "--shop.data.customers=1 ..."]
 *     [--java /path/to/bin/java] [--only small|sample] [--otel bench/target/agents/opentelemetry-javaagent.jar]
 * </pre>
 *
 * <p>The small program is {@link FirstQueryProgram} (JVM start to its first H2 query's completion).
 * The sample app is measured by Spring Boot's own {@code Started SampleApplication in X seconds
 * (process running for Y)} line: Y is JVM start to ready, after its schema and seed data were
 * written (its first queries). Each agent run also shows the agent's own {@code started in N ms}. With
 * {@code --otel}, the OpenTelemetry Java agent is measured too, its exporters off as in the benchmarks.
 */
public final class StartupTimes {
  private static final Pattern FIRST_QUERY = Pattern.compile("first-query-ms=(\\d+)");
  private static final Pattern AGENT_STARTED = Pattern.compile("querylens: agent .* in (\\d+) ms");
  private static final Pattern SPRING_STARTED =
      Pattern.compile("Started \\w+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

  private StartupTimes() {}

  /** Runs the measurements and prints the medians. */
  public static void main(String[] args) throws Exception {
    int runs = 11;
    String agents = "agent/target/querylens-agent.jar";
    String agentOptions = "";
    String sampleApp = "sample-app/target/querylens-sample-app.jar";
    List<String> sampleArgs = new ArrayList<>();
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String only = "";
    String otel = "";
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--agent" -> agents = args[i + 1];
        case "--agent-options" -> agentOptions = args[i + 1];
        case "--sample-app" -> sampleApp = args[i + 1];
        case "--sample-args" -> sampleArgs.addAll(Arrays.asList(args[i + 1].trim().split("\\s+")));
        case "--java" -> java = args[i + 1];
        case "--only" -> only = args[i + 1];
        case "--otel" -> otel = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path reportDir = Files.createTempDirectory("querylens-startup-");
    // "none" first, then one variant per agent jar: comparing two builds of the agent in one session
    List<String> variants = new ArrayList<>();
    variants.add("");
    for (String agent : agents.split(",")) {
      variants.add("-javaagent:" + Paths.get(agent).toAbsolutePath() + "=reportDir=" + reportDir
          + (agentOptions.isEmpty() ? "" : "," + agentOptions));
    }
    if (!otel.isEmpty()) {
      variants.add("-javaagent:" + Paths.get(otel).toAbsolutePath()
          + " -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none");
    }
    System.out.println("java " + java + ", " + runs + " runs of each, in rotation; variants " + variants);

    if (!only.equals("sample")) {
      List<String> program = List.of("-cp", System.getProperty("java.class.path"), FirstQueryProgram.class.getName());
      measure("small H2 program, JVM start to first query (ms)", runs, java, variants, program, FIRST_QUERY, 1);
    }
    if (!only.equals("small")) {
      if (!new File(sampleApp).isFile()) {
        System.out.println("no " + sampleApp + "; build it with mvn -pl sample-app package -DskipTests");
      } else {
        List<String> app = new ArrayList<>(List.of("-jar", sampleApp, "--server.port=0"));
        app.addAll(sampleArgs);
        measure("sample app " + sampleArgs + ", JVM start to 'Started' (process running for, ms)", runs, java,
            variants, app, SPRING_STARTED, 2);
      }
    }
  }

  private static void measure(String title, int runs, String java, List<String> variants, List<String> program,
      Pattern done, int group) throws Exception {
    List<List<Long>> elapsed = new ArrayList<>();
    List<List<Long>> agentOwn = new ArrayList<>();
    for (int v = 0; v < variants.size(); v++) {
      elapsed.add(new ArrayList<>());
      agentOwn.add(new ArrayList<>());
    }
    for (int run = 0; run < runs; run++) {
      // Rotate which goes first so that drifting machine load falls on all alike.
      for (int k = 0; k < variants.size(); k++) {
        int v = (run + k) % variants.size();
        List<String> command = new ArrayList<>();
        command.add(java);
        if (!variants.get(v).isEmpty()) {
          command.addAll(Arrays.asList(variants.get(v).split(" ")));
        }
        command.addAll(program);
        long[] result = runOnce(command, done, group);
        elapsed.get(v).add(result[0]);
        if (result[1] >= 0) {
          agentOwn.get(v).add(result[1]);
        }
      }
    }
    System.out.println(title);
    long none = median(elapsed.get(0));
    for (int v = 0; v < variants.size(); v++) {
      String name = v == 0 ? "without agent" : "agent " + variants.get(v).replaceAll("(=reportDir| -Dotel).*", "");
      System.out.println("  " + name + ": median " + median(elapsed.get(v))
          + (v == 0 ? "" : " (added " + (median(elapsed.get(v)) - none) + ")") + "  " + elapsed.get(v));
      if (v > 0 && !agentOwn.get(v).isEmpty()) {
        System.out.println("    agent's own 'started in': median " + median(agentOwn.get(v)) + "  " + agentOwn.get(v));
      }
    }
  }

  /** {@code {elapsed ms, agent's own ms or -1}}; the child is stopped once the line is seen. */
  private static long[] runOnce(List<String> command, Pattern done, int group) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    long elapsed = -1;
    long agentOwn = -1;
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        Matcher agent = AGENT_STARTED.matcher(line);
        if (agent.find()) {
          agentOwn = Long.parseLong(agent.group(1));
        }
        Matcher matcher = done.matcher(line);
        if (matcher.find()) {
          String value = matcher.group(group);
          elapsed = value.contains(".")
              ? Math.round(Double.parseDouble(value) * 1000) : Long.parseLong(value);
          break;
        }
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    if (elapsed < 0) {
      throw new IllegalStateException("no start-up time in the output of " + command + ":\n" + String.join("\n", lines));
    }
    return new long[] {elapsed, agentOwn};
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return -1;
    }
    Long[] sorted = values.toArray(new Long[0]);
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

}
