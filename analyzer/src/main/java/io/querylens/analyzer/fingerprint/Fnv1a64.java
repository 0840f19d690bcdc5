package io.querylens.analyzer.fingerprint;

/**
 * 64-bit FNV-1a over the UTF-8 bytes of a string, written as 16 lowercase hex digits.
 *
 * <p>Chosen because it is a published, stable algorithm (any tool can recompute a fingerprint from
 * the normalized text) and needs no allocation. Unpaired surrogates hash as {@code '?'}, as the
 * JDK's UTF-8 encoder writes them. Stateless and thread-safe.
 */
final class Fnv1a64 {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Fnv1a64() {}

  static long hashUtf8(CharSequence s) {
    long h = OFFSET_BASIS;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xc0 | (c >> 6))) * PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * PRIME;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        h = (h ^ (0xf0 | (cp >> 18))) * PRIME;
        h = (h ^ (0x80 | ((cp >> 12) & 0x3f))) * PRIME;
        h = (h ^ (0x80 | ((cp >> 6) & 0x3f))) * PRIME;
        h = (h ^ (0x80 | (cp & 0x3f))) * PRIME;
      } else if (Character.isSurrogate(c)) {
        h = (h ^ '?') * PRIME;
      } else {
        h = (h ^ (0xe0 | (c >> 12))) * PRIME;
        h = (h ^ (0x80 | ((c >> 6) & 0x3f))) * PRIME;
        h = (h ^ (0x80 | (c & 0x3f))) * PRIME;
      }
    }
    return h;
  }

  static String hex(long value) {
    char[] out = new char[16];
    for (int i = 15; i >= 0; i--) {
      out[i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(out);
  }
}
