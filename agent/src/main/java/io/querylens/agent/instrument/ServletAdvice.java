package io.querylens.agent.instrument;

import io.querylens.bootstrap.ScopeHooks;
import net.bytebuddy.asm.Advice;

/**
 * Marks the serving of an HTTP request as a scope: on {@code HttpServlet.service(ServletRequest,
 * ServletResponse)} and on containers' {@code FilterChain.doFilter}, so statements run by filters
 * belong to the request too. The outermost call opens the scope; nested ones (the servlet inside its
 * filter chain, forwards) continue it.
 */
final class ServletAdvice {
  private ServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(@Advice.Argument(0) Object request) {
    return ScopeHooks.enterRequest(request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(@Advice.Enter Object token, @Advice.Argument(0) Object request) {
    ScopeHooks.exitRequest(token, request);
  }
}
