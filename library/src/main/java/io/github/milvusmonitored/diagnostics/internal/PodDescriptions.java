package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a pod's status the way {@code kubectl get pods} shows it. */
public final class PodDescriptions {

  private PodDescriptions() {}

  /** Whether the pod's Ready condition is True. */
  public static boolean isReady(Pod pod) {
    return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Whether the pod ran to completion (a finished Job pod needs no attention). */
  public static boolean isSucceeded(Pod pod) {
    return pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase());
  }

  public static Optional<PodCondition> readyCondition(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null
        ? Optional.empty()
        : pod.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .findFirst();
  }

  /** The message of a PodScheduled=False condition (the scheduler's reason), if any. */
  public static Optional<String> podScheduledFalse(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getConditions() == null
        ? Optional.empty()
        : pod.getStatus().getConditions().stream()
            .filter(
                c ->
                    "PodScheduled".equals(c.getType())
                        && "False".equals(c.getStatus())
                        && c.getMessage() != null)
            .map(PodCondition::getMessage)
            .findFirst();
  }

  public static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "Unknown"
        : pod.getStatus().getPhase();
  }

  public static List<ContainerStatus> containers(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getContainerStatuses();
  }

  public static List<ContainerStatus> initContainers(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getInitContainerStatuses() == null
        ? List.of()
        : pod.getStatus().getInitContainerStatuses();
  }

  public static Stream<ContainerStatus> allContainers(Pod pod) {
    return Stream.concat(initContainers(pod).stream(), containers(pod).stream());
  }

  public static int restarts(Pod pod) {
    return containers(pod).stream()
        .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
        .sum();
  }

  /** The STATUS column of kubectl: a waiting or terminated reason beats the phase. */
  public static String status(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return "Terminating";
    }
    for (ContainerStatus c : initContainers(pod)) {
      String reason = reason(c.getState());
      if (reason != null && !"Completed".equals(reason)) {
        return "Init:" + reason;
      }
    }
    for (ContainerStatus c : containers(pod)) {
      String reason = reason(c.getState());
      if (reason != null) {
        return reason;
      }
    }
    if (pod.getStatus() != null && pod.getStatus().getReason() != null) {
      return pod.getStatus().getReason();
    }
    return phase(pod);
  }

  /** kubectl's one line: name, ready count, status, restarts, age, IP, node. */
  public static String summaryLine(Pod pod, Instant now) {
    long ready = containers(pod).stream().filter(c -> Boolean.TRUE.equals(c.getReady())).count();
    int total =
        pod.getSpec() == null || pod.getSpec().getContainers() == null
            ? containers(pod).size()
            : pod.getSpec().getContainers().size();
    return String.format(
        Locale.ROOT,
        "%-50s %-6s %-28s %-9d %-8s %-16s %s",
        pod.getMetadata().getName(),
        ready + "/" + total,
        status(pod),
        restarts(pod),
        age(pod.getMetadata().getCreationTimestamp(), now),
        orNone(pod.getStatus() == null ? null : pod.getStatus().getPodIP()),
        orNone(pod.getSpec() == null ? null : pod.getSpec().getNodeName()));
  }

  /** One line per container: ready, restarts, state with reason and message, last state. */
  public static String containerLine(ContainerStatus c, boolean init) {
    StringBuilder s =
        new StringBuilder(init ? "init container " : "container ")
            .append(c.getName())
            .append(": ready=")
            .append(Boolean.TRUE.equals(c.getReady()))
            .append(" restarts=")
            .append(c.getRestartCount() == null ? 0 : c.getRestartCount())
            .append(" state=")
            .append(state(c.getState()));
    if (c.getLastState() != null
        && (c.getLastState().getTerminated() != null || c.getLastState().getWaiting() != null)) {
      s.append(" lastState=").append(state(c.getLastState()));
    }
    s.append(" image=").append(c.getImage());
    return s.toString();
  }

  /**
   * {@code waiting reason=X message="..."}, {@code running}, {@code terminated reason=X
   * exitCode=N}.
   */
  public static String state(ContainerState state) {
    if (state == null) {
      return "unknown";
    }
    if (state.getWaiting() != null) {
      return "waiting"
          + reasonAndMessage(state.getWaiting().getReason(), state.getWaiting().getMessage());
    }
    if (state.getTerminated() != null) {
      var t = state.getTerminated();
      return "terminated"
          + reasonAndMessage(t.getReason(), t.getMessage())
          + " exitCode="
          + t.getExitCode();
    }
    if (state.getRunning() != null) {
      return "running since " + state.getRunning().getStartedAt();
    }
    return "unknown";
  }

  /** The waiting reason, else the terminated reason, else null. */
  public static String reason(ContainerState state) {
    if (state == null) {
      return null;
    }
    if (state.getWaiting() != null) {
      return state.getWaiting().getReason();
    }
    return state.getTerminated() != null ? state.getTerminated().getReason() : null;
  }

  private static String reasonAndMessage(String reason, String message) {
    return (reason == null ? "" : " reason=" + reason)
        + (message == null || message.isBlank() ? "" : " message=\"" + message.strip() + "\"");
  }

  static String age(String timestamp, Instant now) {
    if (timestamp == null) {
      return "<unknown>";
    }
    try {
      Duration d = Duration.between(OffsetDateTime.parse(timestamp).toInstant(), now);
      if (d.isNegative()) {
        return "0s";
      }
      if (d.toDays() > 0) {
        return d.toDays() + "d" + d.toHoursPart() + "h";
      }
      if (d.toHours() > 0) {
        return d.toHours() + "h" + d.toMinutesPart() + "m";
      }
      return d.toMinutes() > 0
          ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
          : d.toSeconds() + "s";
    } catch (RuntimeException e) {
      return timestamp;
    }
  }

  private static String orNone(String s) {
    return s == null || s.isBlank() ? "<none>" : s;
  }
}
