package example.cases;

import example.shop.Items;
import io.querylens.junit.ExpectQueries;
import io.querylens.junit.QueryRecording;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests that run their statements at the same time, each a different number; the barrier makes them
 * overlap (the kit runs them with six threads).
 */
@ExampleTestCase
public class ParallelCases {
  public static final int TESTS = 6;
  static final CyclicBarrier together = new CyclicBarrier(TESTS);

  @BeforeAll
  static void createTable() {
    Items.createTable();
  }

  @Test
  @ExpectQueries(select = 1, total = 1)
  void one(QueryRecording recording) throws Exception {
    run(1, recording);
  }

  @Test
  @ExpectQueries(select = 2, total = 2)
  void two(QueryRecording recording) throws Exception {
    run(2, recording);
  }

  @Test
  @ExpectQueries(select = 3, total = 3)
  void three(QueryRecording recording) throws Exception {
    run(3, recording);
  }

  @Test
  @ExpectQueries(select = 4, total = 4)
  void four(QueryRecording recording) throws Exception {
    run(4, recording);
  }

  @Test
  @ExpectQueries(select = 5, total = 5)
  void five(QueryRecording recording) throws Exception {
    run(5, recording);
  }

  @Test
  @ExpectQueries(select = 6, total = 6)
  void six(QueryRecording recording) throws Exception {
    run(6, recording);
  }

  /** Runs {@code selects} statements while every other test is between the same two barriers. */
  private static void run(int selects, QueryRecording recording) throws Exception {
    together.await(20, TimeUnit.SECONDS);
    try (Items items = Items.open()) {
      for (int i = 0; i < selects; i++) {
        items.name(i);
        Thread.yield();
      }
    }
    together.await(20, TimeUnit.SECONDS);
    if (recording.snapshot().total() != selects) {
      throw new AssertionError("saw " + recording.snapshot().total() + " statements, ran " + selects);
    }
  }
}
