package io.github.milvusmonitored.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextExpositionTest {

  @Test
  void parses_samples_with_escaped_labels_and_special_values() {
    TextExposition parsed =
        TextExposition.parse(
            "# HELP g a gauge\n# TYPE g gauge\n"
                + "g{a=\"x\\\"y\\\\z\\n\"} NaN\ng{a=\"b\"} +Inf\ng{a=\"c\"} -Inf 1700000000000\ng{a=\"d\",} 1.5e-3\n");
    assertThat(parsed.value("g", Map.of("a", "x\"y\\z\n")))
        .hasValueSatisfying(v -> assertThat(v).isNaN());
    assertThat(parsed.value("g", Map.of("a", "b"))).contains(Double.POSITIVE_INFINITY);
    assertThat(parsed.value("g", Map.of("a", "c"))).contains(Double.NEGATIVE_INFINITY);
    assertThat(parsed.value("g", Map.of("a", "d"))).contains(0.0015);
  }

  @Test
  void refuses_an_invalid_line_naming_it() {
    assertThatThrownBy(() -> TextExposition.parse("# TYPE g gauge\ng{a=b} 1\n"))
        .hasMessageStartingWith("Line 2 is not valid text exposition format");
    assertThatThrownBy(() -> TextExposition.parse("g 1 2 3\n")).hasMessageContaining("Line 1");
    assertThatThrownBy(() -> TextExposition.parse("g one\n")).hasMessageContaining("Line 1");
  }

  @Test
  void refuses_a_type_line_after_the_family_samples() {
    assertThatThrownBy(() -> TextExposition.parse("g 1\n# TYPE g gauge\n"))
        .hasMessageContaining("TYPE line after samples of g");
  }

  @Test
  void refuses_histogram_buckets_that_are_not_cumulative() {
    String histogram =
        "# TYPE h histogram\nh_bucket{le=\"1\"} 3\nh_bucket{le=\"2\"} 2\n"
            + "h_bucket{le=\"+Inf\"} 3\nh_sum 4\nh_count 3\n";
    assertThatThrownBy(() -> TextExposition.parse(histogram)).hasMessageContaining("cumulative");
  }

  @Test
  void refuses_a_histogram_whose_inf_bucket_differs_from_count() {
    String histogram =
        "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 4\nh_count 3\n";
    assertThatThrownBy(() -> TextExposition.parse(histogram))
        .hasMessageContaining("equal to _count");
  }
}
