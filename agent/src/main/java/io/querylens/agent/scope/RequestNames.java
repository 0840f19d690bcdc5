package io.querylens.agent.scope;

import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Names an HTTP request for reports: {@code GET /owners/{ownerId}} from the route template Spring
 * MVC matched, else the method and the path with identifiers collapsed ({@code GET
 * /owners/{id}/pets}), so that every request to one endpoint shares one name.
 *
 * <p>The servlet API is not visible to the agent, so it is called reflectively through the public
 * {@code HttpServletRequest} interface ({@code javax} or {@code jakarta}), looked up once per
 * request class. Thread-safe.
 */
final class RequestNames {
  /** Set by Spring MVC's handler mapping: {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}. */
  static final String SPRING_ROUTE_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  /** Longer names are cut: a name is a grouping key, not a log line. */
  static final int MAX_LENGTH = 200;

  private static final java.util.regex.Pattern PATH_PARAMETER = java.util.regex.Pattern.compile(";[^/]*");

  /** Longer path segments are taken for data (tokens, slugs), not route words. */
  static final int MAX_SEGMENT = 24;

  private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
    @Override
    protected Accessors computeValue(Class<?> type) {
      return Accessors.find(type);
    }
  };

  private RequestNames() {}

  /** The request's name, or null when {@code request} is not an HTTP servlet request. */
  static String of(Object request) throws ReflectiveOperationException {
    if (request == null) {
      return null;
    }
    Accessors accessors = ACCESSORS.get(request.getClass());
    if (accessors == null) {
      return null;
    }
    String method = String.valueOf(accessors.method.invoke(request));
    Object route = accessors.attribute.invoke(request, SPRING_ROUTE_ATTRIBUTE);
    String path = route instanceof String && !((String) route).isEmpty()
        ? (String) route
        : collapseIds(withoutPathParameters(String.valueOf(accessors.uri.invoke(request))));
    String name = method.toUpperCase(Locale.ROOT) + " " + path;
    return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH - 1) + "…";
  }

  /** Drops {@code ;jsessionid=...} and other path parameters, which carry session ids. */
  static String withoutPathParameters(String path) {
    return path.indexOf(';') < 0 ? path : PATH_PARAMETER.matcher(path).replaceAll("");
  }

  /**
   * Replaces path segments that look like identifiers or user data with {@code {id}}: numbers,
   * UUIDs, long hex, anything with three or more digits, an {@code @}, or over 24 characters (tokens,
   * slugs, e-mail addresses). Names must not carry user data, and must stay few.
   */
  static String collapseIds(String path) {
    StringBuilder out = new StringBuilder(path.length());
    int start = 0;
    while (start <= path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      String segment = path.substring(start, end);
      out.append(isIdentifier(segment) ? "{id}" : segment);
      if (slash < 0) {
        break;
      }
      out.append('/');
      start = slash + 1;
    }
    return out.toString();
  }

  static boolean isIdentifier(String segment) {
    if (segment.isEmpty()) {
      return false;
    }
    boolean digits = true;
    boolean hex = true;
    int letters = 0;
    int dashes = 0;
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      digits &= c >= '0' && c <= '9';
      boolean hexDigit = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
      if (c == '-') {
        dashes++;
      } else if (!hexDigit) {
        hex = false;
      } else if (c > '9') {
        letters++;
      }
    }
    if (digits) {
      return true;
    }
    boolean uuid = hex && segment.length() == 36 && dashes == 4;
    boolean longHex = hex && dashes == 0 && segment.length() >= 16 && letters > 0;
    long digitCount = segment.chars().filter(Character::isDigit).count();
    return uuid || longHex || digitCount >= 3 || segment.indexOf('@') >= 0 || segment.length() > MAX_SEGMENT;
  }

  /** The three request methods, from the public interface so any container's class can be called. */
  static final class Accessors {
    final Method method;
    final Method uri;
    final Method attribute;

    private Accessors(Method method, Method uri, Method attribute) {
      this.method = method;
      this.uri = uri;
      this.attribute = attribute;
    }

    static Accessors find(Class<?> type) {
      Class<?> api = servletInterface(type);
      if (api == null) {
        return null;
      }
      try {
        return new Accessors(api.getMethod("getMethod"), api.getMethod("getRequestURI"),
            api.getMethod("getAttribute", String.class));
      } catch (NoSuchMethodException e) {
        return null;
      }
    }

    static Class<?> servletInterface(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        Class<?> found = search(c.getInterfaces());
        if (found != null) {
          return found;
        }
      }
      return null;
    }

    private static Class<?> search(Class<?>[] interfaces) {
      for (Class<?> candidate : interfaces) {
        String name = candidate.getName();
        if (name.equals("jakarta.servlet.http.HttpServletRequest") || name.equals("javax.servlet.http.HttpServletRequest")) {
          return candidate;
        }
        Class<?> inherited = search(candidate.getInterfaces());
        if (inherited != null) {
          return inherited;
        }
      }
      return null;
    }
  }
}
