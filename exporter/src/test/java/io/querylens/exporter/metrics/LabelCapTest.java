package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LabelCapTest {

  @Test
  void admitsValuesFirstComeUpToTheLimitThenCountsTheRestAsOther() {
    LabelCap cap = new LabelCap(3);

    assertThat(cap.resolve("a")).isEqualTo("a");
    assertThat(cap.resolve("b")).isEqualTo("b");
    assertThat(cap.resolve("c")).isEqualTo("c");
    assertThat(cap.resolve("d")).isEqualTo(LabelCap.OTHER);
    assertThat(cap.resolve("a")).isEqualTo("a");
    assertThat(cap.resolve("e")).isEqualTo(LabelCap.OTHER);

    assertThat(cap.kept()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void challengerOutweighingTheLightestKeptByMoreThanTwiceTakesItsPlace() {
    LabelCap cap = new LabelCap(2);
    cap.resolve("heavy");
    cap.resolve("light");
    cap.observe("heavy", 100);
    cap.observe("light", 10);
    cap.observe("newcomer", 20.5);
    int before = cap.generation();

    Set<String> demoted = cap.rerank();

    assertThat(demoted).containsExactly("light");
    assertThat(cap.kept()).containsExactlyInAnyOrder("heavy", "newcomer");
    assertThat(cap.generation()).isNotEqualTo(before);
    assertThat(cap.resolve("light")).isEqualTo(LabelCap.OTHER);
    assertThat(cap.resolve("newcomer")).isEqualTo("newcomer");
  }

  @Test
  void challengerExactlyTwiceTheLightestKeptStaysOther() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("kept");
    cap.observe("kept", 10);
    cap.observe("challenger", 20);
    int before = cap.generation();

    Set<String> demoted = cap.rerank();

    assertThat(demoted).isEmpty();
    assertThat(cap.generation()).isEqualTo(before);
    assertThat(cap.kept()).containsExactly("kept");
    assertThat(cap.resolve("challenger")).isEqualTo(LabelCap.OTHER);
  }

  @Test
  void rerankWithoutDemotionLeavesTheGenerationAlone() {
    LabelCap cap = new LabelCap(2);
    cap.resolve("a");
    cap.observe("a", 5);
    int before = cap.generation();

    assertThat(cap.rerank()).isEmpty();
    assertThat(cap.rerank()).isEmpty();

    assertThat(cap.generation()).isEqualTo(before);
  }

  @Test
  void everyDemotionChangesTheGeneration() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("a");
    cap.observe("a", 1);
    cap.observe("b", 10);
    cap.rerank();
    int afterFirst = cap.generation();
    cap.observe("b", 1);
    cap.observe("c", 100);

    assertThat(cap.rerank()).containsExactly("b");

    assertThat(cap.generation()).isNotEqualTo(afterFirst);
    assertThat(cap.kept()).containsExactly("c");
  }

  @Test
  void keptWeightsHalveAtEachRerank() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("kept");
    cap.observe("kept", 10);
    cap.rerank(); // kept now weighs 5

    cap.observe("challenger", 9.9); // not more than 2 x 5: had the weight been zeroed, it would win
    assertThat(cap.rerank()).isEmpty(); // kept now weighs 2.5, the challenger's weight is forgotten

    cap.observe("challenger", 5.1); // more than 2 x 2.5, but not more than 2 x 5 had it not halved
    assertThat(cap.rerank()).containsExactly("kept");
    assertThat(cap.kept()).containsExactly("challenger");
  }

  @Test
  void candidateWeightsStartOverAfterARerank() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("kept");
    cap.observe("kept", 10);
    cap.observe("challenger", 15);
    cap.rerank(); // kept 5; challenger forgotten

    cap.observe("challenger", 9);

    assertThat(cap.rerank()).as("15 + 9 would have won, 9 alone does not").isEmpty();
  }

  @Test
  void aValueSeenBeforeItIsAdmittedBringsItsWeight() {
    LabelCap cap = new LabelCap(2);
    cap.resolve("a");
    cap.observe("b", 100); // not resolved yet: a candidate
    cap.resolve("b"); // room left: admitted with its weight
    cap.observe("a", 1);
    cap.observe("c", 10); // beats a (1) but not b (100)

    assertThat(cap.rerank()).containsExactly("a");
    assertThat(cap.kept()).containsExactlyInAnyOrder("b", "c");
  }

  @Test
  void otherIsNeverPromoted() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("a");
    cap.observe("a", 1);
    cap.observe(LabelCap.OTHER, 1_000_000);

    assertThat(cap.rerank()).isEmpty();
    assertThat(cap.kept()).containsExactly("a");
  }

  @Test
  void otherDoesNotShadowAHeavierRealChallenger() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("a");
    cap.observe("a", 1);
    cap.observe(LabelCap.OTHER, 1_000_000);
    cap.observe("b", 10);

    assertThat(cap.rerank()).containsExactly("a");
    assertThat(cap.kept()).containsExactly("b");
  }

  @Test
  void otherIsNeverAdmittedAsAKeptValue() {
    LabelCap cap = new LabelCap(2);

    assertThat(cap.resolve(LabelCap.OTHER)).isEqualTo(LabelCap.OTHER);
    assertThat(cap.resolve("a")).isEqualTo("a");
    assertThat(cap.resolve("b")).as("two real values fit under a limit of 2").isEqualTo("b");
    assertThat(cap.kept()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void candidateSketchStaysBoundedAndStillFindsAHeavyHitter() throws Exception {
    LabelCap cap = new LabelCap(5);
    for (int i = 0; i < 5; i++) {
      cap.observe("kept-" + i, 1);
      cap.resolve("kept-" + i);
    }
    for (int i = 0; i < 100_000; i++) {
      cap.observe("value-" + i, 1);
      if (i == 50_000) {
        cap.observe("heavy", 1_000_000);
      }
    }

    assertThat(candidates(cap)).as("candidates held by the Space-Saving sketch").hasSizeLessThanOrEqualTo(20);

    cap.rerank();

    assertThat(cap.kept()).contains("heavy").hasSizeLessThanOrEqualTo(5);
    assertThat(cap.resolve("heavy")).isEqualTo("heavy");
    assertThat(candidates(cap)).isEmpty();
  }

  @Test
  void oneOffValuesDoNotDisplaceAHeavierKeptValue() {
    LabelCap cap = new LabelCap(1);
    cap.resolve("kept");
    cap.observe("kept", 10);
    for (int i = 0; i < 1_000; i++) {
      cap.observe("one-off-" + i, 1); // none of them outweighs "kept" at all, let alone twice
    }

    assertThat(cap.rerank()).isEmpty();
    assertThat(cap.kept()).containsExactly("kept");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void eightThreadsResolvingDistinctValuesNeverKeepMoreThanTheLimit() throws Exception {
    int limit = 5;
    LabelCap cap = new LabelCap(limit);
    AtomicInteger overLimit = new AtomicInteger();
    AtomicInteger resolvedAsOwn = new AtomicInteger();

    runConcurrently(8, thread -> {
      for (int i = 0; i < 20_000; i++) {
        String value = "t" + thread + "-" + i;
        cap.observe(value, 1 + (i % 7));
        if (resolve(cap, value)) {
          resolvedAsOwn.incrementAndGet();
        }
        if (cap.kept().size() > limit) {
          overLimit.incrementAndGet();
        }
      }
    }, null);

    assertThat(overLimit).hasValue(0);
    assertThat(cap.kept()).hasSize(limit);
    assertThat(resolvedAsOwn).as("each kept value resolved as itself once").hasValue(limit);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void reranksRacingResolvesAndObservesNeverKeepMoreThanTheLimit() throws Exception {
    int limit = 5;
    LabelCap cap = new LabelCap(limit);
    AtomicInteger overLimit = new AtomicInteger();
    AtomicInteger reranks = new AtomicInteger();

    runConcurrently(8, thread -> {
      for (int i = 0; i < 20_000; i++) {
        String value = "t" + thread + "-" + (i % 500);
        cap.observe(value, 1 + (i % 7));
        resolve(cap, value);
      }
    }, () -> {
      cap.rerank();
      reranks.incrementAndGet();
      // kept() copies a concurrent map: only a copy taken under the cap's lock is a consistent one
      synchronized (cap) {
        if (cap.kept().size() > limit) {
          overLimit.incrementAndGet();
        }
      }
    });

    assertThat(reranks.get()).isPositive();
    assertThat(overLimit).hasValue(0);
    assertThat(cap.kept()).hasSizeLessThanOrEqualTo(limit);
  }

  /** Resolves {@code value}: true when it got its own label, false for other; anything else fails. */
  private static boolean resolve(LabelCap cap, String value) {
    String label = cap.resolve(value);
    if (!label.equals(value) && !label.equals(LabelCap.OTHER)) {
      throw new AssertionError("resolved " + value + " as " + label);
    }
    return label.equals(value);
  }

  /** Runs {@code work} on {@code threads} threads at once, and {@code alongside} in a loop until they end. */
  private static void runConcurrently(int threads, java.util.function.IntConsumer work, Runnable alongside)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger(threads);
    try {
      List<Future<?>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        tasks.add(pool.submit(() -> {
          start.await();
          try {
            work.accept(thread);
          } finally {
            running.decrementAndGet();
          }
          return null;
        }));
      }
      if (alongside != null) {
        tasks.add(pool.submit(() -> {
          start.await();
          while (running.get() > 0) {
            alongside.run();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** White box: the sketch's entries, to see its memory stay bounded. */
  @SuppressWarnings("unchecked")
  private static Map<String, double[]> candidates(LabelCap cap) throws ReflectiveOperationException {
    Field field = LabelCap.class.getDeclaredField("candidates");
    field.setAccessible(true);
    synchronized (cap) {
      return Map.copyOf((Map<String, double[]>) field.get(cap));
    }
  }
}
