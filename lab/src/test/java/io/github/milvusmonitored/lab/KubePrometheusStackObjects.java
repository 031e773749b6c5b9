package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.stack.KubePrometheusManifests;
import io.github.milvusmonitored.stack.ManifestFile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The objects of a kube-prometheus-stack release {@value #RELEASE} in namespace {@value
 * #NAMESPACE}, as its chart's templates make them (operator Deployment, its ServiceAccount and
 * ClusterRole, the Prometheus resource selecting ServiceMonitors and PrometheusRules by {@code
 * release: kube-prometheus-stack}, its ServiceAccount, ClusterRole and Service), with Helm's labels
 * and annotations, server-side applied by field manager {@code helm}. Not rendered from the chart:
 * the lab has no chart archive; the names, labels, selectors and the operator's arguments follow
 * the chart's templates (kubelet Service off, TLS and admission webhooks off, as {@code
 * prometheusOperator.tls.enabled=false} and {@code admissionWebhooks.enabled=false} give). The CRDs
 * are kube-prometheus v0.18.0's (operator v0.92.0), which the chart's CRD subchart also ships for
 * that operator version.
 */
final class KubePrometheusStackObjects {

  static final String RELEASE = "kube-prometheus-stack";
  static final String NAMESPACE = "monitoring";
  static final String PROMETHEUS = RELEASE + "-prometheus";
  static final String OPERATOR = RELEASE + "-operator";
  static final String FIELD_MANAGER = "helm";

  private KubePrometheusStackObjects() {}

  /**
   * Installs the objects and waits until the operator is ready and Prometheus answers through its
   * Service.
   */
  static void install(KubernetesClient admin) {
    install(admin, true);
  }

  /**
   * Like {@link #install(KubernetesClient)}; without {@code discoveryEverywhere} the Prometheus's
   * ClusterRole grants only what kube-prometheus's own {@code prometheus-k8s} does (nodes/metrics
   * and /metrics), as a stack whose owner restricted discovery has it.
   */
  static void install(KubernetesClient admin, boolean discoveryEverywhere) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    ExistingClusterSafetyIT.awaitNamespaceInitialised(admin, NAMESPACE);
    KubePrometheusManifests manifests =
        KubePrometheusManifests.builder()
            .withSource(ManifestSource.archive(LabConfigs.manifests()))
            .load();
    for (ManifestFile file : manifests.setupFiles()) {
      for (HasMetadata r : KubePrometheusManifests.resources(file, StackProfile.MINIMAL)) {
        if ("CustomResourceDefinition".equals(r.getKind())) {
          r.getMetadata().setLabels(helmLabels(r.getMetadata().getLabels()));
          r.getMetadata().setAnnotations(helmAnnotations());
          apply(admin, r);
        }
      }
    }
    awaitCrds(admin);
    apply(
        admin,
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(OPERATOR)
            .withNamespace(NAMESPACE)
            .withLabels(helmLabels(Map.of("app", OPERATOR)))
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .build());
    ClusterRole operatorRole =
        (ClusterRole)
            KubePrometheusManifests.resources(
                    manifests.stackFiles(StackProfile.MINIMAL).stream()
                        .filter(f -> f.path().endsWith("prometheusOperator-clusterRole.yaml"))
                        .findFirst()
                        .orElseThrow(),
                    StackProfile.MINIMAL)
                .get(0);
    apply(
        admin,
        new ClusterRoleBuilder()
            .withNewMetadata()
            .withName(OPERATOR)
            .withLabels(helmLabels(Map.of("app", OPERATOR)))
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .withRules(operatorRole.getRules())
            .build());
    apply(
        admin,
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName(OPERATOR)
            .withLabels(helmLabels(Map.of("app", OPERATOR)))
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName(OPERATOR)
            .endRoleRef()
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(OPERATOR)
            .withNamespace(NAMESPACE)
            .endSubject()
            .build());
    Map<String, String> operatorLabels =
        helmLabels(
            Map.of(
                "app",
                OPERATOR,
                "app.kubernetes.io/name",
                RELEASE + "-prometheus-operator",
                "app.kubernetes.io/component",
                "prometheus-operator"));
    apply(
        admin,
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(OPERATOR)
            .withNamespace(NAMESPACE)
            .withLabels(operatorLabels)
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(Map.of("app", OPERATOR, "release", RELEASE))
            .endSelector()
            .withNewTemplate()
            .withNewMetadata()
            .withLabels(operatorLabels)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(OPERATOR)
            .addNewContainer()
            .withName(RELEASE)
            .withImage("quay.io/prometheus-operator/prometheus-operator:v0.92.0")
            .withArgs(
                "--localhost=127.0.0.1",
                "--prometheus-config-reloader=quay.io/prometheus-operator/prometheus-config-reloader:v0.92.0",
                "--config-reloader-cpu-request=0",
                "--config-reloader-cpu-limit=0",
                "--config-reloader-memory-request=0",
                "--config-reloader-memory-limit=0",
                "--thanos-default-base-image=quay.io/thanos/thanos:v0.39.2",
                "--secret-field-selector=type!=kubernetes.io/dockercfg,type!=kubernetes.io/service-account-token,"
                    + "type!=helm.sh/release.v1")
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .endPort()
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build());

