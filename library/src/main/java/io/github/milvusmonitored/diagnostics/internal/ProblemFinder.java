package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.milvusmonitored.metrics.TargetStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names the most likely problem from what was collected. Pod failures come first: a Milvus that
 * does not run explains an absent target, never the other way round.
 */
public final class ProblemFinder {

  private static final Set<String> IMAGE_PULL =
      Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");

  /** How the kubelet's event for a failed pull begins ({@code Failed to pull image "x": ...}). */
  private static final String PULL_FAILED = "Failed to pull image ";

  private ProblemFinder() {}

  /** Every finding, most likely cause first; empty when nothing looks wrong. */
  public static List<String> findings(DiagnosticsContext context) {
    List<String> out = new ArrayList<>();
    List<Pod> pods = context.allPods();
    Set<String> pulling = new HashSet<>();
    for (Pod pod : pods) {
      for (ContainerStatus c : PodDescriptions.allContainers(pod).toList()) {
        imagePull(pod, c)
            .ifPresent(
                finding -> {
                  out.add(finding);
                  pulling.add(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                });
      }
    }
    // A pull the kubelet gave up on whose pod no longer says so (deleted, or terminating after a
    // failed install was removed): its events still do.
    imagePullEvents(context.events(), pulling, out);
    for (Pod pod : pods) {
      PodDescriptions.allContainers(pod).forEach(c -> crashLoop(pod, c).ifPresent(out::add));
    }
    for (Pod pod : pods) {
      PodDescriptions.allContainers(pod).forEach(c -> oomKilled(pod, c).ifPresent(out::add));
    }
    for (Pod pod : pods) {
      unschedulable(pod, context.events()).ifPresent(out::add);
    }
    context
        .releaseStatus()
        .filter(s -> !s.deployed())
        .ifPresent(s -> out.add(DiagnosisTexts.releaseNotDeployed(s)));
    context.targetStatus().filter(s -> !s.isUp()).ifPresent(s -> out.add(DiagnosisTexts.target(s)));
    // The release looks up as a whole while one of its components has no healthy target.
    context
        .componentTargets()
        .filter(c -> !c.isUp() && context.targetStatus().map(TargetStatus::isUp).orElse(false))
        .ifPresent(c -> out.add(DiagnosisTexts.components(c)));
    for (Pod pod : pods) {
      if (!PodDescriptions.isReady(pod)
          && !PodDescriptions.isSucceeded(pod)
          && out.stream().noneMatch(f -> f.contains("'" + pod.getMetadata().getName() + "'"))) {
        out.add(DiagnosisTexts.notReady(pod));
      }
    }
    return List.copyOf(out);
  }

  private static Optional<String> imagePull(Pod pod, ContainerStatus c) {
    var waiting = c.getState() == null ? null : c.getState().getWaiting();
    if (waiting == null || !IMAGE_PULL.contains(waiting.getReason())) {
      return Optional.empty();
    }
    return Optional.of(DiagnosisTexts.imagePull(pod, c, waiting.getReason(), waiting.getMessage()));
  }

  /**
   * The kubelet's latest "Failed to pull image" event of each pod that has no image-pull finding of
   * its own ({@code pulling}, by {@link #key}).
   */
  private static void imagePullEvents(List<Event> events, Set<String> pulling, List<String> out) {
    Map<String, Event> latest = new LinkedHashMap<>();
    for (Event e : events) {
      if (e.getInvolvedObject() == null
          || !"Pod".equals(e.getInvolvedObject().getKind())
          || e.getMessage() == null
          || !e.getMessage().startsWith(PULL_FAILED)) {
        continue;
      }
      String key = key(e.getInvolvedObject().getNamespace(), e.getInvolvedObject().getName());
      if (!pulling.contains(key)) {
        latest.merge(
            key, e, (a, b) -> EventsCollector.time(a).isAfter(EventsCollector.time(b)) ? a : b);
      }
    }
    latest
        .values()
        .forEach(
            e ->
                out.add(
                    DiagnosisTexts.imagePullEvent(
                        e.getInvolvedObject().getNamespace(),
                        e.getInvolvedObject().getName(),
                        e.getMessage(),
                        e.getCount())));
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  private static Optional<String> crashLoop(Pod pod, ContainerStatus c) {
    var waiting = c.getState() == null ? null : c.getState().getWaiting();
    if (waiting == null || !"CrashLoopBackOff".equals(waiting.getReason())) {
      return Optional.empty();
    }
    var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
    return Optional.of(DiagnosisTexts.crashLoop(pod, c, last));
  }

  /**
   * A container whose last run the kernel ended for its memory limit, running again or not (yet)
   * backing off.
   */
  private static Optional<String> oomKilled(Pod pod, ContainerStatus c) {
    var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
    var waiting = c.getState() == null ? null : c.getState().getWaiting();
    if (last == null
        || !"OOMKilled".equals(last.getReason())
        || (waiting != null && "CrashLoopBackOff".equals(waiting.getReason()))) {
      return Optional.empty();
    }
    return Optional.of(DiagnosisTexts.oomKilled(pod, c, last));
  }

  private static Optional<String> unschedulable(Pod pod, List<Event> events) {
    if (!"Pending".equals(PodDescriptions.phase(pod))) {
      return Optional.empty();
    }
    String name = pod.getMetadata().getName();
    Optional<String> eventMessage =
        events.stream()
            .filter(
                e ->
                    "FailedScheduling".equals(e.getReason())
                        && e.getInvolvedObject() != null
                        && name.equals(e.getInvolvedObject().getName()))
            .reduce((a, b) -> EventsCollector.time(a).isAfter(EventsCollector.time(b)) ? a : b)
            .map(Event::getMessage);
    Optional<String> conditionMessage = PodDescriptions.podScheduledFalse(pod);
    return eventMessage.or(() -> conditionMessage).map(m -> DiagnosisTexts.unschedulable(pod, m));
  }
}
