package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.dashboard.ResolvedVariable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateInterpolatorTest {

  private static ResolvedVariable v(String name, String... values) {
    return new ResolvedVariable(name, "query", List.of(values), List.of(values), false, false, "");
  }

  private final TemplateInterpolator interpolator =
      new TemplateInterpolator(
          Map.of(
              "ns",
              v("ns", "milvus"),
              "pod",
              v("pod", "a.b", "c"),
              "one",
              v("one", "x|y"),
              "none",
              v("none")),
          Map.of("ns", false, "pod", true, "one", true, "none", true));

  @Test
  void replaces_every_syntax() {
    assertThat(
            interpolator.interpolate(
                "m{namespace=\"$ns\"} + m{namespace=\"${ns}\"} + m{namespace=\"[[ns]]\"}"))
        .isEqualTo("m{namespace=\"milvus\"} + m{namespace=\"milvus\"} + m{namespace=\"milvus\"}");
  }

  @Test
  void formats_multi_values_as_a_promql_regex_like_grafana() {
    assertThat(interpolator.interpolate("m{pod=~\"$pod\"}")).isEqualTo("m{pod=~\"(a\\\\.b|c)\"}");
    assertThat(interpolator.interpolate("m{p=~\"$one\"}")).isEqualTo("m{p=~\"x\\\\|y\"}");
    assertThat(interpolator.interpolate("m{pod=~\"${pod:regex}\"}"))
        .isEqualTo("m{pod=~\"(a\\.b|c)\"}");
    assertThat(interpolator.interpolate("${pod:pipe} ${pod:csv} [[pod:raw]]"))
        .isEqualTo("a.b|c a.b,c a.b,c");
    assertThat(interpolator.interpolate("m{p=~\"$none\"}")).isEqualTo("m{p=~\"()\"}");
  }

  @Test
  void leaves_unknown_variables_and_lists_the_referenced_names() {
    assertThat(interpolator.interpolate("m[$__rate_interval] + $nope"))
        .isEqualTo("m[$__rate_interval] + $nope");
    assertThat(
            TemplateInterpolator.referencedNames(
                "rate(m{a=\"$ns\",b=~\"${pod:regex}\"}[[[iv]]]) + $ns"))
        .containsExactly("ns", "pod", "iv");
  }
}
