package io.github.milvusmonitored.samples;

import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The assertions of {@link InsertAndSearchSampleIT} against a cluster you already have (kind,
 * minikube, a shared CI cluster) instead of a fresh k3s: runs when {@code E2E_KUBECONFIG} names its
 * kubeconfig, e.g. {@code E2E_KUBECONFIG=$HOME/.kube/config ./mvnw -B verify -Pe2e -pl samples
 * -am}.
 *
 * <p>It uses the library, because an annotation attribute cannot hold a value known only at run
 * time. With the extension, set {@code MILVUS_MONITORED_KUBECONFIG} instead: that moves every
 * {@code @MilvusMonitored} class of the run to the existing cluster (set one of the two, not both
 * to the same cluster: both would install the same Milvus release there). kube-prometheus and
 * Milvus are installed into it and what this run installed is removed at the end; the identity in
 * the kubeconfig needs rights to create CRDs, ClusterRoles and namespaces.
 */
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true", disabledReason = EndToEnd.REASON)
@EnabledIfEnvironmentVariable(
    named = "E2E_KUBECONFIG",
    matches = ".+",
    disabledReason =
        "Set E2E_KUBECONFIG to the kubeconfig of an existing cluster to run this sample against it.")
class ExistingClusterSampleIT {

  private static MonitoredEnvironment env;

  @BeforeAll
  static void startOnTheExistingCluster() {
    env =
        MonitoredEnvironments.start(
            EnvironmentConfig.defaults()
                .withCluster(ClusterChoice.existing(Path.of(System.getenv("E2E_KUBECONFIG"))))
                .withReportDirectory(Path.of("target", "milvus-monitored", "existing-cluster")));
  }

  @AfterAll
  static void removeWhatWasInstalled() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void inserts_and_searches_show_up_in_the_proxy_metrics() {
    String collection = "samples_existing_cluster_" + System.currentTimeMillis();
    MilvusClientV2 client =
        new MilvusClientV2(
            ConnectConfig.builder().uri(env.milvusEndpoint().uri().toString()).build());
    try {
      InsertAndSearchSampleIT.insertAndSearch(client, collection);

      InsertAndSearchSampleIT.assertProxyMetricsMoved(env.milvusMetrics(), collection);
    } finally {
      InsertAndSearchSampleIT.dropIfPresent(client, collection);
      client.close();
    }
  }
}
