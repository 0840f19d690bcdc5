package example.cases;

/** Line numbers of example code, for tests that expect a call site. */
public final class Lines {
  private Lines() {}

  /** The line after the caller's: call it on the line before the statement of interest. */
  static int next() {
    return new Throwable().getStackTrace()[1].getLineNumber() + 1;
  }
}
