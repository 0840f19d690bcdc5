package io.querylens.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Set;
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

  private static final LocalDateTime BRIDGE_ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

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
    Path bridge = newBridgeFile();
    bridge.toFile().deleteOnExit();
    // Unverified: the JVM has read the jar already, and verifying its 8,000 entries again costs start-up time.
    try (JarFile source = new JarFile(agentJar, false);
        JarOutputStream target = new JarOutputStream(Files.newOutputStream(bridge))) {
      Enumeration<JarEntry> entries = source.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        if (entry.getName().startsWith(BOOTSTRAP_PACKAGE) && entry.getName().endsWith(".class")) {
          JarEntry copy = new JarEntry(entry.getName());
          // A local time: an entry without one is stamped with the current time in the default time
          // zone, and loading the zone rules costs start-up time for a date nobody reads.
          copy.setTimeLocal(BRIDGE_ENTRY_TIME);
          target.putNextEntry(copy);
          try (InputStream in = source.getInputStream(entry)) {
            in.transferTo(target);
          }
          target.closeEntry();
        }
      }
    }
    instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bridge.toFile(), false));
  }

  /**
   * A new, empty file for the bridge in the temporary directory, readable and writable by its owner
   * only. Not {@code Files.createTempFile}: its random name seeds a {@code SecureRandom}, which
   * costs start-up time; a name from the process id and the clock is unique enough, and
   * {@code CREATE_NEW} refuses a file that is already there (or a link planted in its place).
   */
  private static Path newBridgeFile() throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
    String prefix = "querylens-bootstrap-" + ProcessHandle.current().pid() + "-";
    for (int attempt = 0; ; attempt++) {
      Path file = dir.resolve(prefix + Long.toHexString(System.nanoTime()) + ".jar");
      try {
        Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            OWNER_ONLY).close();
        return file;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      } catch (UnsupportedOperationException e) {
        return Files.createTempFile("querylens-bootstrap-", ".jar"); // no POSIX permissions here
      }
    }
  }

}
