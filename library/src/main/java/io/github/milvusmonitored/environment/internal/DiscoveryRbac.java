package io.github.milvusmonitored.environment.internal;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.stack.RunOwnership;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery rights of an existing stack's Prometheus in the Milvus namespace: asked with
 * SubjectAccessReviews, and when one is missing granted by a Role and RoleBinding of the run's own
 * in that namespace, removed at close. The stack's own roles are never edited.
 */
final class DiscoveryRbac {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryRbac.class);
  static final String NAME = "milvus-monitored-prometheus-discovery";

  private DiscoveryRbac() {}

  /**
   * The rights Prometheus's Kubernetes discovery of a ServiceMonitor's endpoints uses:
   * "group/resource".
   */
  static final List<String> RESOURCES =
      List.of("discovery.k8s.io/endpointslices", "/endpoints", "/services", "/pods");

  static void ensure(
      KubernetesClient client,
      ChosenPrometheus prometheus,
      String namespace,
      RunOwnership run,
      InstalledParts parts) {
    String user =
        "system:serviceaccount:" + prometheus.namespace() + ":" + prometheus.serviceAccount();
    List<String> missing = new ArrayList<>();
    for (String resource : RESOURCES) {
      String group = resource.substring(0, resource.indexOf('/'));
      String plural = resource.substring(resource.indexOf('/') + 1);
      for (String verb : List.of("list", "watch")) {
        SubjectAccessReview review =
            client
                .authorization()
                .v1()
                .subjectAccessReview()
                .create(
                    new SubjectAccessReviewBuilder()
                        .withNewSpec()
                        .withUser(user)
                        .withNewResourceAttributes()
                        .withNamespace(namespace)
                        .withGroup(group)
                        .withResource(plural)
                        .withVerb(verb)
                        .endResourceAttributes()
                        .endSpec()
                        .build());
        if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAllowed())) {
          missing.add(verb + " " + resource);
        }
      }
    }
    if (missing.isEmpty()) {
      LOG.info(
          "[stack] {} may already discover targets in namespace {}: no RBAC added",
          user,
          namespace);
      return;
    }
    Role role =
        new RoleBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(namespace)
            .withLabels(run.labels())
            .endMetadata()
            .addNewRule()
            .withApiGroups("")
            .withResources("services", "endpoints", "pods")
            .withVerbs("get", "list", "watch")
            .endRule()
            .addNewRule()
            .withApiGroups("discovery.k8s.io")
            .withResources("endpointslices")
            .withVerbs("get", "list", "watch")
            .endRule()
            .build();
    RoleBinding binding =
        new RoleBindingBuilder()
            .withNewMetadata()
            .withName(NAME)
            .withNamespace(namespace)
            .withLabels(run.labels())
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("Role")
            .withName(NAME)
            .endRoleRef()
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(prometheus.serviceAccount())
            .withNamespace(prometheus.namespace())
            .endSubject()
            .build();
    parts.removeWithRun(
        "Role and RoleBinding " + namespace + "/" + NAME,
        () -> {
          RoleBinding b = client.rbac().roleBindings().inNamespace(namespace).withName(NAME).get();
          if (run.createdBy(b)) {
            client.rbac().roleBindings().inNamespace(namespace).withName(NAME).delete();
          }
          Role r = client.rbac().roles().inNamespace(namespace).withName(NAME).get();
          if (run.createdBy(r)) {
            client.rbac().roles().inNamespace(namespace).withName(NAME).delete();
          }
        });
    client.rbac().roles().inNamespace(namespace).resource(role).create();
    client.rbac().roleBindings().inNamespace(namespace).resource(binding).create();
    LOG.info(
        "[stack] {} lacked {} in namespace {}: granted by Role and RoleBinding {}/{} of this run (removed at"
            + " close)",
        user,
        missing,
        namespace,
        namespace,
        NAME);
  }
}
