package example.faults;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * A second, test-only Java agent that breaks one method of the QueryLens agent, so the tests can watch QueryLens
 * fail open without a test hook in its production code. Argument: {@code throw:<SimpleClassName>#<method>} makes
 * the method throw {@link InjectedFaults#failure()} on entry; {@code stall:<SimpleClassName>#<method>} makes it
 * sleep first ({@link InjectedFaults#stall()}). Classes are matched by simple name because the agent jar relocates
 * the analyzer (e.g. {@code io.querylens.shaded.analyzer...}); they are retransformed if already loaded. It prints
 * {@code fault-agent: armed <class>} on stdout for every class it changed and, at exit, {@code fault-agent:
 * injected <n>}.
 */
public final class FaultAgent {

  private FaultAgent() {}

  /** Called by the JVM for {@code -javaagent:<jar>=<argument>}. */
  public static void premain(String argument, Instrumentation instrumentation) {
    String[] kindAndTarget = argument.split(":", 2);
    String simpleName = kindAndTarget[1].substring(0, kindAndTarget[1].indexOf('#'));
    String method = kindAndTarget[1].substring(kindAndTarget[1].indexOf('#') + 1);
    Class<?> advice = switch (kindAndTarget[0]) {
      case "throw" -> Throw.class;
      case "stall" -> Stall.class;
      default -> throw new IllegalArgumentException("throw:<Class>#<method> or stall:<Class>#<method>: " + argument);
    };
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(new AgentBuilder.Listener.Adapter() {
          @Override
          public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
              DynamicType dynamicType) {
            System.out.println("fault-agent: armed " + type.getName());
          }

          @Override
          public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
              Throwable error) {
            System.out.println("fault-agent: could not change " + typeName + ": " + error);
          }
        })
        .type(ElementMatchers.nameEndsWith("." + simpleName))
        .transform((builder, type, loader, module, domain) ->
            builder.visit(Advice.to(advice).on(ElementMatchers.named(method))))
        .installOn(instrumentation);
    Runtime.getRuntime().addShutdownHook(new Thread(
        () -> System.out.println("fault-agent: injected " + InjectedFaults.injected()), "fault-agent-exit"));
  }

  /** Throws on entry. */
  static final class Throw {
    @Advice.OnMethodEnter
    static void enter() {
      if (InjectedFaults.armed()) {
        throw InjectedFaults.failure();
      }
    }
  }

  /** Sleeps on entry. */
  static final class Stall {
    @Advice.OnMethodEnter
    static void enter() {
      InjectedFaults.stall();
    }
  }
}
