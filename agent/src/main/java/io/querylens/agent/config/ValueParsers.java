package io.querylens.agent.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parsers and formatters for the value types an option can have. Package-private: the accepted
 * syntax is documented in {@code docs/configuration.md}, and these are its single implementation.
 */
final class ValueParsers {

  private ValueParsers() {}

  /** Parses one option value; throws with the "expected ..." part of the warning when it cannot. */
  @FunctionalInterface
  interface ValueParser<T> {
    T parse(String text, ParseContext context) throws InvalidValueException;
  }

  /**
   * What a parser may need from the JVM being configured, beyond the text itself.
   *
   * @param userHome the {@code user.home} system property, or {@code null} if unset
   */
  record ParseContext(String userHome) {
    static final ParseContext NONE = new ParseContext(null);
  }

  /**
   * A value that does not fit its option. Carries only the {@code expected ...} clause of the
   * warning; the loader adds key, value, origin and fallback. No stack trace: it is flow control.
   */
  static final class InvalidValueException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidValueException(String expected) {
      super(expected, null, false, false);
    }

    String expected() {
      return getMessage();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // booleans

  static final String BOOLEAN_EXPECTED = "expected true or false (also yes/no, on/off)";

  static ValueParser<Boolean> bool() {
    return (text, context) -> {
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true":
        case "yes":
        case "on":
          return Boolean.TRUE;
        case "false":
        case "no":
        case "off":
          return Boolean.FALSE;
        default:
          throw new InvalidValueException(BOOLEAN_EXPECTED);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // whole numbers

  /**
   * A whole number in {@code [min, max]}. Underscores between digits are accepted ({@code
   * 10_000}), as in Java literals.
   */
  static ValueParser<Integer> integer(int min, int max, String expected) {
    return (text, context) -> {
      String digits = text.trim().replace("_", "");
      int value;
      try {
        value = Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        throw new InvalidValueException(expected);
      }
      if (value < min || value > max) {
        throw new InvalidValueException(expected);
      }
      return value;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // parameter masks

  static final String PARAMETER_MASK_EXPECTED = "expected partial, type or none";

  static ValueParser<ParameterMask> parameterMask() {
    return (text, context) -> {
      for (ParameterMask mask : ParameterMask.values()) {
        if (mask.toString().equals(text.trim().toLowerCase(Locale.ROOT))) {
          return mask;
        }
      }
      throw new InvalidValueException(PARAMETER_MASK_EXPECTED);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // durations

  private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

  /**
   * A duration: a number with a unit ({@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m}, {@code
   * 1h}; also {@code ns}, {@code us}, {@code min}, {@code d}), a bare number of milliseconds, or
   * ISO-8601 ({@code PT2S}). Negative durations are never valid. The result always fits in a
   * {@code long} of nanoseconds, so callers may use {@link Duration#toNanos()} freely.
   *
   * @param min the smallest valid non-zero duration
   * @param zeroAllowed whether {@code 0} is valid in addition to {@code [min, ...)}
   * @param parseExpected the clause used when the text is not a duration at all
   * @param rangeExpected the clause used when it is a duration but out of range
   */
  static ValueParser<Duration> duration(
      Duration min, boolean zeroAllowed, String parseExpected, String rangeExpected) {
    return (text, context) -> {
      Duration value = parseDuration(text);
      if (value == null) {
        throw new InvalidValueException(parseExpected);
      }
      if (value.isZero() ? !zeroAllowed : value.compareTo(min) < 0) {
        throw new InvalidValueException(rangeExpected);
      }
      return value;
    };
  }

  /** Returns the duration {@code text} denotes, or {@code null} if it denotes none. */
  static Duration parseDuration(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      return null;
    }
    if (s.charAt(0) == 'P' || s.charAt(0) == 'p') {
      try {
        Duration iso = Duration.parse(s);
        return iso.isNegative() || !fitsInLongNanos(iso) ? null : iso;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    int unitStart = 0;
    while (unitStart < s.length() && isNumberChar(s.charAt(unitStart))) {
      unitStart++;
    }
    String number = s.substring(0, unitStart);
    String unit = s.substring(unitStart).trim().toLowerCase(Locale.ROOT);
    BigDecimal amount;
    try {
      amount = new BigDecimal(number);
    } catch (NumberFormatException e) {
      return null;
    }
    BigDecimal nanosPerUnit = nanosPerUnit(unit);
    if (nanosPerUnit == null) {
      return null;
    }
    BigDecimal nanos = amount.multiply(nanosPerUnit);
    if (nanos.compareTo(MAX_NANOS) > 0) {
      return null;
    }
    // Sub-nanosecond fractions (e.g. "0.5ns") are truncated: no timer we use resolves them.
    BigInteger whole = nanos.toBigInteger();
    return Duration.ofNanos(whole.longValueExact());
  }

  private static boolean isNumberChar(char c) {
    // No sign: negative durations are meaningless here, and '+' would only hide typos.
    return (c >= '0' && c <= '9') || c == '.';
  }

  private static BigDecimal nanosPerUnit(String unit) {
    switch (unit) {
      case "": // a bare number means milliseconds
      case "ms":
        return NANOS_PER_MILLI;
      case "ns":
        return BigDecimal.ONE;
      case "us":
      case "\u00b5s":
        return BigDecimal.valueOf(1_000L);
      case "s":
        return BigDecimal.valueOf(1_000_000_000L);
      case "m":
      case "min":
        return BigDecimal.valueOf(60_000_000_000L);
      case "h":
        return BigDecimal.valueOf(3_600_000_000_000L);
      case "d":
        return BigDecimal.valueOf(86_400_000_000_000L);
      default:
        return null;
    }
  }

  private static boolean fitsInLongNanos(Duration d) {
    try {
      d.toNanos();
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  /**
   * Formats a duration in the largest unit that represents it exactly: {@code 500ms}, {@code 2s},
   * {@code 1m}, {@code 1500us}. The output is accepted back by {@link #parseDuration}.
   */
  static String formatDuration(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0";
    }
    long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    String[] units = {"h", "m", "s", "ms", "us", "ns"};
    for (int i = 0; i < sizes.length; i++) {
      if (nanos % sizes[i] == 0) {
        return (nanos / sizes[i]) + units[i];
      }
    }
    throw new AssertionError("every long is a multiple of 1"); // the loop ends at 1ns
  }

  // ---------------------------------------------------------------------------------------------
  // paths, hosts, package lists

  static final String PATH_EXPECTED = "expected a directory path such as querylens-report or /tmp/ql";

  /**
   * A directory path. A leading {@code ~/} is expanded to {@code user.home}, because the shell does
   * not expand it inside {@code -javaagent:...=reportDir=~/ql}. Relative paths stay relative: they
   * resolve against the working directory when used.
   */
  static ValueParser<Path> path() {
    return (text, context) -> {
      String s = text.trim();
      if (s.isEmpty()) {
        throw new InvalidValueException(PATH_EXPECTED);
      }
      String userHome = context.userHome();
      if (userHome != null && !userHome.isEmpty() && (s.equals("~") || s.startsWith("~/"))) {
        s = userHome + s.substring(1);
      }
      try {
        return Path.of(s);
      } catch (InvalidPathException e) {
        throw new InvalidValueException(PATH_EXPECTED);
      }
    };
  }

  static final String PATHS_EXPECTED =
      "expected directories such as src/main/java, separated by ';' or '|' (',' also works outside the agent argument)";

  /** Directories, such as source roots; empty means none. A leading {@code ~/} is the user's home. */
  static ValueParser<List<Path>> paths() {
    ValueParser<Path> one = path();
    return (text, context) -> {
      List<Path> result = new ArrayList<>();
      for (String part : text.split("[,;|]", -1)) {
        if (part.isBlank()) {
          continue;
        }
        try {
          result.add(one.parse(part, context));
        } catch (InvalidValueException e) {
          throw new InvalidValueException(PATHS_EXPECTED);
        }
      }
      return List.copyOf(result);
    };
  }

  static String formatPaths(List<Path> paths) {
    StringBuilder text = new StringBuilder();
    for (Path path : paths) {
      text.append(text.length() == 0 ? "" : ";").append(path);
    }
    return text.toString();
  }

  static final String HOST_EXPECTED =
      "expected a host name or IP address such as 127.0.0.1, localhost or 0.0.0.0";

  /**
   * A host name or IP literal to bind to. Brackets around an IPv6 literal ({@code [::1]}) are
   * removed, since socket APIs want the bare address. Only the characters of host names and IPv4
   * and IPv6 literals (including a {@code %zone}) are accepted; resolution is left to the exporter.
   */
  static ValueParser<String> host() {
    return (text, context) -> {
      String s = text.trim();
      if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
        s = s.substring(1, s.length() - 1);
      }
      if (s.isEmpty() || s.length() > 253) {
        throw new InvalidValueException(HOST_EXPECTED);
      }
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-'
                || c == '_'
                || c == ':'
                || c == '%';
        if (!ok) {
          throw new InvalidValueException(HOST_EXPECTED);
        }
      }
      return s;
    };
  }

  static final String TEXT_EXPECTED = "expected at most 256 characters without control characters";

  /** Free text, trimmed; empty means unset. */
  static ValueParser<String> text() {
    return (text, context) -> {
      String s = text.trim();
      if (s.length() > 256 || s.chars().anyMatch(Character::isISOControl)) {
        throw new InvalidValueException(TEXT_EXPECTED);
      }
      return s;
    };
  }

  static final String HTTP_URL_EXPECTED =
      "expected an http:// or https:// URL such as http://localhost:4318/v1/metrics, or nothing to turn it off";

  /** An http or https URL with a host; empty means unset. */
  static ValueParser<String> httpUrl() {
    return (text, context) -> {
      String s = text.trim();
      if (s.isEmpty()) {
        return s;
      }
      try {
        java.net.URI uri = new java.net.URI(s);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return s;
        }
      } catch (java.net.URISyntaxException e) {
        // falls through to the message below
      }
      throw new InvalidValueException(HTTP_URL_EXPECTED);
    };
  }

  static final String PACKAGES_EXPECTED =
      "expected Java package prefixes such as com.acme, separated by ';' or '|'"
          + " (',' also works outside the agent argument)";

  /**
   * A list of Java package prefixes separated by {@code ,}, {@code ;} or {@code |}. Blank entries
   * are skipped, so an empty value means "no packages". A trailing {@code .*} or {@code .} is
   * dropped ({@code com.acme.*} means {@code com.acme}); duplicates are removed, order is kept.
   */
  static ValueParser<List<String>> packages() {
    return (text, context) -> {
      Set<String> result = new LinkedHashSet<>();
      for (String part : text.split("[,;|]", -1)) {
        String p = part.trim();
        if (p.endsWith(".*")) {
          p = p.substring(0, p.length() - 2);
        } else if (p.endsWith(".")) {
          p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
          continue;
        }
        if (!isPackageName(p)) {
          throw new InvalidValueException(
              PACKAGES_EXPECTED + "; '" + ConfigLoader.displayValue(part.trim()) + "' is not one");
        }
        result.add(p);
      }
      return List.copyOf(new ArrayList<>(result));
    };
  }

  static boolean isPackageName(String s) {
    boolean segmentStart = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (segmentStart) {
          return false; // empty segment: leading dot or ".."
        }
        segmentStart = true;
      } else if (segmentStart) {
        if (!Character.isJavaIdentifierStart(c)) {
          return false;
        }
        segmentStart = false;
      } else if (!Character.isJavaIdentifierPart(c)) {
        return false;
      }
    }
    return !segmentStart;
  }

  /** Formats a package list the way the agent argument accepts it back: {@code com.a;org.b}. */
  static String formatPackages(List<String> packages) {
    return String.join(";", packages);
  }
}
