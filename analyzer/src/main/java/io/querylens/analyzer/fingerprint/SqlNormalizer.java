package io.querylens.analyzer.fingerprint;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Drives one normalization: pulls tokens from {@link SqlLexer}, replaces literals and bind
 * markers with {@code ?}, lowercases words, spaces tokens canonically, splits statements at
 * top-level semicolons, and feeds {@link ListCollapser}, {@link OperationTracker} and
 * {@link LockClauseTracker}. One instance per call; not thread-safe.
 */
final class SqlNormalizer {

  // What the previous output token was, which decides the separator before the next one.
  private static final int C_NONE = 0;
  private static final int C_NAME = 1; // identifier or non-reserved word
  private static final int C_KEYWORD = 2; // reserved word
  private static final int C_QUOTED = 3;
  private static final int C_PLACEHOLDER = 4;
  private static final int C_OPERATOR = 5;
  private static final int C_OPEN = 6; // ( [ {
  private static final int C_CLOSE = 7; // ) ] }
  private static final int C_COMMA = 8;
  private static final int C_TIGHT = 9; // '.', bound to both neighbours
  // A ':' outside a subscript: glued to what precedes it, but spaced from what follows, because
  // ":name" would lex as a bind marker when the output is normalized again.
  private static final int C_COLON = 10;
  // A ':' inside a subscript (a slice): tight, but spaced from an operator or another colon,
  // since ":=" and "::" would lex as one token.
  private static final int C_SLICE = 11;
  private static final int C_CAST = 12; // '::', tight like C_TIGHT

  private final String sql;
  private final SqlLexer lexer;
  private final StringBuilder out;
  private final ListCollapser lists = new ListCollapser();
  private final OperationTracker operation = new OperationTracker();
  private final LockClauseTracker lock = new LockClauseTracker();

  private int prevClass = C_NONE;
  private int prevKeyword = Keywords.NONE;
  private int parenDepth;
  private char pendingSign; // '+' or '-' held back until we know whether a number follows
  private boolean statementHasContent;
  // Set after an operator ending in '#': "# x" would read as a MySQL comment when the output is
  // normalized again, so the next token is glued to it.
  private boolean glueNext;
  private int statementStart;
  private int statementCount;
  private int[] statementBounds = new int[4];

  private SqlNormalizer(String sql, boolean backslashEscapes) {
    this.sql = sql;
    this.lexer = new SqlLexer(sql, backslashEscapes);
    this.out = new StringBuilder(sql.length() + 16);
  }

  static NormalizedSql normalize(String sql) {
    return normalize(sql, false);
  }

  /**
   * @param mysqlQuoting whether the SQL is known to go to MySQL or MariaDB, whose defaults make
   *     {@code "..."} a string and {@code \} an escape: then only that reading is tried
   */
  static NormalizedSql normalize(String sql, boolean mysqlQuoting) {
    if (sql == null || sql.isEmpty()) {
      return NormalizedSql.EMPTY;
    }
    if (!mysqlQuoting) {
      SqlNormalizer standard = new SqlNormalizer(sql, false);
      standard.run();
      if (!standard.lexer.suggestsBackslashEscapes()) {
        return standard.result();
      }
    }
    SqlNormalizer mysql = new SqlNormalizer(sql, true);
    mysql.run();
    return mysql.result();
  }

