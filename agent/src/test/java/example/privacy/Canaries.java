package example.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values {@link CanaryWorkload} hides in its SQL, its bind parameters, its comments and the database's
 * error messages, derived from one run token so that the test knows them without the child printing them.
 * Each is distinct, long and unlikely anywhere else, so that finding one in an output is a leak, and not
 * finding it means something.
 *
 * @param token the run's token: 8 lower-case hex digits
 */
public record Canaries(String token) {

  /** Where a canary travels; what may show it depends on this. */
  public enum Kind {
    /** Written into the SQL text: never shown, whatever the options. */
    LITERAL,
    /** In a comment, sqlcommenter or not: never shown. */
    COMMENT,
    /** A bind value: shown only with {@code captureParameters=true}, masked unless {@code parameterMask=none}. */
    BIND
  }

  /** A string bound in every statement the workload prepares (with a suffix where it must differ). */
  public String bindString() {
    return "bindcanary-" + token;
  }

  /** A whole number bound as a {@code long}: 12 digits. */
  public long bindNumber() {
    return 700_000_000_000L + Long.parseLong(token.substring(0, 7), 16) % 100_000_000_000L;
  }

  /** A date bound with {@code setDate}. */
  public java.sql.Date bindDate() {
    return java.sql.Date.valueOf("1931-07-" + (10 + Long.parseLong(token.substring(0, 2), 16) % 18));
  }

  /** Bytes bound with {@code setBytes}: ASCII text, so its hex and base64 forms are checked too. */
  public byte[] bindBytes() {
    return ("bytescanary-" + token).getBytes(StandardCharsets.US_ASCII);
  }

  /** The e-mail a unique-key violation repeats: the database quotes it in its error message. */
  public String duplicateEmail() {
    return "dupcanary-" + token + "@example.org";
  }

  /** A string written into the SQL text. */
  public String literalString() {
    return "litcanary-" + token;
  }

  /** A whole number written into the SQL text: 12 digits, none in common with {@link #bindNumber()}. */
  public long literalNumber() {
    return 900_000_000_000L + Long.parseLong(token.substring(1, 8), 16) % 100_000_000_000L;
  }

  /** A literal the database quotes in a unique-key violation of a plain statement. */
  public String duplicateLiteral() {
    return "duplitcanary-" + token;
  }

  /** Text of a plain comment. */
  public String comment() {
    return "cmtcanary-" + token;
  }

  /** A sqlcommenter value. */
  public String sqlcommenter() {
    return "sqlccanary-" + token;
  }

  /**
   * Every canary as the texts that would give it away, by kind: a number's digits, a date as ISO text, bytes
   * as their text, hex and base64 forms.
   */
  public Map<String, Kind> texts() {
    Map<String, Kind> texts = new LinkedHashMap<>();
    texts.put(bindString(), Kind.BIND);
    texts.put(Long.toString(bindNumber()), Kind.BIND);
    texts.put(bindDate().toString(), Kind.BIND);
    String bytes = new String(bindBytes(), StandardCharsets.US_ASCII);
    texts.put(bytes, Kind.BIND);
    texts.put(HexFormat.of().formatHex(bindBytes()), Kind.BIND);
    texts.put(HexFormat.of().withUpperCase().formatHex(bindBytes()), Kind.BIND);
    texts.put(Base64.getEncoder().encodeToString(bindBytes()).replace("=", ""), Kind.BIND);
    texts.put(duplicateEmail(), Kind.BIND);
    texts.put(literalString(), Kind.LITERAL);
    texts.put(Long.toString(literalNumber()), Kind.LITERAL);
    texts.put(duplicateLiteral(), Kind.LITERAL);
    texts.put(comment(), Kind.COMMENT);
    texts.put(sqlcommenter(), Kind.COMMENT);
    return texts;
  }
}
