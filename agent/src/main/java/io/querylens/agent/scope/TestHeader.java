package io.querylens.agent.scope;

import io.querylens.analyzer.capture.Captures;
import java.lang.reflect.Method;

/**
 * Reads the {@code QueryLens-Test} header of a servlet request: the id of the test that sent it.
 *
 * <p>The servlet API is not visible to the agent, so the public {@code getHeader} of {@code
 * HttpServletRequest} ({@code javax} or {@code jakarta}) is called reflectively, looked up once per
 * request class. Thread-safe.
 */
final class TestHeader {
  private static final ClassValue<Method> GET_HEADER = new ClassValue<>() {
    @Override
    protected Method computeValue(Class<?> type) {
      Class<?> api = RequestNames.Accessors.servletInterface(type);
      try {
        return api == null ? null : api.getMethod("getHeader", String.class);
      } catch (NoSuchMethodException e) {
        return null;
      }
    }
  };

  private TestHeader() {}

  /** The header's value, or null when absent or {@code request} is not an HTTP servlet request. */
  static String of(Object request) throws ReflectiveOperationException {
    Method getHeader = request == null ? null : GET_HEADER.get(request.getClass());
    if (getHeader == null) {
      return null;
    }
    Object value = getHeader.invoke(request, Captures.HEADER);
    return value instanceof String ? (String) value : null;
  }
}
