package io.github.milvusmonitored.stack.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.milvusmonitored.internal.KubeRetry;
import io.github.milvusmonitored.stack.ResourceApplier;
import io.github.milvusmonitored.stack.RunOwnership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Prometheus stack this library did not install: kube-prometheus CRDs that another field
 * manager or a Helm release owns, and Prometheus operators running anywhere in the cluster.
 */
public final class OtherStackDetector {

  private static final Logger LOG = LoggerFactory.getLogger(OtherStackDetector.class);
  static final String OPERATOR_IMAGE = "prometheus-operator/prometheus-operator";

  private OtherStackDetector() {}

  /** One line per finding; empty when nothing foreign is there. */
  public static List<String> findings(
      KubernetesClient client, List<HasMetadata> foundBefore, KubeRetry.Deadline deadline) {
    List<String> findings = new ArrayList<>();
    for (HasMetadata r : foundBefore) {
      if ("CustomResourceDefinition".equals(r.getKind()) && !RunOwnership.managedByLibrary(r)) {
        findings.add("CustomResourceDefinition " + r.getMetadata().getName() + " " + owner(r));
      }
    }
    List<Deployment> deployments;
    try {
      deployments =
          KubeRetry.call(
              "list deployments in every namespace",
              deadline,
              () -> client.apps().deployments().inAnyNamespace().list().getItems());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      LOG.warn(
          "[stack] cannot list Deployments in every namespace (HTTP 403): a Prometheus operator outside"
              + " 'monitoring' would go unnoticed");
      deployments = List.of();
    }
    for (Deployment d : deployments) {
      String image = operatorImage(d);
      if (image != null && !RunOwnership.managedByLibrary(d)) {
        findings.add(
            "Deployment "
                + d.getMetadata().getNamespace()
                + "/"
                + d.getMetadata().getName()
                + " runs a Prometheus operator ("
                + image
                + ") "
                + owner(d));
      }
    }
    return findings;
  }

  private static String operatorImage(Deployment d) {
    if (d.getSpec() == null
        || d.getSpec().getTemplate() == null
        || d.getSpec().getTemplate().getSpec() == null) {
      return null;
    }
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .map(Container::getImage)
        .filter(Objects::nonNull)
        .filter(i -> i.contains(OPERATOR_IMAGE))
        .findFirst()
        .orElse(null);
  }

  /**
   * "(Helm release ns/name)" or "(field managers [a, b])" or "(created without a field manager)".
   */
  static String owner(HasMetadata r) {
    Map<String, String> annotations = r.getMetadata().getAnnotations();
    if (annotations != null && annotations.get("meta.helm.sh/release-name") != null) {
      return "(Helm release "
          + annotations.get("meta.helm.sh/release-namespace")
          + "/"
          + annotations.get("meta.helm.sh/release-name")
          + ")";
    }
    List<String> managers =
        r.getMetadata().getManagedFields() == null
            ? List.of()
            : r.getMetadata().getManagedFields().stream()
                .map(ManagedFieldsEntry::getManager)
                .filter(Objects::nonNull)
                .filter(m -> !ResourceApplier.FIELD_MANAGER.equals(m))
                .distinct()
                .toList();
    return managers.isEmpty()
        ? "(not labelled as installed by milvus-monitored)"
        : "(field managers " + managers + ")";
  }
}
