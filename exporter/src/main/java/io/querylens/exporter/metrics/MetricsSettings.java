package io.querylens.exporter.metrics;

import java.time.Duration;

/**
 * Where and how the meters go out.
 *
 * @param port the Prometheus endpoint's port; 0 for no endpoint
 * @param host the address the endpoint binds to
 * @param user the basic-authentication user; empty for none
 * @param password the basic-authentication password; empty for none
 * @param labelLimit values kept per capped label
 * @param otlpEndpoint the OTLP/HTTP metrics URL; empty for no push
 * @param otlpInterval how often to push
 */
public record MetricsSettings(int port, String host, String user, String password, int labelLimit,
    String otlpEndpoint, Duration otlpInterval) {

  /** True when neither an endpoint nor a push is wanted: no meter is kept at all. */
  public boolean off() {
    return port == 0 && otlpEndpoint.isEmpty();
  }

  @Override
  public String toString() {
    return "MetricsSettings[port=" + port + ", host=" + host + ", user=" + user + ", password=****, labelLimit="
        + labelLimit + ", otlpEndpoint=" + otlpEndpoint + ", otlpInterval=" + otlpInterval + "]";
  }
}
