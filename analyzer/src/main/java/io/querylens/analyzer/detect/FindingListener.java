package io.querylens.analyzer.detect;

import io.querylens.analyzer.callsite.CapturedStack;

/**
 * Told of each finding as the unit of work that raised it ends, for counters such as {@code
 * querylens_findings_total}.
 *
 * <p>Called on the thread closing the scope, under the registry's lock: implementations must be
 * quick and must not throw.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FindingListener {
  /** Ignores every finding. */
  FindingListener NONE = (type, scope, callSite, executions) -> {};

  /**
   * One finding of one scope.
   *
   * @param type its type
   * @param scope the name of the scope it occurred in
   * @param callSite the application's line, or {@code null} when unknown
   * @param executions the executions it covers (the failed ones for a lock error)
   */
  void onFinding(FindingType type, String scope, CapturedStack.StackLine callSite, long executions);
}
