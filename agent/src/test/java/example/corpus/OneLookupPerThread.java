package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Four threads each look one owner up, at the same time, from the same line: four executions with
 * four parameter sets, but in four scopes, so no N+1.
 */
final class OneLookupPerThread implements Scenario {

  private static final int THREADS = 4;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
  }

  @Override
  public void run() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    for (int i = 1; i <= THREADS; i++) {
      long ownerId = i;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                  lookUp(ownerId);
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              name() + "-worker-" + i);
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a worker failed", failure.get());
    }
  }

  private static void lookUp(long ownerId) throws Exception {
    try (Connection c = CorpusDb.pool().getConnection();
        PreparedStatement byId = c.prepareStatement("select name from clinic_owner where id = ?")) {
      byId.setLong(1, ownerId);
      try (ResultSet owner = byId.executeQuery()) {
        if (!owner.next()) {
          throw new IllegalStateException("no owner " + ownerId);
        }
      }
    }
  }
}
