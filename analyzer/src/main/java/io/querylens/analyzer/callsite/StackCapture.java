package io.querylens.analyzer.callsite;

import io.querylens.analyzer.callsite.CapturedStack.StackLine;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Walks the current thread's stack to find the application's line of code and its stack.
 *
 * <p>A walk costs microseconds, so callers capture only when a statement repeats in a scope and only
 * a bounded number of times. Thread-safe.
 *
 * @since 0.1
 */
public final class StackCapture {
  /** The most application frames kept. */
  public static final int MAX_FRAMES = 20;

  /** Deeper stacks are cut here; the application's entry point may then be missed. */
  static final int MAX_DEPTH = 1024;

  private final StackWalker walker = StackWalker.getInstance();
  private final FramePolicy policy;

  /** Captures with {@code policy} deciding which frames are the application's. */
  public StackCapture(FramePolicy policy) {
    this.policy = policy;
  }

  /** Captures the calling thread's stack: the call site, the application frames and the entry point. */
  public CapturedStack capture() {
    return walker.walk(this::read);
  }

  /**
   * Finds only the call site: the walk stops at the first application frame, so it costs a fraction
   * of {@link #capture()}. Null when the stack holds no application frame.
   */
  public StackLine callSite() {
    return walker.walk(this::firstApplicationFrame);
  }

  /** The first application frame of {@code frames} as {@link #read} would pick it; public for tests. */
  public StackLine firstApplicationFrame(Stream<StackWalker.StackFrame> frames) {
    StackLine unsourced = null;
    java.util.Iterator<StackWalker.StackFrame> it = frames.limit(MAX_DEPTH).iterator();
    while (it.hasNext()) {
      StackWalker.StackFrame frame = it.next();
      if (policy.isApplication(frame.getClassName())) {
        StackLine line = new StackLine(frame.getClassName(), frame.getMethodName(), frame.getFileName(),
            frame.getLineNumber());
        if (frame.getFileName() != null || frame.getLineNumber() >= 0) {
          return line;
        }
        if (unsourced == null) {
          unsourced = line;
        }
      }
    }
    return unsourced;
  }

  /** Reads {@code frames}, innermost first; public for tests that build stacks by hand. */
  public CapturedStack read(Stream<StackWalker.StackFrame> frames) {
    Reader reader = new Reader();
    frames.limit(MAX_DEPTH).forEach(
        frame -> reader.accept(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber()));
    return reader.result();
  }

  /** Reads another thread's stack, as {@link Thread#getStackTrace()} returns it. */
  public CapturedStack read(StackTraceElement[] trace) {
    Reader reader = new Reader();
    for (int i = 0; i < trace.length && i < MAX_DEPTH; i++) {
      StackTraceElement element = trace[i];
      reader.accept(element.getClassName(), element.getMethodName(), element.getFileName(), element.getLineNumber());
    }
    return reader.result();
  }

  private final class Reader {
    private final List<String> appFrames = new ArrayList<>();
    private StackLine callSite;
    private StackLine unsourcedCallSite;
    private String entryPoint;
    private String lambdaEntryPoint;
    private boolean springData;
    private boolean hibernate;
    private boolean springJdbc;

    void accept(String className, String methodName, String fileName, int lineNumber) {
      if (policy.isApplication(className)) {
        StackLine line = new StackLine(className, methodName, fileName, lineNumber);
        if (fileName == null && lineNumber < 0) {
          // Generated at run time (a proxy in the application's package): point past it, unless the
          // application has no debug information at all.
          if (unsourcedCallSite == null && callSite == null) {
            unsourcedCallSite = line;
          }
        } else if (callSite == null) {
          callSite = line;
        }
        if (appFrames.size() < MAX_FRAMES) {
          appFrames.add(line.toString());
        }
        String method = simpleName(className) + "." + methodName;
        if (!methodName.startsWith("lambda$")) {
          // A lambda's body says little about the work: a runner's lambda wraps every task alike.
          entryPoint = method;
        } else {
          lambdaEntryPoint = method;
        }
      } else if (callSite == null) {
        // Only the frames between the driver and the application say how the statement was issued.
        springData |= className.startsWith("org.springframework.data.");
        hibernate |= className.startsWith("org.hibernate.") || className.startsWith("org.eclipse.persistence.")
            || className.contains("$HibernateProxy");
        springJdbc |= className.startsWith("org.springframework.jdbc.");
      }
    }

    CapturedStack result() {
      Framework framework = springData ? Framework.SPRING_DATA
          : hibernate ? Framework.HIBERNATE
          : springJdbc ? Framework.SPRING_JDBC
          : Framework.PLAIN_JDBC;
      return new CapturedStack(callSite != null ? callSite : unsourcedCallSite, appFrames,
          entryPoint != null ? entryPoint : lambdaEntryPoint, framework);
    }
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
