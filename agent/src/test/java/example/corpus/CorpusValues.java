package example.corpus;

/**
 * The values the scenarios store and bind. Every text value carries {@link #MARKER}, so a test can
 * check that no value reached the report: QueryLens must keep literals and bind values out of it.
 */
public final class CorpusValues {

  /** Part of every text value the corpus stores, binds or writes into SQL as a literal. */
  public static final String MARKER = "qlsecret";

  private CorpusValues() {}

  /** {@code qlsecret-<what>-<n>}. */
  static String text(String what, long n) {
    return MARKER + "-" + what + "-" + n;
  }
}
