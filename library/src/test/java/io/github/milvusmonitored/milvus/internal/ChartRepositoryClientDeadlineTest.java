package io.github.milvusmonitored.milvus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.milvus.MilvusReleaseException;
import io.github.milvusmonitored.testing.MisbehavingHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRepositoryClientDeadlineTest {

  @Test
  void a_repository_that_drips_its_index_is_given_up_at_the_deadline_of_the_whole_exchange(
      @TempDir Path charts) throws Exception {
    try (MisbehavingHttpServer server = new MisbehavingHttpServer().dripping("/index.yaml")) {
      long started = System.nanoTime();

      assertThatThrownBy(
              () ->
                  new ChartRepositoryClient(Duration.ofSeconds(2), Duration.ofSeconds(2))
                      .fetch(server.uri().toString(), "milvus", "5.0.19", charts))
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageContaining(
              "no complete answer (headers and body) from " + server.uri() + "index.yaml within");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
