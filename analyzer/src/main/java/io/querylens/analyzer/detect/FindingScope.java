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
   * Closes the scope if nothing ran in it for a while and nothing will close it otherwise (a
   * thread's window whose thread went quiet or died); returns whether it did.
   */
  boolean expireIfIdle(long nowNanos);
}
