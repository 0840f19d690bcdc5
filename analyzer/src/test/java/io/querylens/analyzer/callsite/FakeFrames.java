package io.querylens.analyzer.callsite;

import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.stream.Stream;

/** Hand-built stacks for {@link StackCapture#read}, innermost frame first. */
final class FakeFrames {
  private FakeFrames() {}

  /**
   * One frame per {@code "package.Class.method"} or {@code "package.Class.method:line"}; the file is
   * the top-level class's simple name plus {@code .java}, the line -1 when not given. A frame ending
   * in {@value #NO_SOURCE} has neither file nor line, as a class generated at run time.
   */
  static Stream<StackWalker.StackFrame> of(String... frames) {
    return Arrays.stream(frames).map(FakeFrames::frame);
  }

  static final String NO_SOURCE = " (no source)";

  static StackWalker.StackFrame frame(String frame) {
    if (frame.endsWith(NO_SOURCE)) {
      String qualifiedMethod = frame.substring(0, frame.length() - NO_SOURCE.length());
      int dot = qualifiedMethod.lastIndexOf('.');
      return new Frame(qualifiedMethod.substring(0, dot), qualifiedMethod.substring(dot + 1), null, -1);
    }
    int colon = frame.lastIndexOf(':');
    int line = colon < 0 ? -1 : Integer.parseInt(frame.substring(colon + 1));
    String qualifiedMethod = colon < 0 ? frame : frame.substring(0, colon);
    int dot = qualifiedMethod.lastIndexOf('.');
    String className = qualifiedMethod.substring(0, dot);
    String simpleName = className.substring(className.lastIndexOf('.') + 1);
    int nested = simpleName.indexOf('$');
    String fileName = (nested < 0 ? simpleName : simpleName.substring(0, nested)) + ".java";
    return new Frame(className, qualifiedMethod.substring(dot + 1), fileName, line);
  }

  /** A frame with no class object behind it, as a stack walker without RETAIN_CLASS_REFERENCE gives. */
  private record Frame(String className, String methodName, String fileName, int lineNumber)
      implements StackWalker.StackFrame {

    @Override
    public String getClassName() {
      return className;
    }

    @Override
    public String getMethodName() {
      return methodName;
    }

    @Override
    public Class<?> getDeclaringClass() {
      throw new UnsupportedOperationException("no class reference retained");
    }

    @Override
    public MethodType getMethodType() {
      throw new UnsupportedOperationException("no class reference retained");
    }

    @Override
    public int getByteCodeIndex() {
      return 0;
    }

    @Override
    public String getFileName() {
      return fileName;
    }

    @Override
    public int getLineNumber() {
      return lineNumber;
    }

    @Override
    public boolean isNativeMethod() {
      return false;
    }

    @Override
    public StackTraceElement toStackTraceElement() {
      return new StackTraceElement(className, methodName, fileName, lineNumber);
    }
  }
}
