package io.querylens.analyzer.scope;

/**
 * The kinds of unit of work a statement can belong to.
 *
 * @since 0.1
 */
public enum ScopeKind {
  /** An HTTP request served by a servlet container. */
  REQUEST("request"),
  /** A scope the application opened with {@code QueryLens.scope(name)}. */
  EXPLICIT("explicit"),
  /** One test of a test suite. */
  TEST("test"),
  /** A JDBC transaction: auto-commit off, up to commit or rollback. */
  TRANSACTION("transaction"),
  /** A thread's statements outside any other scope, up to an idle gap. */
  THREAD("thread");

  private final String label;

  ScopeKind(String label) {
    this.label = label;
  }

  /** The name reports use, such as {@code request}. */
  public String label() {
    return label;
  }
}
