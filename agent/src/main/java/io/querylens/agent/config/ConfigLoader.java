package io.querylens.agent.config;

import io.querylens.agent.config.ValueParsers.InvalidValueException;
import io.querylens.agent.config.ValueParsers.ParseContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the three option sources, resolves precedence and reports every problem as one warning
 * line. Runs once, at startup, off every hot path; clarity wins over speed here.
 *
 * <p>Not thread-safe; each instance serves one {@link #load} call.
 */
final class ConfigLoader {

  static final String PROPERTY_PREFIX = "querylens.";
  static final String ENV_PREFIX = "QUERYLENS_";

  // Settings that share our prefix but are not agent options, and must not draw "unknown option"
  // warnings: the test suite's own (database URLs, JDK paths) and querylens-junit's.
  private static final List<String> IGNORED_PROPERTY_PREFIXES =
      List.of("querylens.test.", "querylens.junit.", "querylens.baseline.", "querylens.agent.jar");
  private static final String IGNORED_ENV_PREFIX = "QUERYLENS_TEST_";

  private static final String WARNING_PREFIX = "querylens: ";
  private static final int MAX_DISPLAYED_VALUE = 100;

  private static final Map<String, ConfigOption<?>> OPTIONS_BY_NORMALIZED_KEY = new HashMap<>();

  static {
    for (ConfigOption<?> option : ConfigOption.ALL) {
      OPTIONS_BY_NORMALIZED_KEY.put(ConfigOption.normalize(option.key()), option);
    }
  }

  /** Where a setting came from, highest precedence first. */
  enum Source {
    AGENT_ARGUMENT,
    SYSTEM_PROPERTY,
    ENVIRONMENT
  }

  /**
   * One {@code name=value} as found in one source.
   *
   * @param name the name as written, with its prefix ({@code querylens.reportDir}, {@code
   *     QUERYLENS_REPORT_DIR}, or {@code reportDir} in the agent argument)
   * @param bareName the name without the prefix
   * @param option the option it names, or {@code null} if none
   */
  private record Setting(
      Source source, String name, String bareName, String value, ConfigOption<?> option) {

    String origin() {
      switch (source) {
        case AGENT_ARGUMENT:
          return "the agent argument";
        case SYSTEM_PROPERTY:
          return "-D" + name;
        case ENVIRONMENT:
          return name;
        default:
          throw new AssertionError(source); // every Source is handled above
      }
    }

    boolean secret() {
      return option != null ? option.secret() : looksSecret(bareName);
    }

    String displayValue() {
      return secret() ? ConfigOption.MASK : ConfigLoader.displayValue(value);
    }
  }

  private final Consumer<String> warnings;
  private final ParseContext context;
  private final Map<Source, Map<ConfigOption<?>, Setting>> settings = new EnumMap<>(Source.class);

  private ConfigLoader(Consumer<String> warnings, ParseContext context) {
    this.warnings = warnings;
    this.context = context;
    for (Source source : Source.values()) {
      settings.put(source, new LinkedHashMap<>());
    }
  }

  /**
   * Resolves every option from the three sources.
   *
   * @return one value per option of {@link ConfigOption#ALL}, in that order
   */
  static Map<ConfigOption<?>, Object> load(
      String agentArgs,
      Properties systemProperties,
      Map<String, String> environment,
      Consumer<String> warnings) {
    ConfigLoader loader =
        new ConfigLoader(warnings, new ParseContext(systemProperties.getProperty("user.home")));
    if (agentArgs != null) {
      loader.readAgentArgument(agentArgs);
    }
    loader.readSystemProperties(systemProperties);
    loader.readEnvironment(environment);
    Map<ConfigOption<?>, Object> values = new LinkedHashMap<>();
    for (ConfigOption<?> option : ConfigOption.ALL) {
      values.put(option, loader.resolve(option));
    }
    return values;
  }

  // ---------------------------------------------------------------------------------------------
  // reading the sources

  private void readAgentArgument(String agentArgs) {
    Setting previous = null;
    for (String fragment : agentArgs.split(",", -1)) {
      String text = fragment.trim();
      if (text.isEmpty()) {
        continue; // "a=1,,b=2" or a trailing comma: harmless
      }
      int eq = text.indexOf('=');
      if (eq < 0 && continuesPackageList(previous, text)) {
        // "appPackages=com.a,com.b": the comma split a list the user meant as one value. We can
        // tell, because a bare package name is no option; accept it rather than warn.
        previous =
            new Setting(
                previous.source(),
                previous.name(),
                previous.bareName(),
                previous.value() + ";" + text,
                previous.option());
        settings.get(Source.AGENT_ARGUMENT).put(previous.option(), previous);
        continue;
      }
      String name = eq < 0 ? "" : text.substring(0, eq).trim();
      if (name.isEmpty()) {
        warnMalformed(text, previous);
        previous = null;
        continue;
      }
      String bareName = stripPrefix(name, PROPERTY_PREFIX);
      previous =
          add(
              new Setting(
                  Source.AGENT_ARGUMENT,
                  name,
                  bareName,
                  text.substring(eq + 1).trim(),
                  optionFor(bareName)));
    }
  }

  /**
   * Whether a fragment without {@code =} is the next item of an {@code appPackages} list the
   * comma split off. Only dotted names qualify ({@code org.example}, not {@code verbose}): a bare
   * word is more likely a malformed option, and swallowing it silently would hide that mistake.
   */
  private static boolean continuesPackageList(Setting previous, String text) {
    String name = text.endsWith(".*") ? text.substring(0, text.length() - 2) : text;
    return previous != null
        && previous.option() == ConfigOption.APP_PACKAGES
        && name.indexOf('.') > 0
        && optionFor(text) == null
        && ValueParsers.isPackageName(name);
  }

  private void warnMalformed(String fragment, Setting previous) {
    // A fragment after a secret is probably the rest of a secret that contained a comma.
    boolean secret = previous != null && previous.secret();
    String shown = secret ? ConfigOption.MASK : displayValue(fragment);
    ConfigOption<?> option = fragment.indexOf('=') < 0 ? optionFor(fragment) : null;
    String example =
        option != null
            ? "such as " + option.key() + "=<value>"
            : "such as reportDir=/tmp/ql,slowQueryThreshold=1s";
    warn(
        "ignoring \""
            + shown
            + "\" in the agent argument: expected key=value pairs separated by ',', "
            + example);
  }

  private void readSystemProperties(Properties properties) {
    // Sorted, so that warnings come out in a stable order whatever the Properties hash order.
    TreeMap<String, String> sorted = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (startsWithIgnoreCase(name, PROPERTY_PREFIX)
          && IGNORED_PROPERTY_PREFIXES.stream().noneMatch(ignored -> startsWithIgnoreCase(name, ignored))) {
        sorted.put(name, properties.getProperty(name));
      }
    }
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String bareName = e.getKey().substring(PROPERTY_PREFIX.length());
      add(
          new Setting(
              Source.SYSTEM_PROPERTY,
              e.getKey(),
              bareName,
              e.getValue().trim(),
              optionFor(bareName)));
    }
  }

  private void readEnvironment(Map<String, String> environment) {
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      String name = e.getKey();
      if (name != null
          && e.getValue() != null
          && startsWithIgnoreCase(name, ENV_PREFIX)
          && !startsWithIgnoreCase(name, IGNORED_ENV_PREFIX)) {
        sorted.put(name, e.getValue());
      }
    }
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      String bareName = e.getKey().substring(ENV_PREFIX.length());
      add(
          new Setting(
              Source.ENVIRONMENT, e.getKey(), bareName, e.getValue().trim(), optionFor(bareName)));
    }
  }

  /** Records a setting, warning if it names no option or repeats one in the same source. */
  private Setting add(Setting setting) {
    ConfigOption<?> option = setting.option();
    if (option == null) {
      warnUnknown(setting);
      return setting;
    }
    Map<ConfigOption<?>, Setting> bySource = settings.get(setting.source());
    Setting earlier = bySource.get(option);
    if (earlier == null) {
      bySource.put(option, setting);
    } else if (setting.source() == Source.AGENT_ARGUMENT) {
      // The argument is ordered, so the last occurrence wins, as on a command line.
      bySource.put(option, setting);
      warnOption(earlier, "also set later in the agent argument, which wins");
    } else {
      // Properties and the environment are unordered: the documented spelling wins, else the
      // first in sorted order (the one seen first here).
      String canonical =
          setting.source() == Source.SYSTEM_PROPERTY ? option.propertyName() : option.environmentName();
      Setting winner = setting.name().equals(canonical) ? setting : earlier;
      Setting loser = winner == setting ? earlier : setting;
      bySource.put(option, winner);
      warnOption(loser, "also set by " + winner.origin() + ", which wins");
    }
    return setting;
  }

  // ---------------------------------------------------------------------------------------------
  // resolving one option

  private Object resolve(ConfigOption<?> option) {
    Object chosen = null;
    Setting chosenFrom = null;
    List<Setting> rejected = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    // Every source is parsed, not only the winner: a bad value that happens to be overridden today
    // is still a mistake worth one line (e.g. a stale QUERYLENS_* variable in a CI image).
    for (Source source : Source.values()) {
      Setting setting = settings.get(source).get(option);
      if (setting == null) {
        continue;
      }
      try {
        Object value = option.parse(setting.value(), context);
        if (chosenFrom == null) {
          chosen = value;
          chosenFrom = setting;
        }
      } catch (InvalidValueException e) {
        rejected.add(setting);
        reasons.add(e.expected());
      }
    }
    String fallback =
        chosenFrom == null
            ? "the default " + shown(option, option.defaultValue())
            : shown(option, chosen) + " (from " + chosenFrom.origin() + ")";
    for (int i = 0; i < rejected.size(); i++) {
      warnOption(rejected.get(i), reasons.get(i) + "; using " + fallback);
    }
    return chosenFrom == null ? option.defaultValue() : chosen;
  }

  private static String shown(ConfigOption<?> option, Object value) {
    String shown = option.display(value);
    return shown.isEmpty() ? "(none)" : shown;
  }

  // ---------------------------------------------------------------------------------------------
  // warnings

  private void warnOption(Setting setting, String detail) {
    warn(
        "ignoring option "
            + setting.option().key()
            + "="
            + setting.displayValue()
            + " (from "
            + setting.origin()
            + "): "
            + detail);
  }

  private void warnUnknown(Setting setting) {
    ConfigOption<?> suggestion = closestOption(setting.bareName());
    String hint;
    if (suggestion == null) {
      StringBuilder known = new StringBuilder("known options: ");
      for (int i = 0; i < ConfigOption.ALL.size(); i++) {
        known.append(i == 0 ? "" : ", ").append(ConfigOption.ALL.get(i).key());
      }
      hint = known.toString();
    } else {
      hint = "did you mean " + nameIn(setting.source(), suggestion) + "?";
    }
    warn(
        "ignoring unknown option "
            + displayValue(setting.bareName())
            + "="
            + setting.displayValue()
            + " (from "
            + displayValue(setting.origin())
            + "); "
            + hint);
  }

  private static String nameIn(Source source, ConfigOption<?> option) {
    switch (source) {
      case AGENT_ARGUMENT:
        return option.key();
      case SYSTEM_PROPERTY:
        return "-D" + option.propertyName();
      case ENVIRONMENT:
        return option.environmentName();
      default:
        throw new AssertionError(source); // every Source is handled above
    }
  }

  private void warn(String message) {
    warnings.accept(WARNING_PREFIX + message);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  private static ConfigOption<?> optionFor(String name) {
    return OPTIONS_BY_NORMALIZED_KEY.get(ConfigOption.normalize(name));
  }

  /**
   * The option whose key is closest to {@code name} by edit distance, if any is close enough to
   * be a plausible typo. A name that is a run of whole words of a key also qualifies ({@code port}
   * suggests {@code metricsPort}, {@code nPlusOne} suggests {@code nPlusOneThreshold}), as does
   * one that starts or ends with a key ({@code reportDirectory} suggests {@code reportDir}).
   *
   * @return the suggestion, or {@code null} if no key is close
   */
  static ConfigOption<?> closestOption(String name) {
    String n = ConfigOption.normalize(name);
    ConfigOption<?> best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConfigOption<?> option : ConfigOption.ALL) {
      String key = ConfigOption.normalize(option.key());
      int distance = editDistance(n, key);
      boolean related =
          distance <= Math.max(2, key.length() / 3)
              || isRunOfWords(n, option.key())
              || (key.length() >= 4 && (n.startsWith(key) || n.endsWith(key)));
      if (related && distance < bestDistance) {
        best = option;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Whether normalized {@code n} equals consecutive camel-case words of {@code key}. */
  private static boolean isRunOfWords(String n, String key) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= key.length(); i++) {
      if (i == key.length() || Character.isUpperCase(key.charAt(i))) {
        words.add(key.substring(start, i).toLowerCase(Locale.ROOT));
        start = i;
      }
    }
    for (int i = 0; i < words.size(); i++) {
      StringBuilder run = new StringBuilder();
      for (int j = i; j < words.size() && run.length() < n.length(); j++) {
        run.append(words.get(j));
        if (run.length() >= 4 && run.toString().equals(n)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Whether an unknown option's name suggests a credential, so its value is masked in the warning
   * just as a known secret's would be.
   */
  static boolean looksSecret(String name) {
    String n = ConfigOption.normalize(name);
    for (String key : ConfigOption.SECRET_KEYS) {
      if (n.equals(ConfigOption.normalize(key))) {
        return true;
      }
    }
    return n.contains("password")
        || n.contains("passwd")
        || n.contains("secret")
        || n.contains("token")
        || n.contains("credential")
        || n.contains("apikey");
  }

  /**
   * A value made safe for a one-line warning: control characters (a newline would split the line)
   * become {@code ?}, and anything past 100 characters is cut with {@code ...}.
   */
  static String displayValue(String value) {
    StringBuilder sb = new StringBuilder(Math.min(value.length(), MAX_DISPLAYED_VALUE));
    for (int i = 0; i < value.length(); i++) {
      if (sb.length() >= MAX_DISPLAYED_VALUE - 3 && value.length() > MAX_DISPLAYED_VALUE) {
        return sb.append("...").toString();
      }
      char c = value.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  private static boolean startsWithIgnoreCase(String s, String prefix) {
    return s.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static String stripPrefix(String name, String prefix) {
    return startsWithIgnoreCase(name, prefix) ? name.substring(prefix.length()) : name;
  }
}
