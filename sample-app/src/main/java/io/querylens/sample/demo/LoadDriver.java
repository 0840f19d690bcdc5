package io.querylens.sample.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends requests to one endpoint from a few threads at once for a while, over real HTTP, so that
 * the application sees what it would in production: concurrent requests on pooled connections.
 *
 * <p>Not thread-safe: one phase at a time. {@link #close()} stops the threads.
 */
final class LoadDriver implements AutoCloseable {

  /** Generous: a problem endpoint under load may take seconds, and that is the point. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final int threads;
  private final HttpClient http;
  private final ExecutorService workers;

  LoadDriver(URI base, int threads) {
    this.base = base;
    this.threads = threads;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "demo-client");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Calls {@code endpoint} from every thread until {@code duration} has passed; each thread sends
   * at least one request, so even a short phase has concurrent requests. Returns when the last
   * response is in.
   */
  PhaseResult drive(Endpoint endpoint, Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    List<Future<WorkerTally>> tallies = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      tallies.add(workers.submit(() -> work(endpoint, deadline)));
    }
    WorkerTally total = new WorkerTally();
    for (Future<WorkerTally> tally : tallies) {
      try {
        total.add(tally.get());
      } catch (ExecutionException e) {
        // send() turns every failure of a request into a tally; this is a bug in the driver.
        throw new IllegalStateException("A demo client thread failed", e.getCause());
      }
    }
    return total.result();
  }

  private WorkerTally work(Endpoint endpoint, long deadline) throws InterruptedException {
    WorkerTally tally = new WorkerTally();
    do {
      long sent = System.nanoTime();
      String failure = send(endpoint);
      tally.record((System.nanoTime() - sent) / 1e6, failure);
    } while (System.nanoTime() - deadline < 0);
    return tally;
  }

  /** Sends one request; returns {@code null} on a 2xx answer, else what went wrong. */
  private String send(Endpoint endpoint) throws InterruptedException {
    try {
      HttpResponse<String> response =
          http.send(
              endpoint.request().apply(base).timeout(REQUEST_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 == 2) {
        return null;
      }
      return endpoint.route() + " answered " + response.statusCode() + ": " + response.body();
    } catch (IOException e) {
      return endpoint.route() + " failed: " + e;
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts of one worker, then of all; confined to one thread at a time. */
  private static final class WorkerTally {
    private int requests;
    private int failures;
    private double totalMillis;
    private double maxMillis;
    private String firstFailure;

    void record(double millis, String failure) {
      requests++;
      totalMillis += millis;
      maxMillis = Math.max(maxMillis, millis);
      if (failure != null) {
        failures++;
        if (firstFailure == null) {
          firstFailure = failure;
        }
      }
    }

    void add(WorkerTally other) {
      requests += other.requests;
      failures += other.failures;
      totalMillis += other.totalMillis;
      maxMillis = Math.max(maxMillis, other.maxMillis);
      if (firstFailure == null) {
        firstFailure = other.firstFailure;
      }
    }

    PhaseResult result() {
      double mean = requests == 0 ? 0 : totalMillis / requests;
      return new PhaseResult(requests, failures, mean, maxMillis, firstFailure);
    }
  }
}
