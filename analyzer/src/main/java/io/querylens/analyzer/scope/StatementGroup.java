package io.querylens.analyzer.scope;

import io.querylens.analyzer.event.StatementEvent;
import io.querylens.analyzer.fingerprint.NormalizedSql;
import java.util.Arrays;
import java.util.Objects;

/**
 * The executions of one statement (fingerprint) in one scope, split by call site. Confined to the
 * scope's thread.
 */
final class StatementGroup {
  final NormalizedSql statement;

  /** The query that ran before this one first did: the likely source of its loop's keys, or null. */
  final StatementEvent parent;

  long executions;
  int captures;
  private CallSiteGroup[] sites = new CallSiteGroup[1];
  private int siteCount;
  CallSiteGroup lastSite;

  // The first execution waits for the second's call site: stacks are never taken on a first run.
  boolean firstPending;
  long firstStartNanos;
  long firstEndNanos;
  long firstMillis;
  long firstParameters;
  boolean firstBatched;

  private long[] parameterSets = new long[4];
  private int parameterSetCount;
  private long writeEpoch;

  StatementGroup(NormalizedSql statement, StatementEvent parent, long writeEpoch) {
    this.statement = statement;
    this.parent = parent;
    this.writeEpoch = writeEpoch;
  }

  void holdFirst(StatementEvent event, boolean batched, long endMillis) {
    firstPending = true;
    firstStartNanos = event.startNanos();
    firstEndNanos = event.endNanos();
    firstMillis = endMillis;
    firstParameters = event.parameterHash();
    firstBatched = batched;
  }

  /** Hands the held first execution to {@code site}, the call site of the second. */
  void releaseFirstTo(CallSiteGroup site) {
    if (firstPending) {
      firstPending = false;
      if (!firstBatched) {
        site.addSingle(firstStartNanos, firstEndNanos, firstParameters, firstMillis);
      }
    }
  }

  /**
   * Remembers {@code parameters}; returns whether they were seen before in this scope with no write
   * since. Only the first {@code max} distinct sets are remembered.
   */
  boolean repeats(long parameters, long scopeWriteEpoch, int max) {
    if (writeEpoch != scopeWriteEpoch) {
      writeEpoch = scopeWriteEpoch;
      parameterSetCount = 0;
    }
    for (int i = 0; i < parameterSetCount; i++) {
      if (parameterSets[i] == parameters) {
        return true;
      }
    }
    if (parameterSetCount < max) {
      if (parameterSetCount == parameterSets.length) {
        parameterSets = Arrays.copyOf(parameterSets, Math.min(max, parameterSets.length * 2));
      }
      parameterSets[parameterSetCount++] = parameters;
    }
    return false;
  }

  /** The group for {@code line}'s call site, created if there is room, else the latest one. */
  CallSiteGroup siteFor(io.querylens.analyzer.callsite.CapturedStack stack, int maxSites) {
    Object line = stack == null ? null : stack.callSite();
    for (int i = 0; i < siteCount; i++) {
      if (Objects.equals(sites[i].callSite(), line)) {
        return sites[i];
      }
    }
    if (siteCount >= maxSites && lastSite != null) {
      return lastSite;
    }
    if (siteCount == sites.length) {
      sites = Arrays.copyOf(sites, sites.length * 2);
    }
    CallSiteGroup site = new CallSiteGroup(stack);
    sites[siteCount++] = site;
    return site;
  }
}
