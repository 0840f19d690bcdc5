package example.corpus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Spring MVC without Spring Boot: a {@code DispatcherServlet} over an annotation-configured context,
 * on embedded Tomcat 10.1 (jakarta.servlet) at a free port of 127.0.0.1.
 */
final class SpringMvcServer implements AutoCloseable {

  private final Tomcat tomcat;
  private final Path baseDir;
  private final int port;

  private SpringMvcServer(Tomcat tomcat, Path baseDir, int port) {
    this.tomcat = tomcat;
    this.baseDir = baseDir;
    this.port = port;
  }

  /** Starts a server whose context holds {@code componentClasses} (configurations, controllers). */
  static SpringMvcServer start(Class<?>... componentClasses) throws IOException, LifecycleException {
    return startWithMaxThreads(0, componentClasses);
  }

  /**
   * Starts a server like {@link #start(Class[])} whose connector serves every request on one and the
   * same worker thread, one request after the other.
   */
  static SpringMvcServer startOnOneThread(Class<?>... componentClasses) throws IOException, LifecycleException {
    return startWithMaxThreads(1, componentClasses);
  }

  /** {@code maxThreads} 0 keeps Tomcat's default. */
  private static SpringMvcServer startWithMaxThreads(int maxThreads, Class<?>... componentClasses)
      throws IOException, LifecycleException {
    AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    context.register(componentClasses);
    Path baseDir = Files.createTempDirectory("corpus-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    if (maxThreads > 0) {
      // The protocol handler's own executor. setProperty answers false for a property it does not
      // know, and a silently ignored limit would leave the caller's premise unchecked.
      String threads = String.valueOf(maxThreads);
      if (!tomcat.getConnector().setProperty("maxThreads", threads)
          || !tomcat.getConnector().setProperty("minSpareThreads", threads)) {
        throw new IllegalStateException("Tomcat's connector took no maxThreads/minSpareThreads=" + threads);
      }
    }
    StandardContext root = (StandardContext) tomcat.addContext("", baseDir.toString());
    // Leak protection for redeployed web apps; this one never is, and on Java 17 each check wants an
    // --add-opens and warns on stderr at shutdown without it.
    root.setClearReferencesObjectStreamClassCaches(false);
    root.setClearReferencesThreadLocals(false);
    root.setClearReferencesRmiTargets(false);
    Tomcat.addServlet(root, "dispatcher", new DispatcherServlet(context)).setLoadOnStartup(1);
    root.addServletMappingDecoded("/", "dispatcher");
    tomcat.start();
    return new SpringMvcServer(tomcat, baseDir, tomcat.getConnector().getLocalPort());
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() throws LifecycleException, IOException {
    try {
      tomcat.stop();
      tomcat.destroy();
    } finally {
      try (Stream<Path> files = Files.walk(baseDir)) {
        for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