    Map<String, String> prometheusLabels = helmLabels(Map.of("app", RELEASE + "-prometheus"));
    apply(
        admin,
        new ServiceAccountBuilder()
            .withNewMetadata()
            .withName(PROMETHEUS)
            .withNamespace(NAMESPACE)
            .withLabels(prometheusLabels)
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .build());
    ClusterRoleBuilder prometheusRole =
        new ClusterRoleBuilder()
            .withNewMetadata()
            .withName(PROMETHEUS)
            .withLabels(prometheusLabels)
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .addToRules(
                new PolicyRuleBuilder()
                    .withNonResourceURLs("/metrics", "/metrics/cadvisor")
                    .withVerbs("get")
                    .build());
    if (discoveryEverywhere) {
      prometheusRole
          .addToRules(
              new PolicyRuleBuilder()
                  .withApiGroups("")
                  .withResources("nodes", "nodes/metrics", "services", "endpoints", "pods")
                  .withVerbs("get", "list", "watch")
                  .build())
          .addToRules(
              new PolicyRuleBuilder()
                  .withApiGroups("discovery.k8s.io")
                  .withResources("endpointslices")
                  .withVerbs("get", "list", "watch")
                  .build())
          .addToRules(
              new PolicyRuleBuilder()
                  .withApiGroups("networking.k8s.io")
                  .withResources("ingresses")
                  .withVerbs("get", "list", "watch")
                  .build());
    } else {
      prometheusRole.addToRules(
          new PolicyRuleBuilder()
              .withApiGroups("")
              .withResources("nodes/metrics")
              .withVerbs("get")
              .build());
    }
    apply(admin, prometheusRole.build());
    apply(
        admin,
        new ClusterRoleBindingBuilder()
            .withNewMetadata()
            .withName(PROMETHEUS)
            .withLabels(prometheusLabels)
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .withNewRoleRef()
            .withApiGroup("rbac.authorization.k8s.io")
            .withKind("ClusterRole")
            .withName(PROMETHEUS)
            .endRoleRef()
            .addNewSubject()
            .withKind("ServiceAccount")
            .withName(PROMETHEUS)
            .withNamespace(NAMESPACE)
            .endSubject()
            .build());
    Map<String, Object> byRelease = Map.of("matchLabels", Map.of("release", RELEASE));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("image", "quay.io/prometheus/prometheus:v3.12.0");
    spec.put("version", "v3.12.0");
    spec.put("replicas", 1);
    spec.put("serviceAccountName", PROMETHEUS);
    spec.put("portName", "http-web");
    spec.put("serviceMonitorSelector", byRelease);
    spec.put("serviceMonitorNamespaceSelector", Map.of());
    spec.put("podMonitorSelector", byRelease);
    spec.put("podMonitorNamespaceSelector", Map.of());
    spec.put("probeSelector", byRelease);
    spec.put("probeNamespaceSelector", Map.of());
    spec.put("ruleSelector", byRelease);
    spec.put("ruleNamespaceSelector", Map.of());
    spec.put("scrapeConfigSelector", byRelease);
    spec.put("scrapeConfigNamespaceSelector", Map.of());
    spec.put("retention", "10d");
    spec.put("podMetadata", Map.of("labels", Map.of("app", "prometheus", "release", RELEASE)));
    GenericKubernetesResource prometheus =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("monitoring.coreos.com/v1")
            .withKind("Prometheus")
            .withNewMetadata()
            .withName(PROMETHEUS)
            .withNamespace(NAMESPACE)
            .withLabels(prometheusLabels)
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    apply(admin, prometheus);
    apply(
        admin,
        new ServiceBuilder()
            .withNewMetadata()
            .withName(PROMETHEUS)
            .withNamespace(NAMESPACE)
            .withLabels(helmLabels(Map.of("app", RELEASE + "-prometheus", "self-monitor", "true")))
            .withAnnotations(helmAnnotations())
            .endMetadata()
            .withNewSpec()
            .addNewPort()
            .withName("http-web")
            .withPort(9090)
            .withNewTargetPort(9090)
            .endPort()
            .withSelector(
                Map.of(
                    "app.kubernetes.io/name",
                    "prometheus",
                    "operator.prometheus.io/name",
                    PROMETHEUS))
            .endSpec()
            .build());

    admin
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName(OPERATOR)
        .waitUntilCondition(
            d ->
                d != null
                    && d.getStatus() != null
                    && d.getStatus().getAvailableReplicas() != null
                    && d.getStatus().getAvailableReplicas() >= 1,
            1,
            TimeUnit.MINUTES);
    admin
        .apps()
        .statefulSets()
        .inNamespace(NAMESPACE)
        .withName("prometheus-" + PROMETHEUS)
        .waitUntilCondition(
            s ->
                s != null
                    && s.getStatus() != null
                    && s.getStatus().getReadyReplicas() != null
                    && s.getStatus().getReadyReplicas() >= 1,
            1,
            TimeUnit.MINUTES);
  }

  private static void apply(KubernetesClient admin, HasMetadata r) {
    admin.resource(r).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private static void awaitCrds(KubernetesClient admin) {
    for (String crd :
        List.of(
            "prometheuses",
            "servicemonitors",
            "prometheusrules",
            "podmonitors",
            "probes",
            "scrapeconfigs")) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd + ".monitoring.coreos.com")
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  static Map<String, String> helmLabels(Map<String, String> own) {
    Map<String, String> labels = new LinkedHashMap<>(own == null ? Map.of() : own);
    labels.put("app.kubernetes.io/managed-by", "Helm");
    labels.put("app.kubernetes.io/instance", RELEASE);
    labels.put("app.kubernetes.io/part-of", RELEASE);
    labels.put("release", RELEASE);
    labels.put("heritage", "Helm");
    return labels;
  }

  static Map<String, String> helmAnnotations() {
    return Map.of(
        "meta.helm.sh/release-name", RELEASE, "meta.helm.sh/release-namespace", NAMESPACE);
  }
}
