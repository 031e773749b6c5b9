package io.github.milvusmonitored.images.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class OperatorImagesTest {

  private static final KubernetesSerialization YAML = new KubernetesSerialization();

  private static HasMetadata parse(String yaml) {
    return YAML.unmarshal(yaml);
  }

  @Test
  void server_image_comes_from_the_version_when_no_image_is_given() {
    HasMetadata prometheus =
        parse(
            """
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: k8s, namespace: monitoring}
        spec: {version: 3.11.0}
        """);
    HasMetadata alertmanager =
        parse(
            """
        apiVersion: monitoring.coreos.com/v1
        kind: Alertmanager
        metadata: {name: main, namespace: monitoring}
        spec: {version: v0.33.0}
        """);
    HasMetadata unversioned =
        parse(
            """
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: bare}
        spec: {}
        """);

    assertThat(OperatorImages.serverImage(prometheus))
        .contains("quay.io/prometheus/prometheus:v3.11.0");
    assertThat(OperatorImages.serverImage(alertmanager))
        .contains("quay.io/prometheus/alertmanager:v0.33.0");
    assertThat(OperatorImages.serverImage(unversioned)).isEmpty();
    assertThat(OperatorImages.isOperated(prometheus)).isTrue();
  }

  @Test
  void config_reloader_falls_back_to_the_operator_version_without_the_flag() {
    HasMetadata operator =
        parse(
            """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: prometheus-operator, namespace: monitoring}
        spec:
          selector: {matchLabels: {app: op}}
          template:
            metadata: {labels: {app: op}}
            spec:
              containers:
              - name: prometheus-operator
                image: quay.io/prometheus-operator/prometheus-operator:v0.91.0
                args: [--kubelet-service=kube-system/kubelet]
              - name: kube-rbac-proxy
                image: quay.io/brancz/kube-rbac-proxy:v0.20.0
        """);
    HasMetadata other =
        parse(
            """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: grafana}
        spec:
          selector: {matchLabels: {app: g}}
          template:
            metadata: {labels: {app: g}}
            spec:
              containers:
              - {name: grafana, image: grafana/grafana:13.0.2, args: ["--prometheus-config-reloader=x:1"]}
        """);

    assertThat(OperatorImages.configReloader(operator))
        .contains("quay.io/prometheus-operator/prometheus-config-reloader:v0.91.0");
    assertThat(OperatorImages.configReloader(other)).isEmpty();
  }
}
