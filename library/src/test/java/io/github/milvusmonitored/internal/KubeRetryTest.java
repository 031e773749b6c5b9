package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KubeRetryTest {

  @Test
  void overload_server_errors_and_dropped_connections_are_transient_the_rest_is_not() {
    assertThat(KubeRetry.isTransient(new KubernetesClientException("slow down", 429, null)))
        .isTrue();
    assertThat(KubeRetry.isTransient(new KubernetesClientException("unavailable", 503, null)))
        .isTrue();
    assertThat(KubeRetry.isTransient(new KubernetesClientException("boom", 500, null))).isTrue();
    assertThat(
            KubeRetry.isTransient(
                new KubernetesClientException(
                    "reset", new IOException("wrapped", new SocketException("Connection reset")))))
        .isTrue();
    assertThat(
            KubeRetry.isTransient(
                new KubernetesClientException(
                    "Connection was closed",
                    new io.vertx.core.http.HttpClosedException("Connection was closed"))))
        .as("a connection the server closed")
        .isTrue();
    assertThat(KubeRetry.isTransient(new KubernetesClientException("forbidden", 403, null)))
        .isFalse();
    assertThat(KubeRetry.isTransient(new KubernetesClientException("conflict", 409, null)))
        .isFalse();
    assertThat(KubeRetry.isTransient(new KubernetesClientException("no cause"))).isFalse();
  }

  @Test
  void a_transient_failure_is_retried_until_the_call_succeeds() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        KubeRetry.call(
            "get x",
            KubeRetry.Deadline.in(Duration.ofSeconds(10)),
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new KubernetesClientException(
                    "reset", new SocketException("Connection reset"));
              }
              return "ok";
            });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void retries_stop_at_the_deadline_with_the_last_failure() {
    long started = System.nanoTime();

    assertThatThrownBy(
            () ->
                KubeRetry.call(
                    "get x",
                    KubeRetry.Deadline.in(Duration.ofMillis(900)),
                    () -> {
                      throw new KubernetesClientException("etcd leader changed", 503, null);
                    }))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("etcd leader changed");

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took)
        .isGreaterThanOrEqualTo(Duration.ofMillis(850))
        .isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void a_forbidden_call_is_not_retried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                KubeRetry.call(
                    "create x",
                    KubeRetry.Deadline.in(Duration.ofMinutes(5)),
                    () -> {
                      calls.incrementAndGet();
                      throw new KubernetesClientException("forbidden", 403, null);
                    }))
        .isInstanceOf(KubernetesClientException.class);

    assertThat(calls).hasValue(1);
  }
}
