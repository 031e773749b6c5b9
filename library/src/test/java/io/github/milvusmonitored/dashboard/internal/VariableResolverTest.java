package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VariableResolverTest {

  @Test
  void splits_custom_lists_like_grafana() {
    assertThat(VariableResolver.custom("a, b\\,c , label : value,,")).containsExactly("a", "b,c", "value");
  }

  @Test
  void the_regex_filter_keeps_matches_and_their_first_or_value_group() {
    assertThat(VariableResolver.filter(List.of("my-release-milvus", "other", "x-milvus"), "/(.*)-milvus/"))
        .containsExactly("my-release", "x");
    assertThat(VariableResolver.filter(List.of("A1", "b2"), "/(?<value>[a-z])\\d/i")).containsExactly("A", "b");
    assertThat(VariableResolver.filter(List.of("a", "a", "b"), "")).containsExactly("a", "b");
  }
}
