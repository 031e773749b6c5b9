package io.github.milvusmonitored.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.metrics.RequestCause;
import io.github.milvusmonitored.metrics.RequestStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutcomeSchemeTest {

  @Test
  void names_outcomes_as_the_metrics_package_does_and_in_its_order() {
    assertThat(Arrays.stream(OutcomeScheme.Status.values()).map(Enum::name))
        .containsExactlyElementsOf(Arrays.stream(RequestStatus.values()).map(Enum::name).toList());
    assertThat(Arrays.stream(OutcomeScheme.Cause.values()).map(Enum::name))
        .containsExactlyElementsOf(Arrays.stream(RequestCause.values()).map(Enum::name).toList());
  }

  @Test
  void reads_how_each_release_writes_a_failure_of_the_user() {
    OutcomeScheme.Outcome userFailure =
        new OutcomeScheme.Outcome(
            OutcomeScheme.Status.FAIL, java.util.Optional.of(OutcomeScheme.Cause.USER));

    assertThat(
            OutcomeScheme.of(MetricCatalogue.of(MilvusVersion.parse("2.6.15"))).write(userFailure))
        .isEqualTo(new OutcomeScheme.Written("fail", ""));
    assertThat(
            OutcomeScheme.of(MetricCatalogue.of(MilvusVersion.parse("2.6.19"))).write(userFailure))
        .isEqualTo(new OutcomeScheme.Written("fail_input", ""));
    assertThat(
            OutcomeScheme.of(MetricCatalogue.of(MilvusVersion.parse("2.6.20"))).write(userFailure))
        .isEqualTo(new OutcomeScheme.Written("fail", "user"));
  }
}
