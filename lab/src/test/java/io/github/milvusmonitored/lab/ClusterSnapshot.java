package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every object of every listable resource type of a cluster, as {@code group/Kind namespace/name} lines: what the
 * lab tests compare before a start and after its close. Events and Leases (written by controllers all the time)
 * are left out.
 */
record ClusterSnapshot(Set<String> objects) {

  private static final Set<String> IGNORED = Set.of("Event", "Lease");

  static ClusterSnapshot of(KubernetesClient client) {
    Set<String> objects = new TreeSet<>();
    List<String> groupVersions = new ArrayList<>(List.of("v1"));
    for (APIGroup group : client.getApiGroups().getGroups()) {
      GroupVersionForDiscovery preferred = group.getPreferredVersion();
      groupVersions.add(preferred.getGroupVersion());
    }
    for (String groupVersion : groupVersions) {
      var resources = client.getApiResources(groupVersion);
      if (resources == null) {
        continue; // a group removed while we list (the run's CRDs going away)
      }
      for (APIResource resource : resources.getResources()) {
        if (resource.getName().contains("/") || !resource.getVerbs().contains("list")
            || IGNORED.contains(resource.getKind())) {
          continue;
        }
        List<GenericKubernetesResource> items = client.genericKubernetesResources(groupVersion, resource.getKind())
            .inAnyNamespace().list().getItems();
        for (GenericKubernetesResource item : items) {
          String ns = item.getMetadata().getNamespace();
          objects.add(groupVersion.replaceFirst("/?v[0-9a-z]+$", "") + "/" + resource.getKind() + " "
              + (ns == null ? "" : ns + "/") + item.getMetadata().getName());
        }
      }
    }
    return new ClusterSnapshot(objects);
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
