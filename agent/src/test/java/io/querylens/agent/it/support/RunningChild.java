package io.querylens.agent.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A started child JVM; closing it destroys the process if it is still alive. */
public final class RunningChild implements AutoCloseable {

  private final Process process;
  private final List<String> command;
  private final Path workDir;
  private final Path reportDir;
  private final Duration timeout;
  private final long startNanos = System.nanoTime();

  RunningChild(Process process, List<String> command, Path workDir, Path reportDir, Duration timeout) {
    this.process = process;
    this.command = command;
    this.workDir = workDir;
    this.reportDir = reportDir;
    this.timeout = timeout;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** Waits until the child's stdout holds a line starting with {@code prefix}; fails if it dies or times out. */
  public String awaitStdoutLine(String prefix, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : read(workDir.resolve("stdout.txt")).split("\\R")) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        fail("child exited before printing '" + prefix + "'\n" + snapshot(process.exitValue()).describe());
      }
      sleep(50);
    }
    fail("child printed no line starting with '" + prefix + "' within " + limit + "\n" + snapshot(-1).describe());
    return null; // unreachable
  }

  /** Waits for the child to exit (destroying it after the timeout, which fails the test) and returns its outcome. */
  public ChildResult awaitExit() {
    try {
      long remaining = timeout.toNanos() - (System.nanoTime() - startNanos);
      if (!process.waitFor(Math.max(remaining, 0), TimeUnit.NANOSECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("child JVM did not finish within " + timeout + " and was destroyed\n" + snapshot(-1).describe());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while waiting for " + command, e);
    }
    return snapshot(process.exitValue());
  }

  private ChildResult snapshot(int exitCode) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return new ChildResult(
        command,
        exitCode,
        read(workDir.resolve("stdout.txt")),
        read(workDir.resolve("stderr.txt")),
        workDir,
        reportDir,
        elapsed);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
