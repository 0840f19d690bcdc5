package io.querylens.agent.it.support;

import java.util.concurrent.ThreadLocalRandom;

/** Names for what a test run leaves in a shared database: tables, rows, canaries. */
public final class RunToken {
  private RunToken() {}

  /**
   * {@code prefix} and then lower-case letters and digits, unique per run: valid unquoted in every database,
   * and unlikely in any output but the run's own.
   */
  public static String next(String prefix) {
    return prefix + Long.toString(ProcessHandle.current().pid(), 36)
        + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
  }
}
