package io.querylens.agent.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a finished child JVM left behind: exit code, stdout, stderr and (if an agent ran) the report.
 *
 * @param command the command line that started it
 * @param exitCode its exit code, or -1 when it was destroyed
 * @param stdout everything it printed on stdout
 * @param stderr everything it printed on stderr
 * @param workDir its working directory
 * @param reportDir where the agent was told to write its report
 * @param elapsed wall time from start to exit
 */
public record ChildResult(
    List<String> command,
    int exitCode,
    String stdout,
    String stderr,
    Path workDir,
    Path reportDir,
    Duration elapsed) {

  /** The report file the agent writes. */
  public static final String REPORT_FILE = "querylens-report.json";

  /** Asserts the child exited with 0; the failure message carries the command and the tails of its output. */
  public ChildResult assertExitedNormally() {
    assertThat(exitCode).as("exit code of the child JVM\n%s", describe()).isZero();
    return this;
  }

  /** The parsed report in {@link #reportDir()}; fails (with the child's output) when it is missing or unreadable. */
  public QueryReport report() {
    return reportIn(reportDir);
  }

  /**
   * The report, after asserting the child exited normally, printed no stack trace and the agent
   * failed nowhere.
   */
  public QueryReport cleanReport() {
    assertExitedNormally();
    org.assertj.core.api.Assertions.assertThat(stderr())
        .as("no stack trace in the child's stderr\n%s", describe()).doesNotContain("\tat ");
    QueryReport report = report();
    org.assertj.core.api.Assertions.assertThat(report.summaryLong("agentErrors"))
        .as("summary.agentErrors\n%s", describe()).isZero();
    return report;
  }

  /** The parsed report in {@code dir}; fails (with the child's output) when it is missing or unreadable. */
  public QueryReport reportIn(Path dir) {
    Path file = dir.resolve(REPORT_FILE);
    assertThat(Files.isRegularFile(file)).as("the agent wrote %s\n%s", file, describe()).isTrue();
    return QueryReport.read(file, this::describe);
  }

  /** The stdout lines. */
  public List<String> stdoutLines() {
    return lines(stdout);
  }

  /** The stderr lines. */
  public List<String> stderrLines() {
    return lines(stderr);
  }

  /**
   * The value the workload printed as {@code observed <key>=<value>}: what the driver or ORM told the
   * application, used as the oracle for the agent's figures.
   */
  public String observed(String key) {
    String prefix = "observed " + key + "=";
    Optional<String> line = stdoutLines().stream().filter(l -> l.startsWith(prefix)).findFirst();
    assertThat(line).as("the workload printed '%s…'\n%s", prefix, describe()).isPresent();
    return line.get().substring(prefix.length());
  }

  /** The value of {@link #observed(String)} as a number. */
  public long observedLong(String key) {
    return Long.parseLong(observed(key).trim());
  }

  /** The command, the exit code and the tails of stdout and stderr, for failure messages. */
  public String describe() {
    return "command: "
        + String.join(" ", command)
        + "\nexit code: "
        + exitCode
        + " after "
        + elapsed.toMillis()
        + " ms; working directory "
        + workDir
        + "\n--- stdout (tail) ---\n"
        + tail(stdout, 40)
        + "\n--- stderr (tail) ---\n"
        + tail(stderr, 60);
  }

  private static List<String> lines(String text) {
    List<String> result = new ArrayList<>();
    for (String line : text.split("\\R")) {
      if (!line.isEmpty()) {
        result.add(line);
      }
    }
    return result;
  }

  private static String tail(String text, int maxLines) {
    List<String> all = List.of(text.split("\\R"));
    return String.join("\n", all.subList(Math.max(0, all.size() - maxLines), all.size()));
  }
}
