package io.querylens.junit;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Connects the extension, once per JVM, to what records statements: the agent, attached first when
 * it is not on the command line, or the P6Spy library mode ({@link Mode}).
 *
 * <p>The outcome is kept, a failure too: attaching again for every test would only repeat a slow
 * failure. Thread-safe.
 */
final class RecorderConnection {
  /** The library mode's entry point in the agent jar: public, static, idempotent. */
  static final String LIBRARY_MODE_CLASS = "io.querylens.agent.library.LibraryMode";
  private static final String RECORDS_NOTHING = "records nothing: it did not start (see its 'querylens:' line on"
      + " standard error) or is switched off (querylens.enabled=false)";

  // guarded by RecorderConnection.class
  private static TestHooksBridge connected;
  private static SetupProblem failed;

  private RecorderConnection() {}

  /**
   * The hooks to record tests with.
   *
   * @param settings reads a setting ({@code querylens.junit.mode}, {@code querylens.agent.jar}) by
   *     name: a JUnit configuration parameter or system property, or null
   * @throws ExtensionConfigurationException when nothing records and nothing could be started
   */
  static synchronized TestHooksBridge hooks(Function<String, String> settings) {
    if (connected == null && failed == null) {
      try {
        connected = connect(Mode.parse(settings.apply(Mode.PROPERTY)), settings, System.err);
      } catch (SetupProblem problem) {
        failed = problem;
      }
    }
    if (failed != null) {
      throw new ExtensionConfigurationException(message(failed), failed.getCause());
    }
    return connected;
  }

  /** The failure message: the problem, then the fixes. */
  static String message(SetupProblem problem) {
    String message = "QueryLens cannot record statements in this test JVM: " + problem.getMessage() + ".";
    if (problem.agentFixes()) {
      String jar = problem.jar() == null ? "/path/to/querylens-agent.jar" : problem.jar().toString();
      message += " Either put the agent on the test JVM's command line (Maven surefire:"
          + " <argLine>-javaagent:" + jar + "</argLine>), or put querylens-agent.jar on the"
          + " test class path (the io.querylens:querylens-agent dependency) or name it with -D"
          + AgentJar.PROPERTY + "=/path/to/querylens-agent.jar, and the extension attaches it.";
    }
    return message;
  }

  /** Connects in {@code mode}; {@code out} gets the one line said on attaching. */
  static TestHooksBridge connect(Mode mode, Function<String, String> settings, PrintStream out)
      throws SetupProblem {
    ClassLoader loader = RecorderConnection.class.getClassLoader();
    if (mode == Mode.LIBRARY) {
      return library(loader);
    }
    TestHooksBridge running = agentHooks();
    if (running != null) {
      if (!running.isActive()) {
        throw new SetupProblem("the agent is in this JVM but " + RECORDS_NOTHING, false);
      }
      return running;
    }
    if (libraryModeRecording(loader)) {
      // P6Spy started it already (auto mode): an agent attached now would refuse to count twice.
      return library(loader);
    }
    Path jar = AgentJar.locate(settings.apply(AgentJar.PROPERTY), loader);
    AgentAttachment.attach(jar, AgentAttachment.argument(System.getProperties(), System.getenv()));
    TestHooksBridge attached = agentHooks();
    if (attached == null || !attached.isActive()) {
      throw new SetupProblem("the agent " + jar + " was attached but " + RECORDS_NOTHING, false);
    }
    out.println(AgentAttachment.announcement(jar, Runtime.version().feature(),
        ManagementFactory.getRuntimeMXBean().getInputArguments()));
    return attached;
  }

  /**
   * The agent's hooks, on the bootstrap class path where the agent puts them; null when no agent
   * runs.
   *
   * <p>Looked up on the bootstrap class path only: the agent jar on the class path holds a copy too,
   * and loading that one before the agent is attached would shadow the agent's for this class loader.
   */
  private static TestHooksBridge agentHooks() throws SetupProblem {
    Class<?> hooks;
    try {
      hooks = Class.forName(TestHooksBridge.CLASS_NAME, true, null);
    } catch (ClassNotFoundException e) {
      return null;
    }
    return bridge(hooks);
  }

  /** Whether P6Spy has started the library mode in this JVM; never starts it. */
  private static boolean libraryModeRecording(ClassLoader loader) {
    try {
      Class<?> libraryMode = Class.forName(LIBRARY_MODE_CLASS, true, loader);
      return Boolean.TRUE.equals(libraryMode.getMethod("isRecording").invoke(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      return false; // no agent jar on the class path, or one without library mode
    }
  }

  private static TestHooksBridge library(ClassLoader loader) throws SetupProblem {
    Class<?> libraryMode;
    try {
      libraryMode = Class.forName(LIBRARY_MODE_CLASS, true, loader);
    } catch (ClassNotFoundException e) {
      throw new SetupProblem(Mode.PROPERTY + "=library needs the agent jar on the test class path (the"
          + " io.querylens:querylens-agent dependency), but " + LIBRARY_MODE_CLASS + " is not there", false, e);
    }
    boolean recording;
    try {
      recording = Boolean.TRUE.equals(libraryMode.getMethod("start").invoke(null));
    } catch (InvocationTargetException e) {
      throw new SetupProblem("the library mode did not start (" + e.getCause() + ")", false, e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new SetupProblem(LIBRARY_MODE_CLASS + " has no public static start(): querylens-junit and"
          + " querylens-agent are of different releases", false, e);
    }
    if (!recording) {
      // It stands aside for an agent in this JVM, which records every statement itself.
      TestHooksBridge agent = agentHooks();
      if (agent != null && agent.isActive()) {
        return agent;
      }
      throw new SetupProblem("the library mode records nothing: it is switched off (querylens.enabled=false)"
          + " or could not start (see its 'querylens:' line on standard error)", false);
    }
    TestHooksBridge hooks;
    try {
      hooks = bridge(Class.forName(TestHooksBridge.CLASS_NAME, true, loader));
    } catch (ClassNotFoundException e) {
      throw new SetupProblem("the library mode started, but " + TestHooksBridge.CLASS_NAME
          + " is not on the test class path", false, e);
    }
    if (!hooks.isActive()) {
      throw new SetupProblem("the library mode started, but its test hooks record nothing", false);
    }
    return hooks;
  }

  private static TestHooksBridge bridge(Class<?> hooks) throws SetupProblem {
    try {
      return TestHooksBridge.of(hooks);
    } catch (ReflectiveOperationException e) {
      throw new SetupProblem(hooks.getName() + " lacks " + e.getMessage()
          + ": querylens-junit and querylens-agent are of different releases", false, e);
    }
  }
}
