package io.querylens.junit;

import java.util.Locale;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Where the extension gets the statements from, as {@code querylens.junit.mode} (a system property
 * or a JUnit configuration parameter) says.
 */
enum Mode {
  /** The default: the same as {@link #AGENT}. */
  AUTO,
  /**
   * The agent on the command line ({@code -javaagent}); else the library mode when P6Spy has already
   * started it, since an agent attached beside it would not record; else the agent, attached by the extension.
   */
  AGENT,
  /** The P6Spy library mode, for JVMs that must run without an agent; nothing is attached. */
  LIBRARY;

  /** The setting's name. */
  static final String PROPERTY = "querylens.junit.mode";

  /**
   * The mode {@code value} names, case-insensitively; {@link #AUTO} when null or blank.
   *
   * @throws ExtensionConfigurationException for any other value
   */
  static Mode parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(PROPERTY + "=" + value
          + " is not a mode: use auto (the default), agent or library");
    }
  }
}
