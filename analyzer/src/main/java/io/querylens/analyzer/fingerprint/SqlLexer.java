package io.querylens.analyzer.fingerprint;

import java.util.Map;

/**
 * Splits a SQL string into tokens in one forward pass, skipping whitespace and comments.
 *
 * <p>Tokens are reported as a kind plus the range {@code [start, end)} of the source, so scanning
 * allocates nothing per token. The lexer knows every dialect's quoting (strings, {@code E''},
 * {@code N''}, {@code X''}, {@code B''}, {@code U&''}, Oracle {@code q'[..]'}, MySQL
 * {@code _charset''}, dollar quotes, {@code ""}, backticks, {@code []}) so that literal text can
 * never leak out as identifiers, and an unterminated quote or comment simply runs to the end.
 * MySQL {@code /*! ... }{@code *}{@code /} version comments and optimizer hints are dropped like
 * any other comment. With {@code backslashEscapes} (the second pass for MySQL-style SQL),
 * {@code \} escapes in plain strings and {@code "..."} is a string, as in MySQL's default mode.
 * One instance per call; not thread-safe.
 */
final class SqlLexer {

  static final int EOF = 0;
  static final int WORD = 1;
  static final int QUOTED = 2;
  static final int STRING = 3;
  static final int NUMBER = 4;
  static final int BIND = 5;
  static final int OPERATOR = 6;
  static final int LPAREN = 7;
  static final int RPAREN = 8;
  static final int LBRACKET = 9;
  static final int RBRACKET = 10;
  static final int COMMA = 11;
  static final int SEMICOLON = 12;
  static final int DOT = 13;
  static final int LBRACE = 14;
  static final int RBRACE = 15;
  static final int CAST = 16;
  static final int COLON = 17;

  private final String sql;
  private final int length;
  private final boolean backslashEscapes;
  private int pos;

  /** The current token's range in the source. */
  int start;

  int end;

  /** Set by the caller before {@link #next()}: '[' is a subscript or array, not an identifier. */
  boolean bracketOpensSubscript;

  /** Set by the caller before {@link #next()}: inside '[..]', where ':' is a slice, not a bind. */
  boolean inSubscript;

  /** A '[' before this index cannot start a bracket identifier (see bracketIdentifier). */
  private int bracketScanLimit;

  // The last operator run without a special character, and where its trailing + and - begin;
  // see scanOperator.
  private int opRunEnd = -1;
  private int opRunTrim;

  private boolean sawBackslashQuote;
  private boolean backslashEvidence;
  private boolean unterminatedString;
  private Map<String, String> attributes;

  /**
   * @param backslashEscapes whether {@code \} escapes in plain {@code '...'} strings (MySQL
   *     without NO_BACKSLASH_ESCAPES) rather than being an ordinary character (SQL standard)
   */
  SqlLexer(String sql, boolean backslashEscapes) {
    this.sql = sql;
    this.length = sql.length();
    this.backslashEscapes = backslashEscapes;
  }

  /** Advances to the next token and returns its kind; {@link #EOF} at the end, repeatedly. */
  int next() {
    skipTrivia();
    start = pos;
    int kind = pos >= length ? EOF : scan(sql.charAt(pos));
    end = pos;
    return kind;
  }

  /**
   * Tells whether plain strings looked MySQL-style: a {@code \'} ended a string right before an
   * identifier character or appeared outside any string (both syntax errors under standard
   * quoting), or the input ended inside a string after a {@code \'}. Standard quoting is tried
   * first because every other database uses it; a second pass with backslash escapes then keeps
   * MySQL literals from leaking.
   */
  boolean suggestsBackslashEscapes() {
    return !backslashEscapes && (backslashEvidence || (unterminatedString && sawBackslashQuote));
  }

  /** The sqlcommenter attributes seen so far, or {@code null} when none. */
  Map<String, String> attributes() {
    return attributes;
  }

