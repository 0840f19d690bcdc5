/**
 * The agent's settings: where they come from, how they are parsed, and what happens when one is
 * wrong.
 *
 * <p>{@link io.querylens.agent.config.AgentConfig} is the public entry point (with {@link
 * io.querylens.agent.config.ParameterMask}, the type of one of its values). It is built once at
 * startup by {@link io.querylens.agent.config.AgentConfig#load AgentConfig.load} from three
 * sources, highest precedence first:
 *
 * <ol>
 *   <li>the agent argument, {@code -javaagent:querylens-agent.jar=key=value,key=value};
 *   <li>system properties, {@code -Dquerylens.key=value};
 *   <li>environment variables, {@code QUERYLENS_KEY}, where {@code KEY} is the key in upper snake
 *       case ({@code reportDir} becomes {@code QUERYLENS_REPORT_DIR});
 *   <li>the built-in default.
 * </ol>
 *
 * <p>Key lookup is lenient: case, {@code _} and {@code -} are ignored, so {@code reportdir},
 * {@code report-dir} and {@code QUERYLENS_REPORTDIR} all mean {@code reportDir}. Because the agent
 * argument is itself comma-separated, list values inside it ({@code appPackages}) are separated
 * by {@code ;} or {@code |}; in system properties and environment variables {@code ,} works too.
 *
 * <p>Nothing here ever stops the application: an unknown key, a malformed agent-argument fragment
 * or a bad value is reported as one warning line (naming the key, the value, where it came from
 * and what was expected) and the next source, or the default, is used instead. The full list of
 * options is in {@code docs/configuration.md}.
 *
 * <p>All parameters and return values in this package are non-null unless documented otherwise.
 *
 * @since 0.1
 */
package io.querylens.agent.config;
