package io.querylens.exporter.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A FailureSink that keeps every failure, to assert on what the metrics counted. */
final class RecordedFailures implements FailureSink {
  /** One failure. */
  record Failure(String kind, String message, Throwable cause) {}

  private final List<Failure> failures = new CopyOnWriteArrayList<>();

  @Override
  public void failed(String kind, String message, Throwable cause) {
    failures.add(new Failure(kind, message, cause));
  }

  List<Failure> all() {
    return List.copyOf(failures);
  }
}
