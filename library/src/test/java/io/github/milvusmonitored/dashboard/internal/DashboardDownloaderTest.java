package io.github.milvusmonitored.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.dashboard.DashboardException;
import io.github.milvusmonitored.testing.MisbehavingHttpServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DashboardDownloaderTest {

  @Test
  void a_server_that_drips_its_body_is_given_up_at_the_deadline_of_the_whole_exchange()
      throws Exception {
    try (MisbehavingHttpServer server = new MisbehavingHttpServer().dripping("/dashboard.json")) {
      long started = System.nanoTime();

      assertThatThrownBy(
              () ->
                  DashboardDownloader.fetch(
                      server.uri().resolve("dashboard.json"),
                      Duration.ofSeconds(2),
                      "URL " + server.uri()))
          .isInstanceOf(DashboardException.class)
          .hasMessageStartingWith(
              "Cannot read the dashboard from URL "
                  + server.uri()
                  + ": no complete answer (headers and body) within ");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void a_body_larger_than_64_mib_is_refused() throws Exception {
    try (MisbehavingHttpServer server =
        new MisbehavingHttpServer().sending("/big.json", (64L << 20) + 1024)) {
      assertThatThrownBy(
              () ->
                  DashboardDownloader.fetch(
                      server.uri().resolve("big.json"),
                      Duration.ofSeconds(30),
                      "URL " + server.uri()))
          .isInstanceOf(DashboardException.class)
          .hasMessageContaining("is larger than 64 MiB");
    }
  }
}
