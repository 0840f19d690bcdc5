package example.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a scenario's two threads meet: latches and barriers with a generous limit, so a database that
 * does not behave as expected fails the workload instead of hanging it, and never a sleep.
 */
final class Rendezvous {

  /**
   * Far above any lock wait a scenario provokes (PostgreSQL finds a deadlock after its 1 s {@code
   * deadlock_timeout}), far below the test's limit on the child JVM.
   */
  static final long LIMIT_SECONDS = 30;

  private Rendezvous() {}

  /** Waits for {@code latch}; fails after {@link #LIMIT_SECONDS}. */
  static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(Thread.currentThread().getName() + " waited " + LIMIT_SECONDS + " s for " + what);
    }
  }

  /** Waits at {@code barrier}; fails after {@link #LIMIT_SECONDS} or when the other thread failed. */
  static void await(CyclicBarrier barrier, String what) throws InterruptedException {
    try {
      barrier.await(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException(Thread.currentThread().getName() + " never met the other thread at " + what, e);
    }
  }

  /**
   * Runs {@code first} and {@code second} on two new platform threads of those names and returns their
   * results in that order; rethrows the first failure, with the other attached.
   */
  static <T> List<T> concurrently(String firstName, Callable<T> first, String secondName, Callable<T> second)
      throws Exception {
    List<FutureTask<T>> tasks = List.of(new FutureTask<>(first), new FutureTask<>(second));
    new Thread(tasks.get(0), firstName).start();
    new Thread(tasks.get(1), secondName).start();
    List<T> results = new ArrayList<>();
    Exception failure = null;
    for (FutureTask<T> task : tasks) {
      try {
        // each thread bounds its own waits; this limit only catches a statement that never returns
        results.add(task.get(3 * LIMIT_SECONDS, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        Exception cause = e instanceof ExecutionException && e.getCause() instanceof Exception
            ? (Exception) e.getCause()
            : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
        results.add(null);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }
}
