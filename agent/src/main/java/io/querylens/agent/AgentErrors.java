package io.querylens.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the agent's own failures and says each kind once.
 *
 * <p>Whatever fails inside the agent is caught, counted here ({@code querylens_agent_errors_total})
 * and reported on the first occurrence of its kind only, so a failure on the hot path cannot flood
 * the application's log. Thread-safe.
 */
public final class AgentErrors {
  private static final LongAdder COUNT = new LongAdder();
  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

  private AgentErrors() {}

  /**
   * Counts a failure; the first failure of each {@code kind} prints {@code message} and the cause.
   *
   * @param kind a short stable name of where it failed, e.g. {@code "record"}
   */
  public static void record(String kind, String message, Throwable cause) {
    COUNT.increment();
    try {
      if (SAID.size() < 1_000 && SAID.add(kind)) {
        String detail = cause == null ? "" : " (" + cause.getClass().getName() + describe(cause) + ")";
        AgentLog.warn(message + detail + "; the application is unaffected; further " + kind
            + " failures are counted silently");
      }
    } catch (Throwable ignored) {
      // Reporting must never fail the caller.
    }
  }

  /** How many failures were counted since start. */
  public static long count() {
    return COUNT.sum();
  }

  private static String describe(Throwable cause) {
    // Messages of SQL exceptions can carry the application's literal values: keep them out.
    if (cause instanceof java.sql.SQLException) {
      return "";
    }
    String message = cause.getMessage();
    return message == null ? "" : ": " + message;
  }
}
