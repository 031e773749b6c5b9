package io.github.milvusmonitored.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API server stopped and started again while a start is in its phases: the start must recover
 * (transient errors are retried within each phase's deadline). Runs after the other lab classes.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({LabExtension.class, RestoresLab.class})
class ApiServerRestartIT {

  @Test
  void a_start_survives_the_api_server_restarting_during_its_phases(Lab lab) {
    LabProcess apiServer = lab.apiServer();
    CompletableFuture<Void> restart =
        CompletableFuture.runAsync(
            () -> {
              LabProcess.sleep(Duration.ofSeconds(2));
              apiServer.stop();
              LabProcess.sleep(Duration.ofSeconds(2));
              apiServer.start();
            });
    try (MonitoredEnvironment env =
        MonitoredEnvironments.start(LabConfigs.environment(lab, "fault-apiserver"))) {
      assertThat(env.milvusMetrics().targetStatus().isUp()).isTrue();
    } catch (EnvironmentStartException e) {
      // Not recovered: then it must say what happened and where (the API server, its address).
      assertThat(e.getMessage()).containsAnyOf(LabNetwork.LAB_ADDRESS, "API server", "connect");
      throw e;
    } finally {
      restart.join();
      lab.awaitApiServer();
    }
  }
}
