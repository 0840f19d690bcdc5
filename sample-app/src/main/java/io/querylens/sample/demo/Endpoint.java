package io.querylens.sample.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One endpoint the demo calls.
 *
 * @param route the method and route template, as QueryLens names the request scope, such as {@code
 *     GET /orders/recent/lazy-customers}
 * @param request builds one request against the application's base URI; may vary it at random
 */
record Endpoint(String route, Function<URI, HttpRequest.Builder> request) {

  /** A GET of a fixed path. */
  static Endpoint get(String path) {
    return new Endpoint("GET " + path, base -> HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  /**
   * A GET of a path with one {@code {id}}-like variable, filled with a random number from 1 to
   * {@code max}.
   */
  static Endpoint getWithRandomId(String template, String variable, int max) {
    return new Endpoint(
        "GET " + template,
        base -> {
          int id = ThreadLocalRandom.current().nextInt(1, max + 1);
          String path = template.replace("{" + variable + "}", Integer.toString(id));
          return HttpRequest.newBuilder(base.resolve(path)).GET();
        });
  }

  /**
   * A POST to {@code path} (the route template with its variables filled) with a body made fresh
   * for each request.
   */
  static Endpoint post(String template, String path, String contentType, Supplier<String> body) {
    return new Endpoint(
        "POST " + template,
        base ->
            HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body.get())));
  }
}