  private int scan(char c) {
    switch (c) {
      case '(':
        return single(LPAREN);
      case ')':
        return single(RPAREN);
      case ',':
        return single(COMMA);
      case ';':
        return single(SEMICOLON);
      case '{':
        return single(LBRACE);
      case '}':
        return single(RBRACE);
      case ']':
        return single(RBRACKET);
      case '[':
        if (bracketOpensSubscript || pos < bracketScanLimit) {
          return single(LBRACKET);
        }
        return bracketIdentifier();
      case '"':
        if (backslashEscapes) {
          // MySQL's default: "..." is a string. This pass only runs for MySQL-style SQL.
          pos = skipString(pos + 1, true, false, '"');
          return STRING;
        }
        return quoted(pos + 1, '"');
      case '`':
        return quoted(pos + 1, '`');
      case '\'':
        pos = skipString(pos + 1, backslashEscapes, true);
        return STRING;
      case '.':
        return isDigit(peek(1)) ? scanNumber() : single(DOT);
      case '$':
        return scanDollar();
      case '?':
        // pgjdbc spells the jsonb operators ?, ?| and ?& as ??, ??| and ??&.
        if (peek(1) == '?') {
          return scanOperator(pos + 2);
        }
        // "?+" before a closing bracket is the normalizer's own collapsed list, "(?+)" or "[?+]"
        // (no SQL ends an operand with '+'): one marker, so that normalizing twice changes nothing.
        if (peek(1) == '+' && (peek(2) == ')' || peek(2) == ']')) {
          pos += 2;
          return BIND;
        }
        return single(BIND);
      case ':':
        return scanColon();
      case '@':
      case '#':
        // MySQL @var and @@system_var, SQL Server #temp and ##global_temp tables.
        return isIdentStart(peek(1)) || peek(1) == c ? scanWord() : scanOperator(pos);
      default:
        if (isDigit(c)) {
          return scanNumber();
        }
        if (isIdentStart(c)) {
          return scanWord();
        }
        if (isOperatorChar(c)) {
          return scanOperator(pos);
        }
        // A character with no SQL meaning (a stray backslash): pass it through alone. A \'
        // outside any string means an earlier MySQL string was misread as ending at its \'.
        if (c == '\\' && peek(1) == '\'') {
          backslashEvidence = true;
        }
        return single(OPERATOR);
    }
  }

  private int single(int kind) {
    pos++;
    return kind;
  }

  private char peek(int offset) {
    int p = pos + offset;
    return p < length ? sql.charAt(p) : '\0';
  }

  private void skipTrivia() {
    while (pos < length) {
      char c = sql.charAt(pos);
      if (isSpace(c)) {
        pos++;
      } else if (c == '-' && peek(1) == '-') {
        pos = lineEnd(pos + 2);
      } else if (c == '/' && peek(1) == '*') {
        pos = skipBlockComment(pos + 2);
      } else if (c == '#' && (isHashCommentFollower(pos + 1) || isLineStart(pos))) {
        pos = lineEnd(pos + 1);
      } else {
        return;
      }
    }
  }

