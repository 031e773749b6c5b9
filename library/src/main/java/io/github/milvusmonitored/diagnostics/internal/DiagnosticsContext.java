package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.github.milvusmonitored.metrics.ComponentTargets;
import io.github.milvusmonitored.metrics.TargetStatus;
import io.github.milvusmonitored.milvus.MilvusReleaseStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What earlier steps found, for later steps (logs, summary); thread-safe, filled as steps run. */
public final class DiagnosticsContext {

  private final Map<String, List<Pod>> pods = new ConcurrentHashMap<>();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private volatile TargetStatus targetStatus;
  private volatile ComponentTargets componentTargets;
  private volatile MilvusReleaseStatus releaseStatus;

  void addPods(String namespace, List<Pod> list) {
    pods.put(namespace, List.copyOf(list));
  }

  /** Pods listed per namespace; a namespace is absent when listing it failed. */
  public Map<String, List<Pod>> pods() {
    return Map.copyOf(pods);
  }

  /** Every pod listed, across namespaces. */
  public List<Pod> allPods() {
    return pods.values().stream().flatMap(List::stream).toList();
  }

  void addEvents(List<Event> list) {
    events.addAll(list);
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  void targetStatus(TargetStatus status) {
    this.targetStatus = status;
  }

  public Optional<TargetStatus> targetStatus() {
    return Optional.ofNullable(targetStatus);
  }

  void componentTargets(ComponentTargets status) {
    this.componentTargets = status;
  }

  /** The target status of each component, when diagnostics were given the components. */
  public Optional<ComponentTargets> componentTargets() {
    return Optional.ofNullable(componentTargets);
  }

  void releaseStatus(MilvusReleaseStatus status) {
    this.releaseStatus = status;
  }

  public Optional<MilvusReleaseStatus> releaseStatus() {
    return Optional.ofNullable(releaseStatus);
  }
}
