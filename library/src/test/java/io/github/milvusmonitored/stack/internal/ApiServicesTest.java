package io.github.milvusmonitored.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIServiceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiServicesTest {

  @Test
  void names_the_service_and_why_a_typed_api_service_is_not_available() {
    var apiService =
        new APIServiceBuilder()
            .withNewMetadata()
            .withName("v1beta1.metrics.k8s.io")
            .endMetadata()
            .withNewSpec()
            .withGroup("metrics.k8s.io")
            .withVersion("v1beta1")
            .withNewService()
            .withNamespace("kube-system")
            .withName("metrics-server")
            .withPort(443)
            .endService()
            .endSpec()
            .withNewStatus()
            .addNewCondition()
            .withType("Available")
            .withStatus("False")
            .withReason("ServiceNotFound")
            .endCondition()
            .endStatus()
            .build();

    assertThat(ApiServices.backend(apiService))
        .isEqualTo("by Service kube-system/metrics-server, Available=False (ServiceNotFound)");
  }

  @Test
  void reads_the_generic_form_and_a_local_api_service() {
    var served =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("apiregistration.k8s.io/v1")
            .withKind("APIService")
            .withNewMetadata()
            .withName("v1beta1.metrics.k8s.io")
            .endMetadata()
            .addToAdditionalProperties(
                "spec", Map.of("service", Map.of("namespace", "monitoring", "name", "adapter")))
            .addToAdditionalProperties(
                "status",
                Map.of(
                    "conditions",
                    List.of(Map.of("type", "Available", "status", "True", "reason", "Passed"))))
            .build();
    var local =
        new APIServiceBuilder()
            .withNewMetadata()
            .withName("v1.apps")
            .endMetadata()
            .withNewSpec()
            .withGroup("apps")
            .withVersion("v1")
            .endSpec()
            .build();

    assertThat(ApiServices.backend(served))
        .isEqualTo("by Service monitoring/adapter, Available=True");
    assertThat(ApiServices.backend(local)).isEqualTo("locally");
  }
}
