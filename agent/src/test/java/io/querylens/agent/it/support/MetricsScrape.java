package io.querylens.agent.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Scrapes a child's Prometheus endpoint ({@code metricsPort}) on 127.0.0.1, without credentials. */
public final class MetricsScrape {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MetricsScrape() {}

  /**
   * Scrapes {@code http://127.0.0.1:<port>/metrics} until the sample {@code name} (the first series of that name) is at least {@code
   * atLeast} or {@code limit} has passed, and returns its last value, or -1 when the endpoint or the sample was never
   * there.
   */
  public static double awaitAtLeast(int port, String name, double atLeast, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    double value = -1;
    do {
      value = sample(port, name);
      if (value >= atLeast) {
        return value;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return value;
  }

  /** One scrape of {@code http://127.0.0.1:<port>/metrics}, whatever its status. */
  public static HttpResponse<String> get(int port) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double sample(int port, String name) throws InterruptedException {
    try {
      HttpResponse<String> response = get(port);
      for (String line : response.body().split("\\R")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
          return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        }
      }
    } catch (IOException e) {
      // not up yet, or gone
    }
    return -1;
  }
}
