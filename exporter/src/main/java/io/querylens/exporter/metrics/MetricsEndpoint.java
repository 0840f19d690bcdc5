package io.querylens.exporter.metrics;

import com.sun.net.httpserver.BasicAuthenticator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * The Prometheus endpoint: the Prometheus client's own HTTP server on {@code host:port}, serving
 * {@code /metrics} and {@code /-/healthy}, behind basic authentication when a user and password are
 * set. Its threads are daemons: it never keeps the application alive.
 */
final class MetricsEndpoint implements AutoCloseable {
  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  /**
   * Starts the endpoint, or returns null after saying why in one line through {@code say} (a port
   * in use, an address that is not this machine's) and counting it in {@code failures}.
   */
  static MetricsEndpoint start(MetricsSettings settings, PrometheusMeterRegistry registry, Consumer<String> say,
      FailureSink failures) {
    boolean hasUser = !settings.user().isEmpty();
    boolean hasPassword = !settings.password().isEmpty();
    if (hasUser != hasPassword) {
      say.accept("metricsUser and metricsPassword must be set together; the metrics endpoint has no"
          + " authentication until both are set");
    }
    try {
      HTTPServer.Builder builder = HTTPServer.builder()
          .hostname(settings.host())
          .port(settings.port())
          .registry(registry.getPrometheusRegistry());
      if (hasUser && hasPassword) {
        builder.authenticator(new Credentials(settings.user(), settings.password()));
      }
      MetricsEndpoint endpoint = new MetricsEndpoint(builder.buildAndStart());
      if (!(hasUser && hasPassword) && !isLoopback(settings.host())) {
        say.accept("the metrics endpoint on " + settings.host() + ":" + endpoint.port() + " is reachable from"
            + " other machines without authentication; set metricsUser and metricsPassword, or metricsHost=127.0.0.1");
      }
      return endpoint;
    } catch (BindException e) {
      failures.failed("metrics-endpoint", "metrics endpoint not started: " + settings.host() + ":" + settings.port()
          + " is already in use or not an address of this machine; the application runs on without it."
          + " Set metricsPort to a free port, or 0 to turn the endpoint off", null);
    } catch (IOException | RuntimeException e) {
      failures.failed("metrics-endpoint", "metrics endpoint not started on " + settings.host() + ":"
          + settings.port() + "; the application runs on without it", e);
    }
    return null;
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The port it listens on. */
  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }

  /** Basic authentication against one user, compared in constant time. */
  private static final class Credentials extends BasicAuthenticator {
    private final byte[] user;
    private final byte[] password;

    Credentials(String user, String password) {
      super("querylens");
      this.user = user.getBytes(StandardCharsets.UTF_8);
      this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String username, String password) {
      boolean userMatches = MessageDigest.isEqual(user, username.getBytes(StandardCharsets.UTF_8));
      boolean passwordMatches = MessageDigest.isEqual(this.password, password.getBytes(StandardCharsets.UTF_8));
      return userMatches & passwordMatches;
    }
  }
}
