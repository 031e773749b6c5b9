package io.github.milvusmonitored.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PanelAuditTest {

  private static final DashboardPanel PANEL =
      new DashboardPanel(
          "Row",
          "Panel",
          "timeseries",
          "",
          0,
          List.of(new PanelQuery("A", "up", "", "", 1, false)));

  private static QueryAudit query(QueryState state, String... unknown) {
    return new QueryAudit(
        PANEL.queries().get(0),
        "up",
        Duration.ofSeconds(15),
        state,
        List.of(unknown),
        List.of(),
        "",
        0,
        List.of());
  }

  @Test
  void a_panel_shows_data_when_any_query_does_else_takes_the_worst_state() {
    assertThat(
            new PanelAudit(PANEL, List.of(query(QueryState.ERROR), query(QueryState.DATA))).state())
        .isEqualTo(QueryState.DATA);
    assertThat(
            new PanelAudit(
                    PANEL,
                    List.of(query(QueryState.NO_DATA), query(QueryState.UNKNOWN_METRIC, "m")))
                .state())
        .isEqualTo(QueryState.UNKNOWN_METRIC);
    assertThat(
            new PanelAudit(
                    PANEL, List.of(query(QueryState.ERROR), query(QueryState.UNKNOWN_METRIC, "m")))
                .state())
        .isEqualTo(QueryState.ERROR);
    assertThat(
            new PanelAudit(
                    PANEL,
                    List.of(query(QueryState.NO_DATA, "a"), query(QueryState.NO_DATA, "a", "b")))
                .unknownMetrics())
        .containsExactly("a", "b");
    assertThat(PANEL.path()).isEqualTo("Row / Panel");
  }
}
