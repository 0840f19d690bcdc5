package io.querylens.agent;

import java.io.PrintStream;

/**
 * The agent's voice on the console: one prefixed line on standard error, rarely.
 *
 * <p>No logging framework: the application's own (and its configuration) must stay untouched.
 */
public final class AgentLog {
  private static final String PREFIX = "querylens: ";

  private AgentLog() {}

  /** Prints one line. */
  public static void info(String message) {
    print(message);
  }

  /** Prints one warning line. */
  public static void warn(String message) {
    // Configuration warnings arrive already prefixed; say "querylens: " once.
    print(message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message);
  }

  private static void print(String message) {
    try {
      PrintStream err = System.err;
      err.println(PREFIX + message);
    } catch (Throwable ignored) {
      // A closed or failing stderr must not reach the application.
    }
  }
}
