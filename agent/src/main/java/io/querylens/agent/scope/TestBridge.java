package io.querylens.agent.scope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.querylens.agent.AgentErrors;
import io.querylens.analyzer.capture.Capture;
import io.querylens.analyzer.capture.CapturedQueries;
import io.querylens.analyzer.scope.ScopeKind;
import io.querylens.analyzer.scope.ScopeTracker;
import io.querylens.bootstrap.TestListener;

/**
 * Connects a test framework ({@code querylens-junit}, through {@link io.querylens.bootstrap.TestHooks})
 * to the {@link ScopeTracker}: each test is a test scope with a capture of its own, and what it ran
 * goes back as JSON, since the test's classes are not the agent's.
 *
 * <p>Internal: public so the installer can wire it. Failures are counted and never reach the test.
 */
public final class TestBridge implements TestListener {
  private final ScopeTracker scopes;

  /** A bridge into {@code scopes}. */
  public TestBridge(ScopeTracker scopes) {
    this.scopes = scopes;
  }

  @Override
  public Object open(String testId, String displayName) {
    try {
      Capture capture = scopes.captures().start(testId, displayName);
      Object frame = scopes.openCapturing(ScopeKind.TEST, displayName, capture);
      if (frame == null) {
        scopes.captures().end(capture);
        return null;
      }
      return new Test(capture, frame);
    } catch (Throwable t) {
      AgentErrors.record("test", "could not start capturing a test", t);
      return null;
    }
  }

  @Override
  public String snapshot(Object token) {
    try {
      return token instanceof Test ? json(((Test) token).capture.snapshot()) : null;
    } catch (Throwable t) {
      AgentErrors.record("test", "could not read what a test ran", t);
      return null;
    }
  }

  @Override
  public void reset(Object token) {
    if (!(token instanceof Test)) {
      return;
    }
    Test test = (Test) token;
    try {
      // A fresh scope, so that no finding builds on executions from before the reset.
      scopes.close(test.frame);
      test.capture.clear();
      test.frame = scopes.openCapturing(ScopeKind.TEST, test.capture.name(), test.capture);
    } catch (Throwable t) {
      AgentErrors.record("test", "could not reset a test's capture", t);
    }
  }

  @Override
  public Object pause(Object token) {
    if (!(token instanceof Test)) {
      return null;
    }
    Test test = (Test) token;
    try {
      test.capture.pause();
      Object frame = scopes.openCapturing(ScopeKind.EXPLICIT, test.capture.name() + " (not counted)", null);
      return new Pause(test, frame);
    } catch (Throwable t) {
      AgentErrors.record("test", "could not pause a test's capture", t);
      return null;
    }
  }

  @Override
  public void resume(Object pauseToken) {
    if (!(pauseToken instanceof Pause)) {
      return;
    }
    Pause pause = (Pause) pauseToken;
    try {
      scopes.close(pause.frame);
    } catch (Throwable t) {
      AgentErrors.record("test", "could not resume a test's capture", t);
    } finally {
      pause.test.capture.resume();
    }
  }

  @Override
  public String close(Object token) {
    if (!(token instanceof Test)) {
      return null;
    }
    Test test = (Test) token;
    try {
      scopes.close(test.frame);
      return json(test.capture.snapshot());
    } catch (Throwable t) {
      AgentErrors.record("test", "could not end a test's capture", t);
      return null;
    } finally {
      scopes.captures().end(test.capture);
    }
  }

  private static String json(CapturedQueries captured) throws JsonProcessingException {
    return Json.WRITER.writeValueAsString(captured);
  }

  /**
   * Jackson, loaded on a test's first capture and not with the bridge: setting it up costs a few
   * hundred milliseconds that every application's start-up paid for nothing (issue 9).
   */
  private static final class Json {
    static final ObjectWriter WRITER = JsonMapper.builder().build().writerFor(CapturedQueries.class);
  }

  /** A running test; confined to the test's thread. */
  private static final class Test {
    final Capture capture;
    Object frame;

    Test(Capture capture, Object frame) {
      this.capture = capture;
      this.frame = frame;
    }
  }

  private record Pause(Test test, Object frame) {}
}
