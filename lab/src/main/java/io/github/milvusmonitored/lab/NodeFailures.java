package io.github.milvusmonitored.lab;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Waits for a node program and, when it fails, names the cause the lab knows from its log before
 * the log's end: cgroup v1 refused, a capability missing, a port in use, the runtime unreachable.
 */
final class NodeFailures {

  private record Cause(String logText, String explanation) {}

  private static final List<Cause> CAUSES =
      List.of(
          new Cause(
              "cgroup v1 support is unsupported",
              "the kubelet refuses cgroup v1 unless its configuration says"
                  + " failCgroupV1: false"),
          new Cause(
              "failed to find cgroup mounts",
              "the kubelet does not see the cgroup file systems (a mount namespace"
                  + " with a fresh /sys, e.g. from 'ip netns exec', hides them)"),
          new Cause(
              "address already in use",
              "a port the program needs is in use in the lab's network namespace"),
          new Cause(
              "unable to apply caps",
              "runc was asked for a capability this machine's bounding set lacks"
                  + " (CAP_SYS_RESOURCE: the lab's runc wrapper drops it)"),
          new Cause(
              "connection refused",
              "a program it talks to (containerd's socket, the API server) is not answering"));

  private NodeFailures() {}

  static void await(LabProcess process, String what, Duration timeout, BooleanSupplier ready) {
    try {
      process.awaitReady(what, timeout, ready);
    } catch (LabException e) {
      throw new LabException(cause(process.log()) + e.getMessage(), e);
    }
  }

  /** "Likely cause: ...\n" for the first known cause the log shows, or nothing. */
  static String cause(String log) {
    String lower = log.toLowerCase(java.util.Locale.ROOT);
    for (Cause cause : CAUSES) {
      if (lower.contains(cause.logText())) {
        return "Likely cause: "
            + cause.explanation()
            + " (its log says '"
            + cause.logText()
            + "').\n";
      }
    }
    return "";
  }
}
