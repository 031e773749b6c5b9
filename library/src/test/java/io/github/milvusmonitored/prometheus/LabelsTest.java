package io.github.milvusmonitored.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

  private final Labels labels =
      Labels.of(
          Map.of(
              "__name__",
              "milvus_proxy_req_count",
              "status",
              "total",
              "app_kubernetes_io_instance",
              "my-release"));

  @Test
  void a_missing_label_names_the_labels_that_exist() {
    assertThatThrownBy(() -> labels.get("function_name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Label 'function_name' does not exist on series"
                + " milvus_proxy_req_count{app_kubernetes_io_instance=\"my-release\", status=\"total\"}."
                + " Labels present: [__name__, app_kubernetes_io_instance, status].");
    assertThat(labels.find("function_name")).isEmpty();
  }

  @Test
  void prints_like_promql_and_compares_by_value() {
    assertThat(labels.toString())
        .isEqualTo(
            "milvus_proxy_req_count{app_kubernetes_io_instance=\"my-release\", status=\"total\"}");
    assertThat(labels).isEqualTo(Labels.of(Map.copyOf(labels.asMap())));
    assertThat(Labels.empty().toString()).isEqualTo("{}");
  }

  @Test
  void sample_values_parse_and_format_prometheus_special_values() {
    assertThat(SampleValues.parse("NaN")).isNaN();
    assertThat(SampleValues.parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SampleValues.parse("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(SampleValues.parse("0.25")).isEqualTo(0.25);
    assertThat(SampleValues.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(SampleValues.format(3.0)).isEqualTo("3");
    assertThatThrownBy(() -> SampleValues.parse("fast"))
        .hasMessage("Not a Prometheus sample value: 'fast'");
  }
}
