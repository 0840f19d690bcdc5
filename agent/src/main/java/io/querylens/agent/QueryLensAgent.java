package io.querylens.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Entry points of {@code querylens-agent.jar}: {@code -javaagent} ({@link #premain}), dynamic
 * attach ({@link #agentmain}) and the command line ({@link #main}).
 *
 * <p>This class must not link to the bootstrap bridge or anything that does: the bridge is put on
 * the bootstrap class path first, then {@link AgentInstaller} is loaded by name.
 */
public final class QueryLensAgent {
  private static final String BOOTSTRAP_PACKAGE = "io/querylens/bootstrap/";

  /**
   * ByteBuddy's {@code net.bytebuddy.safe} switch, as named in our relocated copy. Without it
   * ByteBuddy probes {@code sun.misc.Unsafe}, and JDK 24+ prints a deprecation warning into the
   * application's stderr; the agent never needs Unsafe (its advice is inlined, nothing is injected).
   */
  private static final String BYTEBUDDY_SAFE_PROPERTY = "io.querylens.shaded.net.bytebuddy.safe";

  // guarded by the class monitor; a second -javaagent or attach must not instrument twice
  private static boolean started;

  private QueryLensAgent() {}

  /** Called by the JVM for {@code -javaagent:querylens-agent.jar[=options]}. */
  public static void premain(String options, Instrumentation instrumentation) {
    start(options, instrumentation, false);
  }

  /** Called by the JVM when the agent is attached to a running process. */
  public static void agentmain(String options, Instrumentation instrumentation) {
    start(options, instrumentation, true);
  }

  /** {@code java -jar querylens-agent.jar [attach <pid> [options]]}. */
  public static void main(String[] args) {
    System.exit(AgentCommandLine.run(args, System.out, System.err));
  }

  private static synchronized void start(String options, Instrumentation instrumentation, boolean attached) {
    if (started) {
      AgentLog.warn("already running in this JVM; ignoring the second start");
      return;
    }
    started = true;
    try {
      if (System.getProperty(BYTEBUDDY_SAFE_PROPERTY) == null) {
        System.setProperty(BYTEBUDDY_SAFE_PROPERTY, "true");
      }
      appendBootstrapBridge(instrumentation);
      Class.forName("io.querylens.agent.AgentInstaller")
          .getMethod("install", String.class, Instrumentation.class, boolean.class)
          .invoke(null, options, instrumentation, attached);
    } catch (Throwable t) {
      // Never stop the application: without the agent it runs exactly as before.
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      AgentLog.warn("could not start, the application runs without QueryLens: " + cause);
    }
  }

  /** Copies the bridge classes out of this jar into a small jar on the bootstrap class path. */
  private static void appendBootstrapBridge(Instrumentation instrumentation) throws IOException, URISyntaxException {
    File agentJar = new File(QueryLensAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path bridge = Files.createTempFile("querylens-bootstrap-", ".jar");
    bridge.toFile().deleteOnExit();
    try (JarFile source = new JarFile(agentJar);
        JarOutputStream target = new JarOutputStream(Files.newOutputStream(bridge))) {
      Enumeration<JarEntry> entries = source.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith(BOOTSTRAP_PACKAGE) && entry.getName().endsWith(".class")) {
          target.putNextEntry(new JarEntry(entry.getName()));
          try (InputStream in = source.getInputStream(entry)) {
            in.transferTo(target);
          }
          target.closeEntry();
        }
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridge.toFile()));
  }

}
