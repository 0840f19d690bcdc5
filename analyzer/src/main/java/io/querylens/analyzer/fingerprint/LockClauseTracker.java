package io.querylens.analyzer.fingerprint;

/**
 * Spots the first row-locking clause in the token stream: {@code FOR UPDATE},
 * {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE} or MySQL's
 * {@code LOCK IN SHARE MODE}. The words must be adjacent tokens; trailing {@code OF t},
 * {@code NOWAIT} or {@code SKIP LOCKED} do not change the reported clause. One instance per call;
 * not thread-safe.
 */
final class LockClauseTracker {

  private static final int IDLE = 0;
  private static final int FOR = 1;
  private static final int FOR_NO = 2;
  private static final int FOR_NO_KEY = 3;
  private static final int FOR_KEY = 4;
  private static final int LOCK = 5;
  private static final int LOCK_IN = 6;
  private static final int LOCK_IN_SHARE = 7;

  private int state = IDLE;
  private String clause;

  void word(int id) {
    if (clause != null) {
      return;
    }
    switch (state) {
      case FOR:
        if (id == Keywords.UPDATE) {
          clause = "FOR UPDATE";
        } else if (id == Keywords.SHARE) {
          clause = "FOR SHARE";
        } else {
          advance(id, Keywords.NO, FOR_NO, Keywords.KEY, FOR_KEY);
        }
        break;
      case FOR_NO:
        advance(id, Keywords.KEY, FOR_NO_KEY, Keywords.NONE, IDLE);
        break;
      case FOR_NO_KEY:
        found(id, Keywords.UPDATE, "FOR NO KEY UPDATE");
        break;
      case FOR_KEY:
        found(id, Keywords.SHARE, "FOR KEY SHARE");
        break;
      case LOCK:
        advance(id, Keywords.IN, LOCK_IN, Keywords.NONE, IDLE);
        break;
      case LOCK_IN:
        advance(id, Keywords.SHARE, LOCK_IN_SHARE, Keywords.NONE, IDLE);
        break;
      case LOCK_IN_SHARE:
        found(id, Keywords.MODE, "LOCK IN SHARE MODE");
        break;
      default:
        restart(id);
    }
  }

  void other() {
    state = IDLE;
  }

  /** The clause in upper case, or {@code null} when none was seen. */
  String clause() {
    return clause;
  }

  private void advance(int id, int expected, int next, int alternative, int alternativeNext) {
    if (id == expected) {
      state = next;
    } else if (id == alternative && id != Keywords.NONE) {
      state = alternativeNext;
    } else {
      restart(id);
    }
  }

  private void found(int id, int expected, String result) {
    if (id == expected) {
      clause = result;
    } else {
      restart(id);
    }
  }

  private void restart(int id) {
    state = id == Keywords.FOR ? FOR : id == Keywords.LOCK ? LOCK : IDLE;
  }
}
