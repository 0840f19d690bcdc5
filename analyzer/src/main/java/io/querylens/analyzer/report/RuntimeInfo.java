package io.querylens.analyzer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The JVM a report describes.
 *
 * @param javaVersion the Java runtime version, as {@code java.version} (for example {@code
 *     17.0.15})
 * @param javaVendor the runtime's vendor, as {@code java.vendor}
 * @param javaHome the runtime's installation directory, or {@code null} if unknown (then left out)
 * @param os the operating system's name, version and architecture
 * @param pid the process id
 * @param mainCommand the main class or jar the JVM was started with, never its arguments, or {@code
 *     null} if unknown (then left out)
 * @param startedAt when the agent started, ISO-8601 to the millisecond
 * @param uptimeMs how long the JVM had been running when the report was assembled, milliseconds
 * @since 0.1
 */
@JsonPropertyOrder({
  "javaVersion",
  "javaVendor",
  "javaHome",
  "os",
  "pid",
  "mainCommand",
  "startedAt",
  "uptimeMs"
})
public record RuntimeInfo(
    String javaVersion,
    String javaVendor,
    @JsonInclude(JsonInclude.Include.NON_NULL) String javaHome,
    String os,
    long pid,
    @JsonInclude(JsonInclude.Include.NON_NULL) String mainCommand,
    String startedAt,
    long uptimeMs) {

  /** Checks the required components. */
  public RuntimeInfo {
    Objects.requireNonNull(javaVersion, "javaVersion");
    Objects.requireNonNull(javaVendor, "javaVendor");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /**
   * Describes the running JVM, from its system properties, {@link RuntimeMXBean} and {@link
   * ProcessHandle}.
   *
   * @param startedAt when the agent started
   * @return the description; never {@code null}
   */
  public static RuntimeInfo current(Instant startedAt) {
    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    String os =
        property("os.name", "unknown")
            + " "
            + property("os.version", "")
            + " "
            + property("os.arch", "");
    return new RuntimeInfo(
        property("java.version", runtime.getSpecVersion()),
        property("java.vendor", runtime.getVmVendor()),
        System.getProperty("java.home"),
        os.replaceAll("\\s+", " ").trim(),
        ProcessHandle.current().pid(),
        mainCommand(System.getProperty("sun.java.command")),
        startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
        runtime.getUptime());
  }

  /**
   * Returns the main class or jar of a {@code sun.java.command} value, without the program
   * arguments: they may carry passwords or tokens, and a report travels further than a process
   * list. Deliberately the first token only, even when a jar path containing spaces is cut short:
   * any smarter split risks keeping an argument. Package-private for tests.
   *
   * @param command the {@code sun.java.command} property, or {@code null}
   * @return the first token, or {@code null} if {@code command} is null or blank
   */
  static String mainCommand(String command) {
    if (command == null) {
      return null;
    }
    String trimmed = command.strip();
    if (trimmed.isEmpty()) {
      return null;
    }
    int space = 0;
    while (space < trimmed.length() && !Character.isWhitespace(trimmed.charAt(space))) {
      space++;
    }
    return trimmed.substring(0, space);
  }

  private static String property(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? (fallback == null ? "unknown" : fallback) : value;
  }
}
