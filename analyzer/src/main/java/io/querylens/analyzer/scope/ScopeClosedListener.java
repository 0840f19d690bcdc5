package io.querylens.analyzer.scope;

/**
 * Told when a unit of work ends, for figures such as statements per request.
 *
 * <p>Called on the thread that closes the scope, usually the application's: implementations must
 * be quick and must not throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ScopeClosedListener {
  /** Ignores every closing. */
  ScopeClosedListener NONE = (kind, name, statements) -> {};

  /**
   * A scope ended.
   *
   * @param kind its kind
   * @param name its name, such as {@code GET /owners/{ownerId}} or {@code transaction in
   *     OrderService.place}; for an unnamed scope its kind's label
   * @param statements how many statements ran in it (each statement belongs to exactly one scope)
   */
  void scopeClosed(ScopeKind kind, String name, int statements);
}
