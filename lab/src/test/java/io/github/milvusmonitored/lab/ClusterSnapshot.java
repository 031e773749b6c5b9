package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every object of every listable resource type of a cluster, as {@code group/Kind namespace/name}
 * lines: what the lab tests compare before a start and after its close. Events and Leases (written
 * by controllers all the time) are left out, and so are the PortForwards the lab registers for the
 * pods it serves (labelled {@link PodServer#PORT_FORWARD_OF_POD}): the lab writes one after kwok
 * gives a pod its address and deletes it after the pod is gone, so a snapshot taken meanwhile would
 * count the lab's own bookkeeping as something a run added or removed. The pods themselves are
 * compared, and nothing but the lab writes kwok objects, let alone with that label.
 */
record ClusterSnapshot(Set<String> objects) {

  private static final Set<String> IGNORED = Set.of("Event", "Lease");

  static ClusterSnapshot of(KubernetesClient client) {
    return of(client, null);
  }

  /**
   * Like {@link #of(KubernetesClient)}, only the objects that carry every one of {@code labels}
   * (null: all).
   */
  static ClusterSnapshot of(KubernetesClient client, java.util.Map<String, String> labels) {
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    for (APIGroup group : client.getApiGroups().getGroups()) {
      GroupVersionForDiscovery preferred = group.getPreferredVersion();
      groupVersions.add(preferred.getGroupVersion());
    }
    // About 60 kinds on the lab: listed four at a time, as a test waits for a cluster to settle
    // many times over.
    List<List<String[]>> kinds =
        inParallel(
            groupVersions,
            groupVersion -> retryingClosedConnections(() -> listableKinds(client, groupVersion)));
    List<List<String>> listed =
        inParallel(
            kinds.stream().flatMap(List::stream).toList(),
            kind -> retryingClosedConnections(() -> objects(client, kind[0], kind[1], labels)));
    Set<String> objects = new TreeSet<>();
    listed.forEach(objects::addAll);
    return new ClusterSnapshot(objects);
  }

  /**
   * {@code call} on every input, four at a time, results in input order; the first failure is
   * thrown.
   */
  private static <T, R> List<R> inParallel(List<T> inputs, java.util.function.Function<T, R> call) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "lab-snapshot");
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<R>> futures = new ArrayList<>();
      inputs.forEach(input -> futures.add(pool.submit(() -> call.apply(input))));
      List<R> results = new ArrayList<>();
      for (java.util.concurrent.Future<R> f : futures) {
        try {
          results.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new IllegalStateException(e.getCause());
        }
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while taking a cluster snapshot", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The listable kinds of {@code groupVersion} but the ignored ones, as {@code {groupVersion,
   * kind}}.
   */
  private static List<String[]> listableKinds(KubernetesClient client, String groupVersion) {
    io.fabric8.kubernetes.api.model.APIResourceList resources;
    try {
      resources = client.getApiResources(groupVersion);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException unavailable) {
      if (unavailable.getCode() <= 0) {
        throw unavailable; // no answer at all: tried again
      }
      // an aggregated API whose APIService is not Available (503): it stores no objects to compare
      return List.of();
    }
    if (resources == null) {
      return List.of(); // a group removed while we list (the run's CRDs going away)
    }
    return resources.getResources().stream()
        .filter(
            r ->
                !r.getName().contains("/")
                    && r.getVerbs().contains("list")
                    && !IGNORED.contains(r.getKind()))
        .map(r -> new String[] {groupVersion, r.getKind()})
        .toList();
  }

  /** The objects of one kind, as {@code group/Kind namespace/name} lines. */
  private static List<String> objects(
      KubernetesClient client,
      String groupVersion,
      String kind,
      java.util.Map<String, String> labels) {
    var all = client.genericKubernetesResources(groupVersion, kind).inAnyNamespace();
    List<GenericKubernetesResource> items;
    try {
      items = (labels == null ? all : all.withLabels(labels)).list().getItems();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException gone) {
      if (gone.getCode() == 404) {
        return List.of(); // its CRD deleted between discovery and the list
      }
      throw gone;
    }
    List<String> lines = new ArrayList<>();
    for (GenericKubernetesResource item : items) {
      if (labsPortForward(groupVersion, kind, item)) {
        continue;
      }
      String ns = item.getMetadata().getNamespace();
      lines.add(
          groupVersion.replaceFirst("/?v[0-9a-z]+$", "")
              + "/"
              + kind
              + " "
              + (ns == null ? "" : ns + "/")
              + item.getMetadata().getName());
    }
    return lines;
  }

  private static boolean labsPortForward(
      String groupVersion, String kind, GenericKubernetesResource item) {
    return groupVersion.startsWith("kwok.x-k8s.io/")
        && "PortForward".equals(kind)
        && item.getMetadata().getLabels() != null
        && item.getMetadata().getLabels().containsKey(PodServer.PORT_FORWARD_OF_POD);
  }

  /**
   * A call whose connection the API server closed (no HTTP status, code -1; Vert.x's "Connection
   * was closed", seen on the lab while the run's CRDs go away) is tried again, up to three times.
   */
  private static <R> R retryingClosedConnections(java.util.function.Supplier<R> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() > 0 || attempt == 3) {
          throw e;
        }
        LabProcess.sleep(java.time.Duration.ofMillis(200));
      }
    }
  }

  /**
   * Deletes what the cluster has now that this snapshot had not (namespaces first, then
   * cluster-scoped and other objects), so that the next test meets the cluster as this one did;
   * waits up to a minute for it to settle. Returns what it had to delete.
   */
  Set<String> restore(KubernetesClient client) {
    Set<String> added = added(of(client));
    for (String object : added) {
      String[] parts = object.split(" ", 2);
      String kind = parts[0].substring(parts[0].indexOf('/') + 1);
      if ("Namespace".equals(kind)) {
        client.namespaces().withName(parts[1]).delete();
      }
    }
    for (String object : added) {
      String[] parts = object.split(" ", 2);
      String group = parts[0].substring(0, parts[0].indexOf('/'));
      String kind = parts[0].substring(parts[0].indexOf('/') + 1);
      String[] ref = parts[1].split("/", 2);
      if ("Namespace".equals(kind)) {
        continue;
      }
      try {
        var resources =
            ref.length == 2
                ? client
                    .genericKubernetesResources(apiVersion(client, group, kind), kind)
                    .inNamespace(ref[0])
                    .withName(ref[1])
                : client
                    .genericKubernetesResources(apiVersion(client, group, kind), kind)
                    .withName(ref[0]);
        resources.delete();
      } catch (RuntimeException gone) {
        // removed with its namespace or by its owner meanwhile
      }
    }
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline && !added(of(client)).isEmpty()) {
      LabProcess.sleep(java.time.Duration.ofSeconds(2));
      nudgeTerminatingNamespaces(client);
    }
    Set<String> left = added(of(client));
    if (!left.isEmpty()) {
      StringBuilder why =
          new StringBuilder("lab: still there 2 minutes after the restore: " + left);
      for (var ns : client.namespaces().list().getItems()) {
        if (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())) {
          why.append("\n  namespace ")
              .append(ns.getMetadata().getName())
              .append(" Terminating: ")
              .append(ns.getStatus().getConditions());
        }
      }
      throw new AssertionError(why.toString());
    }
    return added;
  }

  /**
   * The namespace controller waits as long as the deleted pods' grace period (600 s for Prometheus)
   * before it looks at a namespace again, unless the namespace changes; kwok removes pods at once,
   * so the lab nudges the namespace with an annotation to have it finished now.
   */
  private static void nudgeTerminatingNamespaces(KubernetesClient client) {
    for (var ns : client.namespaces().list().getItems()) {
      if (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())) {
        try {
          client
              .namespaces()
              .withName(ns.getMetadata().getName())
              .edit(
                  n -> {
                    n.getMetadata()
                        .setAnnotations(
                            new java.util.HashMap<>(
                                n.getMetadata().getAnnotations() == null
                                    ? java.util.Map.of()
                                    : n.getMetadata().getAnnotations()));
                    n.getMetadata()
                        .getAnnotations()
                        .put("lab.milvus-monitored/nudged", Long.toString(System.nanoTime()));
                    return n;
                  });
        } catch (RuntimeException gone) {
          // finished meanwhile
        }
      }
    }
  }

  private static String apiVersion(KubernetesClient client, String group, String kind) {
    if (group.isEmpty()) {
      return "v1";
    }
    for (APIGroup api : client.getApiGroups().getGroups()) {
      if (api.getName().equals(group)) {
        return api.getPreferredVersion().getGroupVersion();
      }
    }
    return group + "/v1";
  }

  /** What {@code after} has that this snapshot had not. */
  Set<String> added(ClusterSnapshot after) {
    Set<String> added = new TreeSet<>(after.objects);
    added.removeAll(objects);
    return added;
  }

  /** What this snapshot had that {@code after} has not. */
  Set<String> removed(ClusterSnapshot after) {
    Set<String> removed = new TreeSet<>(objects);
    removed.removeAll(after.objects);
    return removed;
  }
}
