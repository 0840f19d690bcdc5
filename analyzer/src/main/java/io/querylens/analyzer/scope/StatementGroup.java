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
  long firstParameters;
  boolean firstBatched;

  // Parameter sets seen since the scope's last write: an open-addressing set of hashes (0, "no
  // parameters", kept apart since 0 marks a free slot), so the check costs the same at 3 or 60 sets.
  private long[] parameterSets = new long[8];
  private int parameterSetCount;
  private boolean noParametersSeen;
  private long writeEpoch;

  /** The statement's statistics, told of each scope it ran in; null where a test has none. */
  final io.querylens.analyzer.stats.StatementStatistics statistics;

  StatementGroup(NormalizedSql statement, io.querylens.analyzer.stats.StatementStatistics statistics,
      StatementEvent parent, long writeEpoch) {
    this.statement = statement;
    this.statistics = statistics;
    this.parent = parent;
    this.writeEpoch = writeEpoch;
  }

  void holdFirst(StatementEvent event, boolean batched) {
    firstPending = true;
    firstStartNanos = event.startNanos();
    firstEndNanos = event.endNanos();
    firstParameters = event.parameterHash();
    firstBatched = batched || event.failed(); // either way not a single execution to count
  }

  /** Hands the held first execution to {@code site}, the call site of the second. */
  void releaseFirstTo(CallSiteGroup site) {
    if (firstPending) {
      firstPending = false;
      if (!firstBatched) {
        site.addSingle(firstStartNanos, firstEndNanos, firstParameters);
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
      forgetParameters();
    }
    if (parameters == 0) {
      boolean seen = noParametersSeen;
      noParametersSeen = true;
      return seen;
    }
    long[] table = parameterSets;
    int mask = table.length - 1;
    int slot = spread(parameters) & mask;
    while (table[slot] != 0) {
      if (table[slot] == parameters) {
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (parameterSetCount < max) {
      parameterSetCount++;
      if (parameterSetCount * 2 > table.length) {
        growParameterSets();
        insert(parameterSets, parameters);
      } else {
        table[slot] = parameters;
      }
    }
    return false;
  }

  private void forgetParameters() {
    if (parameterSetCount > 0) {
      Arrays.fill(parameterSets, 0);
      parameterSetCount = 0;
    }
    noParametersSeen = false;
  }

  private void growParameterSets() {
    long[] old = parameterSets;
    parameterSets = new long[old.length * 2];
    for (long parameters : old) {
      if (parameters != 0) {
        insert(parameterSets, parameters);
      }
    }
  }

  private static void insert(long[] table, long parameters) {
    int mask = table.length - 1;
    int slot = spread(parameters) & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = parameters;
  }

  private static int spread(long hash) {
    long h = hash * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The group of the call site {@code line}, or null when it has none yet. */
  CallSiteGroup siteAt(Object line) {
    for (int i = 0; i < siteCount; i++) {
      if (Objects.equals(sites[i].callSite(), line)) {
        return sites[i];
      }
    }
    return null;
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
