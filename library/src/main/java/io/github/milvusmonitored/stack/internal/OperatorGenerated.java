package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.internal.KubeRetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What prometheus-operator generates for a Prometheus or Alertmanager custom resource in the
 * resource's namespace: a StatefulSet, its governing Service, Secrets (configuration, TLS assets,
 * web config) and rule ConfigMaps, each owned by the resource. In a namespace the run created, the
 * namespace's removal takes them. In a namespace the run found, the garbage collector would, but
 * only once it watches the resource's kind: kube-controller-manager looks for new kinds every 30 s
 * (read in v1.35.4), so for CRDs the run has just created a foreground deletion can wait that long,
 * and after the CRDs are gone the owner cannot be resolved at all. So the run deletes them itself:
 * an object is the run's when every one of its owners is a custom resource the run deleted.
 */
public final class OperatorGenerated {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorGenerated.class);

  private OperatorGenerated() {}

  /**
   * Deletes the objects in the namespaces of {@code owners} (deleted custom resources, as read with
   * their uids) whose owners are all among them, StatefulSets in the foreground (their pods first),
   * and waits within the deadline until the StatefulSets are gone. Returns what it deleted, as
   * {@code Kind namespace/name}.
   */
  public static List<String> delete(
      KubernetesClient client,
      List<HasMetadata> owners,
      KubeRetry.Deadline deadline,
      Duration pollInterval) {
    if (owners.isEmpty()) {
      return List.of();
    }
    Set<String> ownerUids =
        owners.stream().map(o -> o.getMetadata().getUid()).collect(Collectors.toSet());
    List<String> namespaces =
        owners.stream().map(o -> o.getMetadata().getNamespace()).distinct().toList();
    long started = System.nanoTime();
    List<HasMetadata> owned = new ArrayList<>();
    for (String namespace : namespaces) {
      owned.addAll(
          ownedBy(
              ownerUids,
              KubeRetry.call(
                  "list StatefulSets in " + namespace,
                  deadline,
                  () -> client.apps().statefulSets().inNamespace(namespace).list().getItems())));
      owned.addAll(
          ownedBy(
              ownerUids,
              KubeRetry.call(
                  "list Services in " + namespace,
                  deadline,
                  () -> client.services().inNamespace(namespace).list().getItems())));
      owned.addAll(
          ownedBy(
              ownerUids,
              KubeRetry.call(
                  "list Secrets in " + namespace,
                  deadline,
                  () -> client.secrets().inNamespace(namespace).list().getItems())));
      owned.addAll(
          ownedBy(
              ownerUids,
              KubeRetry.call(
                  "list ConfigMaps in " + namespace,
                  deadline,
                  () -> client.configMaps().inNamespace(namespace).list().getItems())));
    }
    if (owned.isEmpty()) {
      return List.of();
    }
    List<String> deleted = new ArrayList<>();
    List<HasMetadata> statefulSets = new ArrayList<>();
    for (HasMetadata object : owned) {
      boolean statefulSet = "StatefulSet".equals(object.getKind());
      DeletionPropagation propagation =
          statefulSet ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND;
      List<?> result =
          KubeRetry.call(
              "delete " + ResourceSteps.describe(object),
              deadline,
              () -> client.resource(object).withPropagationPolicy(propagation).delete());
      if (result != null && !result.isEmpty()) {
        deleted.add(ResourceSteps.describe(object));
        if (statefulSet) {
          statefulSets.add(object);
        }
      }
    }
    List<HasMetadata> left = ResourceSteps.awaitGone(client, statefulSets, deadline, pollInterval);
    if (left.isEmpty()) {
      LOG.info(
          "kube-prometheus: removed what the operator generated for the run's custom resources in {} after {} ms:"
              + " {}",
          namespaces,
          (System.nanoTime() - started) / 1_000_000,
          deleted);
    } else {
      LOG.warn(
          "kube-prometheus: {} still there {} ms after their deletion, waiting for their pods to terminate; they"
              + " go once the pods have",
          left.stream().map(ResourceSteps::describe).toList(),
          (System.nanoTime() - started) / 1_000_000);
    }
    return deleted;
  }

  private static List<HasMetadata> ownedBy(
      Set<String> ownerUids, List<? extends HasMetadata> objects) {
    List<HasMetadata> owned = new ArrayList<>();
    for (HasMetadata object : objects) {
      List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
      if (owners != null
          && !owners.isEmpty()
          && owners.stream().allMatch(o -> ownerUids.contains(o.getUid()))) {
        owned.add(object);
      }
    }
    return owned;
  }
}