  // '#' starts a MySQL comment only before blank space or the end, or first on a line, so
  // PostgreSQL's #>, #>> and #- operators and SQL Server's "from #temp" survive. A MySQL comment
  // like "x = 1 #note" is then read as the identifier #note: no literal can leak that way.
  // A '#' that ends the input hides nothing, and as an operator it stays put when normalized
  // output ending in "a #" is normalized again.
  private boolean isHashCommentFollower(int p) {
    if (p >= length) {
      return false;
    }
    char c = sql.charAt(p);
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  // Scans back over blanks only, so each character is looked at a bounded number of times.
  private boolean isLineStart(int p) {
    for (int i = p - 1; i >= 0; i--) {
      char c = sql.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  private int lineEnd(int p) {
    while (p < length && sql.charAt(p) != '\n' && sql.charAt(p) != '\r') {
      p++;
    }
    return p;
  }

  // Nested as in PostgreSQL and the SQL standard. MySQL does not nest, but "/*" inside a MySQL
  // comment is rare enough that standard behaviour wins.
  private int skipBlockComment(int p) {
    int bodyStart = p;
    int depth = 1;
    boolean nested = false;
    while (p < length) {
      char c = sql.charAt(p);
      char d = p + 1 < length ? sql.charAt(p + 1) : '\0';
      if (c == '*' && d == '/') {
        if (--depth == 0) {
          if (!nested) {
            attributes = CommentAttributes.parseInto(sql, bodyStart, p, attributes);
          }
          return p + 2;
        }
        p += 2;
      } else if (c == '/' && d == '*') {
        depth++;
        nested = true;
        p += 2;
      } else {
        p++;
      }
    }
    return length;
  }

  /**
   * Scans an identifier quoted up to {@code close}, in which a doubled {@code close} is literal.
   * An unterminated one is reported as a {@link #STRING}: it swallowed the rest of the input,
   * literals included, which must not be copied to the output.
   */
  private int quoted(int p, char close) {
    while (p < length) {
      if (sql.charAt(p) == close) {
        if (p + 1 < length && sql.charAt(p + 1) == close) {
          p += 2;
          continue;
        }
        pos = p + 1;
        return QUOTED;
      }
      p++;
    }
    pos = length;
    return STRING;
  }

  /**
   * Scans a SQL Server {@code [identifier]}. One that meets a quote, {@code $}, {@code ?},
   * {@code ;} or the start of a comment before its {@code ]} is taken for some other dialect's
   * brackets around a literal (a string, dollar quote or bind marker), so only the {@code [} is
   * taken and the rest is lexed as usual; so is one that never closes, since the rest then holds no literal that could
   * hide in it. Every '[' before the character that decided would fail the same way, which {@link
   * #bracketScanLimit} remembers so the scan stays linear. Normalized text has literals as
   * {@code ?} and no comments, so it lexes the same way again (issue 10: idempotence).
   */
  private int bracketIdentifier() {
    for (int p = pos + 1; p < length; p++) {
      char c = sql.charAt(p);
      if (c == ']') {
        return quoted(pos + 1, ']');
      }
      char d = p + 1 < length ? sql.charAt(p + 1) : '\0';
      if (c == '\'' || c == '$' || c == '?' || c == ';'
          || (c == '-' && d == '-') || (c == '/' && d == '*')) {
        bracketScanLimit = p;
        return single(LBRACKET);
      }
    }
    bracketScanLimit = length;
    return single(LBRACKET);
  }

  private int skipString(int p, boolean backslash, boolean detect) {
    return skipString(p, backslash, detect, '\'');
  }

  /**
   * Skips a string quoted by {@code quote} whose body starts at {@code p}, returning the index
   * after it.
   *
   * @param detect whether this kind of string is written differently by MySQL and the standard, so
   *     that the evidence for {@link #suggestsBackslashEscapes()} is collected
   */
  private int skipString(int p, boolean backslash, boolean detect, char quote) {
    int backslashRun = 0;
    while (p < length) {
      char c = sql.charAt(p);
      if (c == '\\' && backslash) {
        p += 2;
      } else if (c == quote) {
        boolean looksEscaped = detect && (backslashRun & 1) == 1;
        backslashRun = 0;
        if (looksEscaped) {
          sawBackslashQuote = true;
        }
        if (p + 1 < length && sql.charAt(p + 1) == quote) {
          p += 2;
          continue;
        }
        if (looksEscaped && p + 1 < length && isIdentPart(sql.charAt(p + 1))) {
          backslashEvidence = true;
        }
        return p + 1;
      } else {
        backslashRun = c == '\\' ? backslashRun + 1 : 0;
        p++;
      }
    }
    if (detect) {
      unterminatedString = true;
    }
    return length;
  }

  /** Oracle {@code q'<delim>...<delim>'}; {@code p} is just after the opening quote. */
  private int skipOracleQuote(int p) {
    if (p >= length) {
      return length;
    }
    char open = sql.charAt(p);
    char close =
        open == '[' ? ']' : open == '(' ? ')' : open == '{' ? '}' : open == '<' ? '>' : open;
    for (p++; p + 1 < length; p++) {
      if (sql.charAt(p) == close && sql.charAt(p + 1) == '\'') {
        return p + 2;
      }
    }
    return length;
  }

  private int scanWord() {
    int wordStart = pos;
    char first = sql.charAt(pos++);
    if (first == '@' || first == '#') {
      while (pos < length && sql.charAt(pos) == first) {
        pos++;
      }
    }
    while (pos < length && isIdentPart(sql.charAt(pos))) {
      pos++;
    }
    if (pos < length) {
      char next = sql.charAt(pos);
      if (next == '\'') {
        return scanPrefixedString(wordStart);
      }
      if (next == '&' && pos + 1 < length && pos - wordStart == 1 && lower(first) == 'u') {
        char quote = sql.charAt(pos + 1);
        if (quote == '\'') {
          pos = skipString(pos + 2, false, false);
          return STRING;
        }
        if (quote == '"') {
          return quoted(pos + 2, '"');
        }
      }
    }
    return WORD;
  }

  /** A word directly followed by a quote: E'', N'', X'', B'', q'[]', nq'[]', _utf8''. */
  private int scanPrefixedString(int wordStart) {
    int len = pos - wordStart;
    char first = lower(sql.charAt(wordStart));
    if (len == 1 && first == 'e') {
      pos = skipString(pos + 1, true, false);
      return STRING;
    }
    if (len == 1 && (first == 'n' || first == 'x' || first == 'b')) {
      pos = skipString(pos + 1, backslashEscapes, true);
      return STRING;
    }
    if ((len == 1 && first == 'q')
        || (len == 2 && first == 'n' && lower(sql.charAt(wordStart + 1)) == 'q')) {
      pos = skipOracleQuote(pos + 1);
      return STRING;
    }
    if (first == '_' && len > 1) {
      pos = skipString(pos + 1, backslashEscapes, true);
      return STRING;
    }
    return WORD;
  }

  private int scanNumber() {
    int p = pos;
    char kind = lower(peek(1));
    if (sql.charAt(p) == '0'
        && (kind == 'x' || kind == 'b' || kind == 'o')
        && isHexDigit(peek(2))) {
      p += 2;
      while (p < length && (isHexDigit(sql.charAt(p)) || sql.charAt(p) == '_')) {
        p++;
      }
      return finishNumber(p);
    }
    p = skipDigits(p);
    if (p < length && sql.charAt(p) == '.') {
      char after = p + 1 < length ? sql.charAt(p + 1) : '\0';
      if (isDigit(after)) {
        p = skipDigits(p + 1);
      } else if (after != '.' && !isIdentStart(after)) {
        p++; // "1." is a complete decimal
      }
    }
    if (p < length && lower(sql.charAt(p)) == 'e') {
      int q = p + 1;
      if (q < length && (sql.charAt(q) == '+' || sql.charAt(q) == '-')) {
        q++;
      }
      if (q < length && isDigit(sql.charAt(q))) {
        p = skipDigits(q);
      }
    }
    return finishNumber(p);
  }

  // MySQL identifiers may start with digits (1col); such a run is a word, not a number. Only a
  // run of plain digits can start one, and not when a keyword follows: "x=5and y=6", glued by
  // string concatenation, must not copy 5 to the output as part of a word "5and" (issue 10).
  private int finishNumber(int p) {
    pos = p;
    if (p < length && isIdentPart(sql.charAt(p)) && isPlainDigits(start, p)) {
      int wordEnd = p;
      while (wordEnd < length && isIdentPart(sql.charAt(wordEnd))) {
        wordEnd++;
      }
      if (!Keywords.isReserved(Keywords.lookup(sql, p, wordEnd))) {
        pos = wordEnd;
        return WORD;
      }
    }
    return NUMBER;
  }

  private boolean isPlainDigits(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = sql.charAt(i);
      if (!isDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** Digits, with PostgreSQL 16's '_' separators between digits. */
  private int skipDigits(int p) {
    while (p < length) {
      char c = sql.charAt(p);
      if (isDigit(c)
          || (c == '_' && p > 0 && isDigit(sql.charAt(p - 1))
              && p + 1 < length && isDigit(sql.charAt(p + 1)))) {
        p++;
      } else {
        break;
      }
    }
    return p;
  }

  private int scanDollar() {
    char first = peek(1);
    if (isDigit(first)) {
      pos += 2;
      while (pos < length && isDigit(sql.charAt(pos))) {
        pos++;
      }
      return BIND;
    }
    int tagEnd = pos + 1;
    if (first != '$') {
      if (!isIdentStart(first)) {
        return single(OPERATOR);
      }
      while (tagEnd < length && isIdentPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
        tagEnd++;
      }
      if (tagEnd >= length || sql.charAt(tagEnd) != '$') {
        return single(OPERATOR);
      }
    }
    String delimiter = sql.substring(pos, tagEnd + 1);
    int close = sql.indexOf(delimiter, tagEnd + 1);
    pos = close < 0 ? length : close + delimiter.length();
    return STRING;
  }

  private int scanColon() {
    char next = peek(1);
    if (next == ':') {
      pos += 2;
      return CAST;
    }
    if (next == '=') {
      pos += 2;
      return OPERATOR;
    }
    if (!inSubscript && (isIdentStart(next) || isDigit(next))) {
      pos++;
      while (pos < length && isIdentPart(sql.charAt(pos))) {
        pos++;
      }
      return BIND;
    }
    return single(COLON);
  }

  private int scanOperator(int from) {
    if (from == pos && pos < opRunEnd) {
      // Still inside a run whose trailing signs were split off: re-scanning it for each sign
      // would be quadratic ("-+-+-+...1" is one operator character per token), so reuse it.
      pos = Math.max(pos + 1, opRunTrim);
      return OPERATOR;
    }
    int p = from;
    while (p < length) {
      char c = sql.charAt(p);
      char d = p + 1 < length ? sql.charAt(p + 1) : '\0';
      if (!isOperatorChar(c) || (p > pos && ((c == '-' && d == '-') || (c == '/' && d == '*')))) {
        break;
      }
      // MySQL's "y=# note" is "=" and a comment, as skipTrivia reads a '#' before a blank.
      if (p > pos && c == '#' && isHashCommentFollower(p + 1)) {
        break;
      }
      p++;
    }
    // As PostgreSQL does: a multi-character operator cannot end in + or - unless it contains
    // one of ~ @ # % ^ & | (or pgjdbc's ?), which is what splits "x=-5" into "=" and "-5".
    // Unlike PostgreSQL, '!' does not count, so MySQL's "x!=-1" splits too.
    if (p - pos > 1 && !hasSpecialOperatorChar(pos, p)) {
      int trim = p;
      while (trim > pos && (sql.charAt(trim - 1) == '+' || sql.charAt(trim - 1) == '-')) {
        trim--;
      }
      // Every later token that starts inside [pos, p) ends the same run the same way.
      opRunEnd = p;
      opRunTrim = trim;
      p = Math.max(pos + 1, trim);
    }
    pos = p;
    return OPERATOR;
  }

  private boolean hasSpecialOperatorChar(int from, int to) {
    for (int i = from; i < to; i++) {
      switch (sql.charAt(i)) {
        case '~': case '@': case '#': case '%': case '^': case '&': case '|': case '?':
          return true;
        default:
          break;
      }
    }
    return false;
  }

  private static boolean isOperatorChar(char c) {
    switch (c) {
      case '+': case '-': case '*': case '/': case '<': case '>': case '=': case '~': case '!':
      case '@': case '#': case '%': case '^': case '&': case '|':
        return true;
      default:
        return false;
    }
  }

  static boolean isSpace(char c) {
    return c <= ' ' || (c >= 0x80 && (Character.isSpaceChar(c) || Character.isWhitespace(c)));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // Any non-ASCII, non-space character counts as a letter: identifiers in any script, and no
  // odd character can split a token in a way that depends on the JDK's Unicode tables.
  private static boolean isIdentStart(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || c == '_'
        || (c >= 0x80 && !isSpace(c));
  }

  private static boolean isIdentPart(char c) {
    return isIdentStart(c) || isDigit(c) || c == '$';
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
