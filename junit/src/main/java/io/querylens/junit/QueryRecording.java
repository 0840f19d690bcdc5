package io.querylens.junit;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * The running test's recording, for tests that look at their statements themselves, leave fixture
 * set-up out, or send HTTP requests in a parallel run; declare it as a parameter of the test method.
 *
 * <pre>{@code
 * @Test
 * @QueryLens
 * void listsOrders(QueryRecording recording) {
 *   recording.notCounted(() -> fixtures.insertOrders(5));
 *   service.list();
 *   recording.snapshot().check().selects(1).noNPlusOne();
 * }
 * }</pre>
 *
 * <p>Only a test method's parameter can be one (not a {@code @BeforeEach} method's: set-up there is
 * never counted anyway), and it works only while that method runs. Call {@link #reset()} and {@link
 * #notCounted} on the test's thread. Thread-safe otherwise.
 *
 * @since 0.1
 */
public interface QueryRecording {
  /** What the test ran so far; what it runs next is counted on. */
  RecordedQueries snapshot();

  /**
   * Forgets what the test ran so far, statements and findings: the annotations and the baseline
   * judge only what it runs afterwards.
   */
  void reset();

  /**
   * Runs {@code work} without counting its statements, on this thread and in the HTTP requests the
   * test sends meanwhile; for fixture set-up inside the test method.
   *
   * <p>Whatever {@code work} throws is rethrown as is, checked exceptions too, although this method
   * does not declare them.
   */
  void notCounted(Executable work);

  /**
   * Returns what {@code work} returns, without counting its statements; see {@link
   * #notCounted(Executable)}.
   */
  <T> T notCounted(ThrowingSupplier<T> work);

  /**
   * The test's id, unique among the tests running in this JVM; requests carrying it in the header
   * {@link #headerName()} are counted for this test even when other tests run in parallel.
   */
  String testId();

  /** The HTTP request header that names the test a request is sent for: {@code QueryLens-Test}. */
  String headerName();

  /** The value of {@link #headerName()} for requests this test sends: its {@link #testId()}. */
  String headerValue();
}
