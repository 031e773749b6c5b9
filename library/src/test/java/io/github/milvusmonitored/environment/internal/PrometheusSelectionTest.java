package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusSelectionTest {

  private static final Map<String, String> NAMESPACE =
      Map.of("kubernetes.io/metadata.name", "milvus");
  private static final Map<String, String> MONITOR =
      Map.of("app.kubernetes.io/name", "milvus", "component", "standalone");

  private static List<String> problems(Map<String, Object> spec) {
    return PrometheusSelection.problems(spec, "monitoring", "milvus", NAMESPACE, MONITOR);
  }

  @Test
  void kube_prometheus_defaults_select_every_service_monitor_everywhere() {
    assertThat(
            problems(
                Map.of(
                    "serviceMonitorSelector",
                    Map.of(),
                    "serviceMonitorNamespaceSelector",
                    Map.of())))
        .isEmpty();
  }

  @Test
  void an_unset_namespace_selector_means_the_prometheus_namespace_only() {
    assertThat(problems(Map.of("serviceMonitorSelector", Map.of())))
        .containsExactly(
            "serviceMonitorNamespaceSelector is unset, so only ServiceMonitors in 'monitoring' are selected, not in 'milvus'");
  }

  @Test
  void an_unset_service_monitor_selector_selects_nothing() {
    assertThat(problems(Map.of("serviceMonitorNamespaceSelector", Map.of())))
        .containsExactly("serviceMonitorSelector is unset, so no ServiceMonitor is selected");
  }

  @Test
  void a_release_label_selector_as_kube_prometheus_stack_sets_it_misses_the_milvus_monitor() {
    assertThat(
            problems(
                Map.of(
                    "serviceMonitorNamespaceSelector",
                    Map.of(),
                    "serviceMonitorSelector",
                    Map.of("matchLabels", Map.of("release", "kps")))))
        .containsExactly(
            "serviceMonitorSelector {matchLabels={release=kps}} does not match the ServiceMonitor's labels "
                + MONITOR);
  }

  @Test
  void match_expressions_are_understood() {
    assertThat(
            PrometheusSelection.matches(
                Map.of(
                    "matchExpressions",
                    List.of(
                        Map.of(
                            "key",
                            "component",
                            "operator",
                            "In",
                            "values",
                            List.of("standalone", "proxy")),
                        Map.of("key", "team", "operator", "DoesNotExist"),
                        Map.of("key", "app.kubernetes.io/name", "operator", "Exists"),
                        Map.of("key", "tier", "operator", "NotIn", "values", List.of("gold")))),
                MONITOR))
        .isTrue();
    assertThat(
            PrometheusSelection.matches(
                Map.of(
                    "matchExpressions",
                    List.of(
                        Map.of(
                            "key",
                            "component",
                            "operator",
                            "NotIn",
                            "values",
                            List.of("standalone")))),
                MONITOR))
        .isFalse();
    assertThat(
            PrometheusSelection.matches(
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "other")), NAMESPACE))
        .isFalse();
  }
}