  private void run() {
    SqlLexer lx = lexer;
    while (true) {
      lx.inSubscript = lists.isTop('[');
      lx.bracketOpensSubscript =
          pendingSign == 0
              && (isNameLike(prevClass)
                  || (lx.inSubscript && (prevClass == C_OPEN || prevClass == C_COMMA)));
      int kind = lx.next();
      if (pendingSign != 0) {
        if (kind == SqlLexer.NUMBER) {
          pendingSign = 0;
          placeholder();
          continue;
        }
        flushSign();
      }
      switch (kind) {
        case SqlLexer.EOF:
          endStatement();
          return;
        case SqlLexer.WORD:
          word(lx.start, lx.end);
          break;
        case SqlLexer.QUOTED:
          plain(C_QUOTED, lx.start, lx.end, false);
          break;
        case SqlLexer.STRING:
        case SqlLexer.NUMBER:
        case SqlLexer.BIND:
          placeholder();
          break;
        case SqlLexer.OPERATOR:
          operator(lx.start, lx.end);
          break;
        case SqlLexer.LPAREN:
          open('(');
          parenDepth++;
          break;
        case SqlLexer.LBRACKET:
          open('[');
          break;
        case SqlLexer.RPAREN:
          close(')');
          parenDepth = Math.max(0, parenDepth - 1);
          break;
        case SqlLexer.RBRACKET:
          close(']');
          break;
        case SqlLexer.COMMA:
          startToken(C_COMMA);
          out.append(',');
          lists.comma();
          afterToken(C_COMMA, false);
          break;
        case SqlLexer.SEMICOLON:
          if (parenDepth == 0) {
            endStatement();
          } else {
            plain(C_OPERATOR, lx.start, lx.end, false);
          }
          break;
        case SqlLexer.LBRACE:
          plain(C_OPEN, lx.start, lx.end, true);
          break;
        case SqlLexer.RBRACE:
          plain(C_CLOSE, lx.start, lx.end, false);
          break;
        case SqlLexer.COLON:
          plain(lx.inSubscript ? C_SLICE : C_COLON, lx.start, lx.end, false);
          break;
        case SqlLexer.CAST:
          plain(C_CAST, lx.start, lx.end, false);
          break;
        default: // DOT
          plain(C_TIGHT, lx.start, lx.end, false);
          break;
      }
    }
  }

