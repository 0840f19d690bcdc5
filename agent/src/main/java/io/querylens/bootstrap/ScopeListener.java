package io.querylens.bootstrap;

/**
 * Receives the opening and closing of units of work (scopes); implemented by the agent.
 *
 * <p>Internal: lives on the bootstrap class path so that servlet advice in any class loader and the
 * application-side API can reach it. Implementations must be fast and must never throw.
 */
public interface ScopeListener {
  /**
   * Opens an explicit or test scope on the calling thread.
   *
   * @param kind {@link ScopeHooks#EXPLICIT} or {@link ScopeHooks#TEST}
   * @return a token for {@link #close}, or null when nothing was opened
   */
  Object open(int kind, String name);

  /** Closes the scope {@code token} names, and any scope opened inside it that is still open. */
  void close(Object token);

  /** A servlet container started serving {@code request} on this thread; returns a token for the exit. */
  Object enterRequest(Object request);

  /** Serving {@code request} finished; {@code token} is what {@link #enterRequest} returned. */
  void exitRequest(Object token, Object request);
}
