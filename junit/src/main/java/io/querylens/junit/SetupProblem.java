package io.querylens.junit;

import java.nio.file.Path;

/**
 * Why the extension has nothing to record with, in words a user can act on: the message is one
 * sentence that completes "QueryLens cannot record statements in this test JVM: ...".
 */
final class SetupProblem extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether the agent could be put on the command line instead (else library mode failed). */
  private final boolean agentFixes;
  /** The agent jar concerned, or null when none was found. */
  private final transient Path jar;

  SetupProblem(String message, boolean agentFixes) {
    this(message, agentFixes, null, null);
  }

  SetupProblem(String message, boolean agentFixes, Throwable cause) {
    this(message, agentFixes, cause, null);
  }

  /** A problem with the agent {@code jar}, found but not attached. */
  SetupProblem(String message, boolean agentFixes, Throwable cause, Path jar) {
    super(message, cause);
    this.agentFixes = agentFixes;
    this.jar = jar;
  }

  /** The agent jar concerned, or null when none was found. */
  Path jar() {
    return jar;
  }

  /** Whether the fix is to get the agent running: on the command line, or attached. */
  boolean agentFixes() {
    return agentFixes;
  }
}
