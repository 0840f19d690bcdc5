package io.querylens.analyzer.detect;

import java.util.List;

/**
 * A unit of work as the {@link FindingRegistry} sees it: a name to report findings under, and the
 * findings it holds while open.
 *
 * @since 0.1
 */
public interface FindingScope {
  /** The name findings are reported under, such as {@code GET /owners/{ownerId}}. */
  String name();

  /** {@code request}, {@code transaction}, {@code explicit}, {@code test} or {@code thread}. */
  String kind();

  /** The findings raised in this scope so far; safe to read from any thread. */
  List<FindingAccumulator> findings();

  /**
   * Closes the scope if the thread it belongs to has ended, so nothing else ever will; returns
   * whether it did. A live thread's scopes are left to that thread.
   */
  boolean closeIfOrphaned();
}
