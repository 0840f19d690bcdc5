package io.querylens.exporter.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Keeps the values of one metric label to the heaviest {@code limit}; every other value is {@value
 * #OTHER}, so the number of series stays bounded whatever the application runs.
 *
 * <p>A value gets its own series the first time it is seen while fewer than {@code limit} are kept.
 * {@link #rerank()} then lets a heavier newcomer in: a value outside whose weight ({@link
 * #observe}) since the last re-rank outweighs the lightest kept one by {@value #TAKEOVER_FACTOR}x
 * takes its place. Kept weights halve at each re-rank, so they follow recent activity. The demoted value's meters are removed (its
 * series ends) and its later observations go to {@value #OTHER}: counters are never decreased, so
 * {@code rate()} stays right.
 *
 * <p>Candidate weights are kept in a Space-Saving sketch of {@code 4 * limit} entries, so memory is
 * bounded too. Thread-safe; {@link #resolve} is lock-free for kept values.
 */
final class LabelCap {
  /** The value every value beyond the cap is counted under. */
  static final String OTHER = "other";

  static final double TAKEOVER_FACTOR = 2.0;

  private final int limit;
  private final int sketchSize;
  // kept values and their recent weight; observing a kept value takes no lock
  private final Map<String, DoubleAdder> kept = new ConcurrentHashMap<>();
  // guarded by this: recent weights of values not kept, as {weight, overestimate}
  private final Map<String, double[]> candidates = new HashMap<>();
  private volatile int generation;

  LabelCap(int limit) {
    this.limit = limit;
    this.sketchSize = Math.max(16, 4 * limit);
  }

  /** The label value to use for {@code value}: itself while kept or while room is left, else {@value #OTHER}. */
  String resolve(String value) {
    if (OTHER.equals(value)) {
      return OTHER; // never a kept value: it must never be demoted, or what it counted would vanish
    }
    if (kept.containsKey(value)) {
      return value;
    }
    if (kept.size() >= limit) {
      return OTHER; // full: no lock for the many values that will not get in
    }
    synchronized (this) {
      if (kept.size() < limit) {
        kept.put(value, new DoubleAdder());
        double[] earlier = candidates.remove(value);
        if (earlier != null) {
          kept.get(value).add(earlier[0] - earlier[1]);
        }
        return value;
      }
    }
    return OTHER;
  }

  /** Adds {@code weight} to {@code value}'s recent weight, for the next {@link #rerank()}. */
  void observe(String value, double weight) {
    if (OTHER.equals(value)) {
      return;
    }
    DoubleAdder keptWeight = kept.get(value);
    if (keptWeight != null) {
      keptWeight.add(weight);
      return;
    }
    synchronized (this) {
      double[] current = candidates.get(value);
      if (current != null) {
        current[0] += weight;
        return;
      }
      double inherited = 0;
      if (candidates.size() >= sketchSize) {
        // Space-Saving: the newcomer replaces the lightest candidate and inherits its weight, an upper
        // bound; what it inherited is its possible overestimate.
        Map.Entry<String, double[]> lightest = null;
        for (Map.Entry<String, double[]> entry : candidates.entrySet()) {
          if (lightest == null || entry.getValue()[0] < lightest.getValue()[0]) {
            lightest = entry;
          }
        }
        inherited = lightest.getValue()[0];
        candidates.remove(lightest.getKey());
      }
      candidates.put(value, new double[] {inherited + weight, inherited});
    }
  }

  /**
   * Lets heavier values take the place of lighter kept ones and returns the values demoted, whose
   * meters the caller removes. Then halves the kept values' weights and starts the candidates over,
   * so weights follow recent activity.
   */
  synchronized Set<String> rerank() {
    Map<String, Double> keptWeights = new HashMap<>();
    kept.forEach((value, weight) -> keptWeights.put(value, weight.sum()));
    List<Map.Entry<String, double[]>> challengers = new ArrayList<>(candidates.entrySet());
    // by guaranteed weight: a value that merely inherited a replaced one's weight does not get in on it
    challengers.sort((a, b) -> Double.compare(guaranteed(b.getValue()), guaranteed(a.getValue())));
    Set<String> demoted = new HashSet<>();
    for (Map.Entry<String, double[]> challenger : challengers) {
      String value = challenger.getKey();
      double weight = guaranteed(challenger.getValue());
      if (weight <= 0) {
        break;
      }
      if (keptWeights.size() >= limit) {
        String lightest = lightest(keptWeights);
        if (weight <= TAKEOVER_FACTOR * keptWeights.get(lightest)) {
          break; // challengers are sorted: no later one does better
        }
        keptWeights.remove(lightest);
        demoted.add(lightest);
      }
      keptWeights.put(value, weight);
    }
    for (String value : demoted) {
      kept.remove(value);
    }
    candidates.clear();
    keptWeights.forEach((value, weight) -> {
      DoubleAdder existing = kept.get(value);
      if (existing == null) {
        DoubleAdder promoted = new DoubleAdder();
        promoted.add(weight / 2);
        kept.put(value, promoted);
      } else {
        double now = existing.sumThenReset();
        existing.add(now - weight / 2); // halved; what arrived since it was read is kept in full
      }
    });
    if (!demoted.isEmpty()) {
      generation++;
    }
    return demoted;
  }

  /** Changes whenever a value was demoted: holders of resolved values resolve again. */
  int generation() {
    return generation;
  }

  /** Values kept now. */
  Set<String> kept() {
    return Set.copyOf(kept.keySet());
  }

  private static double guaranteed(double[] candidate) {
    return candidate[0] - candidate[1];
  }

  private static String lightest(Map<String, Double> weights) {
    String lightest = null;
    double least = Double.MAX_VALUE;
    for (Map.Entry<String, Double> entry : weights.entrySet()) {
      if (entry.getValue() < least) {
        least = entry.getValue();
        lightest = entry.getKey();
      }
    }
    return lightest;
  }
}
