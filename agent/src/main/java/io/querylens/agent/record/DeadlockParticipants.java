package io.querylens.agent.record;

import io.querylens.analyzer.callsite.CapturedStack;
import io.querylens.analyzer.callsite.StackCapture;
import io.querylens.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the sessions of a PostgreSQL deadlock from its error detail ("Process 123 waits for
 * ShareLock on transaction 456; blocked by process 789."), matching each process id to one of the
 * application's connections: its thread, where that thread's code is, the statements of its
 * transaction. Runs on the failing thread, only on a deadlock.
 */
final class DeadlockParticipants {
  private static final Pattern PROCESS = Pattern.compile("[Pp]rocess (\\d+) waits for [^;]+; blocked by process (\\d+)");

  private final Recorder recorder;
  private final StackCapture stacks;
  private final java.util.function.Function<String, CapturedStack> recentWaits;

  /**
   * @param recentWaits the stack of the latest wait the lock-wait monitor saw for a session id, or
   *     null: the other side of a deadlock was usually caught waiting before the database broke it
   */
  DeadlockParticipants(Recorder recorder, StackCapture stacks,
      java.util.function.Function<String, CapturedStack> recentWaits) {
    this.recorder = recorder;
    this.stacks = stacks;
    this.recentWaits = recentWaits;
  }

  /** The participants, the failing session first; null when the message names none. */
  List<Finding.Blocker> of(Throwable error, ConnectionInfo failing) {
    Set<String> pids = new LinkedHashSet<>();
    String own = failing == null ? null : failing.sessionId();
    if (own != null) {
      pids.add(own);
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      Matcher matcher = PROCESS.matcher(String.valueOf(t.getMessage()));
      while (matcher.find()) {
        pids.add(matcher.group(1));
        pids.add(matcher.group(2));
      }
    }
    if (pids.size() < 2) {
      return null;
    }
    List<Finding.Blocker> participants = new ArrayList<>();
    for (String pid : pids) {
      participants.add(describe(pid, failing));
    }
    return participants;
  }

  private Finding.Blocker describe(String pid, ConnectionInfo failing) {
    ConnectionInfo[] found = new ConnectionInfo[1];
    recorder.forEachConnection(info -> {
      if (found[0] == null && "postgresql".equals(info.dbSystem) && pid.equals(info.sessionId())) {
        found[0] = info;
      }
    });
    ConnectionInfo connection = found[0];
    Thread thread = connection == failing ? Thread.currentThread() : connection == null ? null : connection.lastThread;
    if (thread == null) {
      return new Finding.Blocker(null, null, List.of(), List.of(), false, pid, null);
    }
    CapturedStack stack = thread == Thread.currentThread() ? stacks.capture() : stacks.read(thread.getStackTrace());
    if (stack.callSite() == null) {
      // The other side has already moved on (its statement went through once this one was rolled back):
      // where it waited, if the lock-wait monitor saw it, is where its code was.
      CapturedStack waited = recentWaits.apply(pid);
      if (waited != null) {
        stack = waited;
      }
    }
    Finding.CallSite callSite = Finding.CallSite.of(stack.callSite());
    return new Finding.Blocker(thread.getName(), callSite, stack.frames(), connection.latestTransactionStatements(),
        false, pid, null);
  }

}
