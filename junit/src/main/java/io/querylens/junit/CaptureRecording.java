package io.querylens.junit;

import io.querylens.analyzer.capture.Captures;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/** The {@link QueryRecording} of one test, over its {@link TestCapture}. */
final class CaptureRecording implements QueryRecording {
  private final TestCapture capture;

  CaptureRecording(TestCapture capture) {
    this.capture = capture;
  }

  @Override
  public RecordedQueries snapshot() {
    return capture.snapshot();
  }

  @Override
  public void reset() {
    capture.reset();
  }

  @Override
  public void notCounted(Executable work) {
    notCounted(() -> {
      work.execute();
      return null;
    });
  }

  @Override
  public <T> T notCounted(ThrowingSupplier<T> work) {
    Object pause = capture.pause();
    try {
      return work.get();
    } catch (Throwable t) {
      throw Rethrow.<RuntimeException>unchecked(t);
    } finally {
      capture.resume(pause);
    }
  }

  @Override
  public String testId() {
    return capture.testId();
  }

  @Override
  public String headerName() {
    return Captures.HEADER;
  }

  @Override
  public String headerValue() {
    return capture.testId();
  }

  @Override
  public String toString() {
    return "QueryRecording[" + capture.testName() + "]";
  }

  /** Rethrows any throwable without wrapping it: the test's report shows what the work threw. */
  private static final class Rethrow {
    private Rethrow() {}

    @SuppressWarnings("unchecked")
    static <T extends Throwable> T unchecked(Throwable t) throws T {
      throw (T) t;
    }
  }
}