  private void word(int start, int end) {
    int id = Keywords.lookup(sql, start, end);
    if ((id == Keywords.NULL || id == Keywords.TRUE || id == Keywords.FALSE)
        && prevKeyword != Keywords.IS
        && prevKeyword != Keywords.NOT) {
      placeholder(); // a value, unlike the predicate in IS [NOT] NULL and the NOT NULL constraint
      return;
    }
    int cls = Keywords.isReserved(id) ? C_KEYWORD : C_NAME;
    startToken(cls);
    if (prevClass == C_TIGHT && sql.charAt(start) >= '0' && sql.charAt(start) <= '9'
        && out.charAt(out.length() - 1) == '.') {
      out.append(' '); // "t.1col" glued would lex as "t" and the number ".1" next time
    }
    for (int i = start; i < end; i++) {
      char c = sql.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      } else if (c >= 0x80) {
        c = Character.toLowerCase(c);
      }
      out.append(c);
    }
    lists.other();
    operation.word(id, sql, start, end, parenDepth);
    lock.word(id);
    prevClass = cls;
    prevKeyword = id;
  }

  private void placeholder() {
    startToken(C_PLACEHOLDER);
    out.append('?');
    lists.placeholder();
    afterToken(C_PLACEHOLDER, true);
  }

  private void operator(int start, int end) {
    if (end - start == 1 && isSignPosition()) {
      char c = sql.charAt(start);
      if (c == '-' || c == '+') {
        pendingSign = c;
        return;
      }
    }
    plain(C_OPERATOR, start, end, true);
    glueNext = sql.charAt(end - 1) == '#';
  }

  // After an operator, an opening bracket, a comma, a reserved word or nothing, a sign belongs
  // to the number that follows: "x = -5" and "in (-1, 2)" hold literals, "a - 5" does not.
  private boolean isSignPosition() {
    return prevClass == C_NONE
        || prevClass == C_OPERATOR
        || prevClass == C_OPEN
        || prevClass == C_COMMA
        || prevClass == C_KEYWORD;
  }

  private void flushSign() {
    startToken(C_OPERATOR);
    out.append(pendingSign);
    pendingSign = 0;
    lists.other();
    afterToken(C_OPERATOR, true);
  }

  private void open(char bracket) {
    boolean standalone = !isNameLike(prevClass);
    startToken(C_OPEN);
    out.append(bracket);
    lists.open(bracket, out.length(), standalone);
    afterToken(C_OPEN, true);
  }

  private void close(char bracket) {
    // "[a]" and a stray "]" glued would read as the one identifier "[a]]" (']]' escapes a ']').
    boolean afterBracketName =
        bracket == ']' && prevClass == C_QUOTED && out.charAt(out.length() - 1) == ']';
    startToken(C_CLOSE);
    if (afterBracketName) {
      out.append(' ');
    }
    if (lists.isTop(bracket == ')' ? '(' : '[')) {
      lists.close(out, bracket);
    } else {
      out.append(bracket); // unbalanced or mismatched: keep it, collapse nothing
      lists.other();
    }
    afterToken(C_CLOSE, false);
  }

  private void plain(int cls, int start, int end, boolean mayPrecedeKeyword) {
    startToken(cls);
    out.append(sql, start, end);
    lists.other();
    afterToken(cls, mayPrecedeKeyword);
  }

  private void afterToken(int cls, boolean mayPrecedeKeyword) {
    operation.other(mayPrecedeKeyword);
    lock.other();
    prevClass = cls;
    prevKeyword = Keywords.NONE;
  }

  private void startToken(int cls) {
    if (!statementHasContent) {
      if (statementCount > 0) {
        out.append("; ");
      }
      statementStart = out.length();
      statementHasContent = true;
    } else if (!glueNext && needsSpace(prevClass, cls)) {
      out.append(' ');
    }
    glueNext = false;
  }

  // Deterministic spacing: one space between tokens except after an opening bracket or before
  // a comma or closing bracket, none around '.', '::' and a subscript's ':', none before any
  // other ':', and an opening bracket hugs the name before it (a call or subscript) but not a
  // keyword (IN (...), VALUES (...)).
  private static boolean needsSpace(int prev, int cls) {
    if (prev == C_COLON) {
      return cls != C_COMMA && cls != C_CLOSE; // ":name" or ":::x" would lex differently
    }
    if (prev == C_SLICE && (cls == C_OPERATOR || cls == C_SLICE || cls == C_CAST)) {
      return true;
    }
    if (cls == C_COMMA
        || cls == C_CLOSE
        || cls == C_TIGHT
        || cls == C_CAST
        || cls == C_COLON
        || cls == C_SLICE) {
      return false;
    }
    if (prev == C_OPEN || prev == C_TIGHT || prev == C_CAST || prev == C_SLICE) {
      return false;
    }
    return cls != C_OPEN || !isNameLike(prev);
  }

  private static boolean isNameLike(int cls) {
    return cls == C_NAME || cls == C_QUOTED || cls == C_CLOSE;
  }

  private void endStatement() {
    if (pendingSign != 0) {
      flushSign();
    }
    if (statementHasContent) {
      if (statementCount * 2 == statementBounds.length) {
        statementBounds = Arrays.copyOf(statementBounds, statementBounds.length * 2);
      }
      statementBounds[statementCount * 2] = statementStart;
      statementBounds[statementCount * 2 + 1] = out.length();
      statementCount++;
      operation.endStatement();
    }
    statementHasContent = false;
    glueNext = false;
    prevClass = C_NONE;
    prevKeyword = Keywords.NONE;
    parenDepth = 0;
    lists.reset();
    lock.other();
  }

  private NormalizedSql result() {
    String text = out.toString();
    List<String> statements;
    if (statementCount <= 1) {
      statements = statementCount == 0 ? List.of() : List.of(text);
    } else {
      String[] parts = new String[statementCount];
      for (int i = 0; i < statementCount; i++) {
        parts[i] = text.substring(statementBounds[i * 2], statementBounds[i * 2 + 1]);
      }
      statements = List.of(parts);
    }
    Map<String, String> attributes = lexer.attributes();
    return new NormalizedSql(
        text,
        statements,
        operation.operation(),
        lock.clause(),
        attributes == null ? Map.of() : Collections.unmodifiableMap(attributes));
  }
}
