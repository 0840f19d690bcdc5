package io.querylens.analyzer.capture;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The captures of the tests running now, and which thread works for which.
 *
 * <p>A request served in this JVM belongs to the test that sent it: the one its {@code
 * QueryLens-Test} header names, else the only test running. While several run in parallel and the
 * request names none, it belongs to none of them rather than to the wrong one. Thread-safe.
 *
 * @since 0.1
 */
public final class Captures {
  /** The HTTP request header naming the test a request is sent for, by its id. */
  public static final String HEADER = "QueryLens-Test";

  private final Map<String, Capture> running = new ConcurrentHashMap<>();
  private final Map<Thread, Capture> threads = new ConcurrentHashMap<>();

  /** Starts capturing for the test {@code id}, shown as {@code name}. */
  public Capture start(String id, String name) {
    Capture capture = new Capture(id, name);
    running.put(id, capture);
    return capture;
  }

  /** Ends {@code capture}: later requests are no longer attributed to it. */
  public void end(Capture capture) {
    running.remove(capture.id(), capture);
  }

  /**
   * The capture a request belongs to: the one {@code testId} (its header, nullable) names, else the
   * only running capture that is not paused; null when none or several.
   */
  public Capture forRequest(String testId) {
    if (testId != null && !testId.isEmpty()) {
      Capture named = running.get(testId);
      if (named != null) {
        return named.paused() ? null : named;
      }
    }
    List<Capture> now = List.copyOf(running.values());
    if (now.size() == 1) {
      return now.get(0).paused() ? null : now.get(0);
    }
    for (Capture capture : now) {
      if (!capture.paused()) {
        capture.unattributedRequest(); // so that a test missing statements can say why
      }
    }
    return null;
  }

  /** The capture {@code thread} works for now, or null. */
  public Capture onThread(Thread thread) {
    return threads.get(thread);
  }

  /** Records that the calling thread now works for {@code capture} (null: for none). */
  public void bind(Capture capture) {
    if (capture == null) {
      threads.remove(Thread.currentThread());
    } else {
      threads.put(Thread.currentThread(), capture);
    }
  }

  /** How many tests are capturing now. */
  public int running() {
    return running.size();
  }
}
