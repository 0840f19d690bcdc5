package io.querylens.api;

/**
 * What application code can tell QueryLens: where a unit of work begins and ends.
 *
 * <p>Findings such as N+1 queries are judged per unit of work (a scope). HTTP requests and JDBC
 * transactions are scopes on their own; a batch job, a message handler or a scheduled task is not,
 * and without a scope its statements fall into a per-thread window closed by an idle gap. Name such
 * work explicitly:
 *
 * <pre>{@code
 * try (QueryLensScope scope = QueryLens.scope("nightly-import")) {
 *   importer.run();
 * }
 * }</pre>
 *
 * <p>Without the agent every method does nothing and costs next to nothing; this artifact has no
 * dependencies. Thread-safe; a scope belongs to the thread that opened it.
 *
 * @since 0.1
 */
public final class QueryLens {
  private QueryLens() {}

  /**
   * Opens a scope named {@code name} on the calling thread; close it on the same thread, best with
   * try-with-resources. Findings in it are reported under this name, so use a name that is the same
   * for every run of the same work ({@code "nightly-import"}, not {@code "import 2026-11-24"}).
   *
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public static QueryLensScope scope(String name) {
    return QueryLensScope.open(Bridge.EXPLICIT, requireName(name, "scope name"));
  }

  /**
   * Opens a scope for one test, named after it, for a test framework integration of its own: its
   * findings are reported under the test's name. {@code querylens-junit} does not use it; it records
   * each test through the agent's test hooks, which also count what the test's requests run on
   * server threads and hand the statements back for assertions.
   *
   * @throws IllegalArgumentException if {@code testName} is null or blank
   */
  public static QueryLensScope testScope(String testName) {
    return QueryLensScope.open(Bridge.TEST, requireName(testName, "test name"));
  }

  /** Returns whether the QueryLens agent is running in this JVM. */
  public static boolean isAgentActive() {
    return Bridge.get().isActive();
  }

  private static String requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("QueryLens " + what + " must not be null or blank but was "
          + (name == null ? "null" : "\"" + name + "\""));
    }
    return name;
  }
}
