package io.github.milvusmonitored.lab;

import static io.github.milvusmonitored.lab.ExistingClusterSafetyIT.MANAGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.metrics.TargetStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two things an existing cluster can hold against a start: the Milvus namespace still Terminating
 * (a finalizer holds it), which is waited for with a progress line, and a user without rights,
 * whose 403 stops the start at once naming the verb and the resource.
 */
@ExtendWith({LabExtension.class, RestoresLab.class})
class ExistingClusterWaitsIT {

  private static final String HOLD = "lab.milvus-monitored/hold";

  @Test
  void waits_for_a_terminating_milvus_namespace_with_a_progress_line(Lab lab) throws Exception {
    KubernetesClient admin = lab.client();
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("milvus").endMetadata().build())
        .create();
    admin
        .configMaps()
        .inNamespace("milvus")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("held")
                .withFinalizers(HOLD)
                .endMetadata()
                .withData(Map.of("k", "v"))
                .build())
        .create();
    ExistingClusterSafetyIT.awaitNamespaceInitialised(admin, "milvus");
    admin.namespaces().withName("milvus").delete();
    RbacSymptomIT.awaitTrue(
        Duration.ofSeconds(30),
        () -> {
          var ns = admin.namespaces().withName("milvus").get();
          return ns != null
              && ns.getStatus() != null
              && "Terminating".equals(ns.getStatus().getPhase());
        });

    try (CapturedLog log = CapturedLog.start()) {
      CompletableFuture<MonitoredEnvironment> starting =
          CompletableFuture.supplyAsync(
              () ->
                  MonitoredEnvironments.start(
                      LabConfigs.environment(lab, "terminating-namespace")));
      try {
        RbacSymptomIT.awaitTrue(
            Duration.ofMinutes(2),
            () ->
                log.text()
                        .contains(
                            "[cluster] namespace milvus is still Terminating (an earlier removal); waiting up to")
                    || starting.isDone());
        assertThat(starting).as("the start waits while the namespace is Terminating").isNotDone();
        LabProcess.sleep(Duration.ofSeconds(3));
        assertThat(starting).isNotDone();
        // What holds it goes: the namespace controller finishes (nudged, as an administrator's edit
        // would).
        admin
            .configMaps()
            .inNamespace("milvus")
            .withName("held")
            .edit(
                c -> {
                  c.getMetadata().setFinalizers(List.of());
                  return c;
                });
        nudge(admin, "milvus");
      } finally {
        try (MonitoredEnvironment env = starting.get(4, TimeUnit.MINUTES)) {
          assertThat(env.milvusMetrics().targetStatus().state()).isEqualTo(TargetStatus.State.UP);
          var ns = admin.namespaces().withName("milvus").get();
          assertThat(ns.getMetadata().getLabels())
              .as("the namespace this run created")
              .containsEntry("app.kubernetes.io/managed-by", "milvus-monitored");
        }
      }
    }
    RbacSymptomIT.awaitTrue(
        Duration.ofMinutes(1),
        () ->
            admin.namespaces().withName("milvus").get() == null
                && admin.namespaces().withName("monitoring").get() == null);
    assertThat(ClusterSnapshot.of(admin, MANAGED).objects())
        .as("objects labelled as milvus-monitored's")
        .isEmpty();
  }

  @Test
  void a_user_without_rights_fails_at_once_naming_the_verb_and_the_resource(
      Lab lab, @TempDir Path dir) throws Exception {
    KubernetesClient admin = lab.client();
    admin
        .serviceAccounts()
        .inNamespace("default")
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("no-rights")
                .endMetadata()
                .build())
        .create();
    String token =
        admin
            .serviceAccounts()
            .inNamespace("default")
            .withName("no-rights")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path kubeconfig = withToken(lab.kubeconfig(), dir.resolve("config"), token);
    ClusterSnapshot before = ClusterSnapshot.of(admin);

    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                MonitoredEnvironments.start(
                        LabConfigs.environment(lab, "no-rights")
                            .withCluster(ClusterChoice.existing(kubeconfig)))
                    .close())
        .isInstanceOf(EnvironmentStartException.class)
        .hasMessageContaining(
            "The cluster forbade 'list' on secrets in namespace 'milvus' (HTTP 403: secrets is"
                + " forbidden: User \"system:serviceaccount:default:no-rights\" cannot list resource \"secrets\"")
        .hasMessageContaining("kubectl auth can-i list secrets -n milvus");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    // The stack deadline is 2 minutes: a 403 is not retried until it.
    assertThat(took).as("time to the refusal").isLessThan(Duration.ofSeconds(30));

    ExistingClusterSafetyIT.assertLeftAsFound(admin, before);
  }

  private static void nudge(KubernetesClient admin, String namespace) {
    admin
        .namespaces()
        .withName(namespace)
        .edit(
            n -> {
              Map<String, String> annotations =
                  new HashMap<>(
                      n.getMetadata().getAnnotations() == null
                          ? Map.of()
                          : n.getMetadata().getAnnotations());
              annotations.put("lab.milvus-monitored/nudged", Long.toString(System.nanoTime()));
              n.getMetadata().setAnnotations(annotations);
              return n;
            });
  }

  /** The lab's kubeconfig with its user's client certificate replaced by {@code token}. */
  @SuppressWarnings("unchecked")
  private static Path withToken(Path labKubeconfig, Path file, String token) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, Object> tree =
        yaml.readValue(
            labKubeconfig.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
    Map<String, Object> user =
        (Map<String, Object>) ((List<Map<String, Object>>) tree.get("users")).get(0);
    user.put("user", Map.of("token", token));
    yaml.writeValue(file.toFile(), tree);
    return file;
  }
}
