package io.querylens.exporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoarseClockTest {

  @Test
  void wallTimeMovesOnlyWhenTicked() throws InterruptedException {
    CoarseClock clock = new CoarseClock();
    long first = clock.wallTime();
    long later = System.currentTimeMillis() + 5;
    while (System.currentTimeMillis() < later) {
      Thread.sleep(1);
    }

    assertThat(clock.wallTime()).isEqualTo(first);

    clock.tick();

    assertThat(clock.wallTime()).isGreaterThanOrEqualTo(first + 5).isLessThanOrEqualTo(System.currentTimeMillis());
  }

  @Test
  void monotonicTimeIsReadEachTime() {
    CoarseClock clock = new CoarseClock();
    long first = clock.monotonicTime();
    long spinUntil = System.nanoTime() + 1_000_000;
    while (System.nanoTime() < spinUntil) {
      Thread.onSpinWait();
    }

    assertThat(clock.monotonicTime()).isGreaterThanOrEqualTo(first + 1_000_000);
  }
}
