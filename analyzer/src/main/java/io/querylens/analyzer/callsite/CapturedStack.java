package io.querylens.analyzer.callsite;

import java.util.List;
import java.util.Objects;

/**
 * The application's part of one stack: where the statement was issued, how it got there, and the
 * framework in between.
 *
 * @param callSite the first application frame, or {@code null} when the stack held none
 * @param frames the application frames, innermost first, as {@code Class.method(File.java:line)};
 *     at most {@link StackCapture#MAX_FRAMES}
 * @param entryPoint the outermost application method seen, as {@code SimpleClass.method}, or
 *     {@code null}; names transactions and thread windows
 * @param framework what ran between the call site and the driver
 * @since 0.1
 */
public record CapturedStack(StackLine callSite, List<String> frames, String entryPoint, Framework framework) {

  /** Copies the frames. */
  public CapturedStack {
    frames = List.copyOf(frames);
    Objects.requireNonNull(framework, "framework");
  }

  /**
   * One frame.
   *
   * @param className the fully qualified class name
   * @param methodName the method name
   * @param fileName the source file, or {@code null}
   * @param lineNumber the line, negative when unknown
   */
  public record StackLine(String className, String methodName, String fileName, int lineNumber) {

    /** {@code Class.method(File.java:line)}. */
    @Override
    public String toString() {
      String location = fileName == null ? "Unknown Source" : lineNumber >= 0 ? fileName + ":" + lineNumber : fileName;
      return className + "." + methodName + "(" + location + ")";
    }
  }
}
