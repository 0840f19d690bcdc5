package example.concurrency;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Platform or virtual threads for the child workloads (concurrency and corpus). Virtual threads need
 * Java 21+ and are reached by reflection, since this code is compiled for Java 17.
 */
public final class Threads {

  private Threads() {}

  /** A factory of {@code platform} or {@code virtual} threads named {@code prefix0}, {@code prefix1}, … */
  public static ThreadFactory factory(String kind, String prefix) {
    switch (kind) {
      case "platform":
        return platform(prefix);
      case "virtual":
        return virtual(prefix);
      default:
        throw new IllegalArgumentException("thread kind must be platform or virtual but was " + kind);
    }
  }

  /** Whether {@code thread} is virtual ({@code Thread.isVirtual()} on Java 21+, else false). */
  public static boolean isVirtual(Thread thread) {
    try {
      Method isVirtual = Thread.class.getMethod("isVirtual");
      return (Boolean) isVirtual.invoke(thread);
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static ThreadFactory platform(String prefix) {
    long[] next = {0};
    return body -> {
      long n;
      synchronized (next) {
        n = next[0]++;
      }
      return new Thread(body, prefix + n);
    };
  }

  /** {@code Thread.ofVirtual().name(name).unstarted(body)}, by reflection. */
  public static Thread unstartedVirtual(String name, Runnable body) {
    try {
      Object builder = builderType().getMethod("name", String.class).invoke(ofVirtual(), name);
      return (Thread) builderType().getMethod("unstarted", Runnable.class).invoke(builder, body);
    } catch (ReflectiveOperationException e) {
      throw needsJava21(e);
    }
  }

  /** {@code Thread.ofVirtual().name(prefix, 0).factory()}, by reflection. */
  private static ThreadFactory virtual(String prefix) {
    try {
      Object builder = builderType().getMethod("name", String.class, long.class).invoke(ofVirtual(), prefix, 0L);
      return (ThreadFactory) builderType().getMethod("factory").invoke(builder);
    } catch (ReflectiveOperationException e) {
      throw needsJava21(e);
    }
  }

  private static Object ofVirtual() throws ReflectiveOperationException {
    return Thread.class.getMethod("ofVirtual").invoke(null);
  }

  private static Class<?> builderType() throws ClassNotFoundException {
    return Class.forName("java.lang.Thread$Builder");
  }

  private static IllegalStateException needsJava21(ReflectiveOperationException e) {
    return new IllegalStateException("virtual threads need Java 21 or newer; this is " + Runtime.version(), e);
  }
}
