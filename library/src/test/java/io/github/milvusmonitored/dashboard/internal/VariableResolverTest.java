package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.dashboard.DashboardVariable;
import io.github.milvusmonitored.dashboard.ResolvedVariable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableResolverTest {

  private final LabelValuesTransport prometheus = new LabelValuesTransport();

  @Test
  void splits_custom_lists_like_grafana() {
    assertThat(VariableResolver.custom("a, b\\,c , label : value,,"))
        .containsExactly("a", "b,c", "value");
  }

  @Test
  void the_regex_filter_keeps_matches_and_their_first_or_value_group() {
    assertThat(
            VariableResolver.filter(
                List.of("my-release-milvus", "other", "x-milvus"), "/(.*)-milvus/"))
        .containsExactly("my-release", "x");
    assertThat(VariableResolver.filter(List.of("A1", "b2"), "/(?<value>[a-z])\\d/i"))
        .containsExactly("A", "b");
    assertThat(VariableResolver.filter(List.of("a", "a", "b"), "")).containsExactly("a", "b");
  }

  @Test
  void resolves_a_variable_after_the_ones_its_query_uses_whatever_the_list_order() {
    // Milvus 2.3's dashboard lists app_name after the variables whose queries use it
    prometheus
        .answer("collection_name", "m{app=\"milvus\"}", "books")
        .answer("pod", "m{app=\"milvus\"}", "standalone-0")
        .answer("node_id", "m{app=\"milvus\"}", "1");
    List<ResolvedVariable> resolved =
        resolve(
            query("collection", "label_values(m{app=\"$app_name\"}, collection_name)"),
            query("pod", "label_values(m{app=\"${app_name}\"}, pod)"),
            query("node", "label_values(m{app=\"[[app_name]]\"}, node_id)"),
            textbox("app_name", "milvus"));

    assertThat(resolved)
        .extracting(ResolvedVariable::name)
        .as("the dashboard's order")
        .containsExactly("collection", "pod", "node", "app_name");
    assertThat(resolved)
        .extracting(v -> v.values().get(0))
        .containsExactly("books", "standalone-0", "1", "milvus");
    assertThat(resolved).allSatisfy(v -> assertThat(v.problem()).isEmpty());
    assertThat(prometheus.asked()).noneMatch(q -> q.contains("$") || q.contains("[["));
  }

  @Test
  void a_formatted_reference_waits_for_its_variable_too() {
    prometheus.answer("collection_name", "m{app=~\"milvus\"}", "books");

    List<ResolvedVariable> resolved =
        resolve(
            query("collection", "label_values(m{app=~\"${app_name:regex}\"}, collection_name)"),
            textbox("app_name", "milvus"));

    assertThat(resolved.get(0).values()).containsExactly("books");
  }

  @Test
  void names_the_variables_of_a_cycle_and_resolves_the_others() {
    prometheus.answer("pod", "m{app=\"milvus\"}", "standalone-0");

    List<ResolvedVariable> resolved =
        resolve(
            query("a", "label_values(m{x=\"$b\"}, a)"),
            query("b", "label_values(m{x=\"$a\"}, b)"),
            query("c", "label_values(m{x=\"$a\"}, c)"),
            query("pod", "label_values(m{app=\"$app_name\"}, pod)"),
            textbox("app_name", "milvus"));

    assertThat(resolved)
        .extracting(ResolvedVariable::name, ResolvedVariable::values, ResolvedVariable::problem)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "a",
                List.of(),
                "its definition refers to variables in a cycle,"
                    + " $a -> $b -> $a, so no order resolves it and it was not evaluated. Remove one of these references"
                    + " from the dashboard's variables."),
            org.assertj.core.groups.Tuple.tuple(
                "b",
                List.of(),
                "its definition refers to variables in a cycle,"
                    + " $b -> $a -> $b, so no order resolves it and it was not evaluated. Remove one of these references"
                    + " from the dashboard's variables."),
            org.assertj.core.groups.Tuple.tuple(
                "c",
                List.of(),
                "its definition refers to variables in a cycle,"
                    + " $c -> $a -> $b -> $a, so no order resolves it and it was not evaluated. Remove one of these"
                    + " references from the dashboard's variables."),
            org.assertj.core.groups.Tuple.tuple("pod", List.of("standalone-0"), ""),
            org.assertj.core.groups.Tuple.tuple("app_name", List.of("milvus"), ""));
    assertThat(prometheus.asked()).containsExactly("pod m{app=\"milvus\"}");
  }

  @Test
  void a_reference_to_an_undefined_variable_stays_as_written_and_is_reported() {
    prometheus.answer("collection_name", "m{cluster=\"$cluster\"}", "books");

    ResolvedVariable collection =
        resolve(query("collection", "label_values(m{cluster=\"$cluster\"}, collection_name)"))
            .get(0);

    assertThat(prometheus.asked()).containsExactly("collection_name m{cluster=\"$cluster\"}");
    assertThat(collection.values()).containsExactly("books");
    assertThat(collection.problem())
        .isEqualTo(
            "its definition refers to $cluster, which is not a variable of this"
                + " dashboard, so it stays as written (Grafana leaves it too)");
  }

  @Test
  void an_all_variable_whose_query_finds_nothing_keeps_all_and_inserts_its_custom_all_value() {
    ResolvedVariable db = resolve(all("db", "label_values(m, db_name)", ".*")).get(0);

    assertThat(db.all()).isTrue();
    assertThat(db.values()).containsExactly(".*");
    assertThat(db.problem())
        .isEqualTo(
            "its query label_values(m, db_name) returned no value; \"All\" stays selected"
                + " and inserts its custom all value .*");
  }

  @Test
  void
      an_all_variable_without_a_custom_all_value_whose_query_finds_nothing_inserts_the_empty_group_like_grafana() {
    VariableResolver resolver =
        new VariableResolver(prometheus.client(), Map.of(), Map.of(), Instant.EPOCH);
    ResolvedVariable db =
        resolver.resolveAll(List.of(all("db", "label_values(m, db_name)", ""))).get(0);

    assertThat(db.all()).isTrue();
    assertThat(db.values()).isEmpty();
    assertThat(db.problem())
        .isEqualTo(
            "its query label_values(m, db_name) returned no value; \"All\" stays selected"
                + " and, without a custom all value, inserts the empty group (), which matches only series without the label");
    assertThat(resolver.interpolator().interpolate("m{db_name=~\"$db\"}"))
        .isEqualTo("m{db_name=~\"()\"}");
  }

  @Test
  void an_all_value_in_an_exact_matcher_is_sent_as_grafana_sends_it_and_explained() {
    // Milvus 2.6's dashboard: $collection's query selects db_name="$db"; "All" of $db is .*
    prometheus
        .answer("db_name", "m", "default")
        .answer("collection_name", "m{db_name=~\".*\"}", "books");

    List<ResolvedVariable> resolved =
        resolve(
            all("db", "label_values(m, db_name)", ".*"),
            all("collection", "label_values(m{db_name=\"$db\"}, collection_name)", ""),
            all("regex_collection", "label_values(m{db_name=~\"$db\"}, collection_name)", ""));

    assertThat(prometheus.asked()).contains("collection_name m{db_name=\".*\"}");
    assertThat(resolved.get(1).values()).isEmpty();
    assertThat(resolved.get(1).problem())
        .isEqualTo(
            "its query label_values(m{db_name=\".*\"}, collection_name)"
                + " returned no value; \"All\" stays selected and, without a custom all value, inserts the empty group (),"
                + " which matches only series without the label. $db is \"All\" with custom all value .*, a regex, but"
                + " stands in the exact matcher db_name=\"$db\", which compares it as plain text: Grafana sends the same"
                + " and finds nothing either. Use db_name=~\"$db\".");
    assertThat(resolved.get(2).values()).containsExactly("books");
  }

  private List<ResolvedVariable> resolve(DashboardVariable... variables) {
    return new VariableResolver(prometheus.client(), Map.of(), Map.of(), Instant.EPOCH)
        .resolveAll(List.of(variables));
  }

  private static DashboardVariable query(String name, String query) {
    return new DashboardVariable(name, "query", query, "", false, false, "", List.of());
  }

  private static DashboardVariable all(String name, String query, String allValue) {
    return new DashboardVariable(name, "query", query, "", true, true, allValue, List.of("$__all"));
  }

  private static DashboardVariable textbox(String name, String value) {
    return new DashboardVariable(name, "textbox", value, "", false, false, "", List.of(value));
  }
}
