package io.querylens.analyzer.scope;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.detect.FindingAccumulator;
import io.querylens.analyzer.detect.FindingType;

/** The executions of one statement from one call site in one scope. Confined to the scope's thread. */
final class CallSiteGroup {
  /** The stack first captured here, or null when no capture was allowed. */
  final CapturedStack stack;

  final FindingAccumulator[] findings = new FindingAccumulator[FindingType.values().length];

  long singles;
  long singleNanos;
  boolean seen;
  long firstEndNanos;
  private long coveredUntilNanos = Long.MIN_VALUE;
  private boolean hasParameters;
  private long firstParameters;
  boolean distinctParameters;

  CallSiteGroup(CapturedStack stack) {
    this.stack = stack;
  }

  CapturedStack.StackLine callSite() {
    return stack == null ? null : stack.callSite();
  }

  /** Takes back an execution counted here that a later look at the stack placed elsewhere. */
  void removeSingle(long startNanos, long endNanos) {
    singles--;
    singleNanos = Math.max(0, singleNanos - (endNanos - startNanos));
  }

  void addSingle(long startNanos, long endNanos, long parameterHash) {
    singles++;
    long from = Math.max(startNanos, coveredUntilNanos);
    if (endNanos > from) {
      singleNanos += endNanos - from;
    }
    coveredUntilNanos = Math.max(coveredUntilNanos, endNanos);
    if (!seen) {
      seen = true;
      firstEndNanos = endNanos;
    }
    if (!hasParameters) {
      hasParameters = true;
      firstParameters = parameterHash;
    } else if (parameterHash != firstParameters) {
      distinctParameters = true;
    }
  }
}
