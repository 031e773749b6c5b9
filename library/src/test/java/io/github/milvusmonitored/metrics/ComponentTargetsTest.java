package io.github.milvusmonitored.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.prometheus.FakePrometheusServer;
import io.github.milvusmonitored.prometheus.FakePrometheusServer.Answer;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-component target status of a Milvus release in cluster mode, one target per component. */
class ComponentTargetsTest {

  private static final String POOL = "serviceMonitor/milvus/my-release-milvus/0";
  private static final List<String> CLUSTER =
      List.of("mixcoord", "proxy", "querynode", "datanode", "streamingnode");

  private FakePrometheusServer server;
  private MilvusMetrics milvus;

  @BeforeEach
  void start() throws Exception {
    server = new FakePrometheusServer();
    milvus =
        MilvusMetrics.of(
            PrometheusClient.create(server.uri()), MilvusSelector.of("milvus", "my-release"));
    pools(POOL);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void all_five_components_up() {
    targets(CLUSTER.stream().map(c -> target(c, "up", "")).collect(Collectors.joining(",")));

    ComponentTargets status = milvus.targetStatusByComponent(CLUSTER);

    assertThat(status.isUp()).isTrue();
    assertThat(status.notUp()).isEmpty();
    assertThat(status.byComponent()).containsOnlyKeys(CLUSTER);
    assertThat(status.component("querynode").targets()).hasSize(1);
    assertThat(status.component("querynode").explanation())
        .isEqualTo(
            "Component 'querynode' of Milvus release 'my-release' in namespace 'milvus' is scraped and up.");
  }

  @Test
  void names_the_component_without_a_target_while_the_others_are_up() {
    targets(
        CLUSTER.stream()
            .filter(c -> !c.equals("querynode"))
            .map(c -> target(c, "up", ""))
            .collect(Collectors.joining(",")));

    ComponentTargets status = milvus.targetStatusByComponent(CLUSTER);

    assertThat(milvus.targetStatus().isUp()).as("the release as a whole looks up").isTrue();
    assertThat(status.isUp()).isFalse();
    assertThat(status.notUp()).containsExactly("querynode");
    assertThat(status.component("querynode").state())
        .isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
    assertThat(status.component("querynode").explanation())
        .isEqualTo(
            "Prometheus scrapes components [datanode,"
                + " mixcoord, proxy, streamingnode] of Milvus release 'my-release' in namespace 'milvus' but has no target"
                + " for 'querynode'. Discovery works in the namespace, so the component's Service is missing, has no metrics"
                + " port or no ready endpoint: its pod is not running or not Ready (kubectl -n milvus get pods,svc -l"
                + " component=querynode), or the values turned the component off.");
  }

  @Test
  void reports_a_down_component_with_its_last_error() {
    targets(
        CLUSTER.stream()
            .map(
                c ->
                    c.equals("datanode")
                        ? target(c, "down", "connection refused")
                        : target(c, "up", ""))
            .collect(Collectors.joining(",")));

    ComponentTargets status = milvus.targetStatusByComponent(CLUSTER);

    assertThat(status.notUp()).containsExactly("datanode");
    assertThat(status.component("datanode").state()).isEqualTo(TargetStatus.State.DOWN);
    assertThat(status.summary())
        .contains(
            "datanode: DOWN\n    "
                + POOL
                + " http://10.42.0.9:9091/metrics health=down lastError=\"connection refused\"");
  }

  @Test
  void without_any_target_every_component_shares_the_release_diagnosis() {
    targets("");

    ComponentTargets status = milvus.targetStatusByComponent(CLUSTER);

    assertThat(status.notUp()).containsExactlyElementsOf(CLUSTER);
    assertThat(status.byComponent().values())
        .allSatisfy(
            s -> {
              assertThat(s.state()).isEqualTo(TargetStatus.State.NO_ACTIVE_TARGETS);
              assertThat(s.explanation()).contains("this is the RBAC symptom");
            });
  }

  @Test
  void await_components_up_fails_naming_the_components_that_are_not_up() {
    targets(
        CLUSTER.stream()
            .filter(c -> !c.equals("streamingnode"))
            .map(c -> target(c, "up", ""))
            .collect(Collectors.joining(",")));

    assertThatThrownBy(() -> milvus.awaitComponentsUp(CLUSTER, Duration.ofMillis(500)))
        .isInstanceOf(MilvusNotScrapedException.class)
        .hasMessageStartingWith(
            "Components [streamingnode] of Milvus release 'my-release' in namespace 'milvus'"
                + " were not all up within 0.5 s.\n  mixcoord: UP")
        .hasMessageContaining(
            "\n  streamingnode: NO_ACTIVE_TARGETS: Prometheus scrapes components");
  }

  @Test
  void refuses_a_component_that_was_not_asked_for() {
    targets(target("standalone", "up", ""));

    ComponentTargets status = milvus.targetStatusByComponent(List.of("standalone"));

    assertThat(status.isUp()).isTrue();
    assertThatThrownBy(() -> status.component("proxy"))
        .hasMessage("Component 'proxy' was not asked for; known: [standalone].");
  }

  private void targets(String active) {
    server.on(
        "/api/v1/targets",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"activeTargets\":["
                + active
                + "],\"droppedTargets\":[]}}"));
  }

  private void pools(String... names) {
    server.on(
        "/api/v1/scrape_pools",
        Answer.json(
            200,
            "{\"status\":\"success\",\"data\":{\"scrapePools\":[\""
                + String.join("\",\"", names)
                + "\"]}}"));
  }

  private static String target(String component, String health, String error) {
    return "{\"labels\":{\"namespace\":\"milvus\",\"app_kubernetes_io_instance\":\"my-release\",\"component\":\""
        + component
        + "\"},\"scrapePool\":\""
        + POOL
        + "\",\"scrapeUrl\":\"http://10.42.0.9:9091/metrics\","
        + "\"health\":\""
        + health
        + "\",\"lastError\":\""
        + error
        + "\"}";
  }
}
