package io.github.milvusmonitored.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an installation step did to the cluster, in order.
 *
 * <pre>{@code
 * ApplyReport report = installer.install();
 * report.entries().forEach(e -> System.out.println(e));
 * // SETUP APPLIED CustomResourceDefinition prometheuses.monitoring.coreos.com (manifests/setup/...)
 * }</pre>
 *
 * @param entries one entry per object applied, patched or deleted, in the order it happened
 */
public record ApplyReport(List<Entry> entries) {

  /** The installation phase an entry belongs to. */
  public enum Phase {
    SETUP,
    STACK,
    RBAC,
    TEARDOWN
  }

  /**
   * What happened to the object: KEPT means found in the cluster without being this run's and left
   * as it was; REVERTED means what the run added to it was taken out again.
   */
  public enum Action {
    APPLIED,
    PATCHED,
    ALREADY_PRESENT,
    DELETED,
    NOT_FOUND,
    KEPT,
    REVERTED
  }

  /**
   * One object.
   *
   * @param phase the installation phase
   * @param action what happened
   * @param file the manifest the object came from, e.g. {@code
   *     manifests/prometheus-clusterRole.yaml}
   * @param kind e.g. {@code ClusterRole}
   * @param namespace null for cluster-scoped objects
   * @param name the object's name
   */
  public record Entry(
      Phase phase, Action action, String file, String kind, String namespace, String name) {

    /** {@code kind namespace/name}, or {@code kind name} for cluster-scoped objects. */
    public String object() {
      return kind + " " + (namespace == null ? name : namespace + "/" + name);
    }

    @Override
    public String toString() {
      return phase + " " + action + " " + object() + " (" + file + ")";
    }
  }

  public ApplyReport {
    entries = List.copyOf(entries);
  }

  /** A report of nothing. */
  public static ApplyReport empty() {
    return new ApplyReport(List.of());
  }

  /** This report followed by {@code next}. */
  public ApplyReport plus(ApplyReport next) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(next.entries);
    return new ApplyReport(all);
  }

  /** The entries of one phase. */
  public List<Entry> entries(Phase phase) {
    return entries.stream().filter(e -> e.phase() == phase).toList();
  }

  /** The objects ({@link Entry#object()}) in order. */
  public List<String> objects() {
    return entries.stream().map(Entry::object).toList();
  }

  @Override
  public String toString() {
    return entries.stream().map(Entry::toString).collect(Collectors.joining("\n"));
  }
}
