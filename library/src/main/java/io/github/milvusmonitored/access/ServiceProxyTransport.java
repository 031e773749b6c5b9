package io.github.milvusmonitored.access;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.github.milvusmonitored.access.internal.NetworkPolicies;
import io.github.milvusmonitored.access.internal.ServiceProxyErrors;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import io.github.milvusmonitored.prometheus.PrometheusResponseTooLargeException;
import io.github.milvusmonitored.prometheus.PrometheusTransport;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reaches an HTTP service inside the cluster through the Kubernetes API server's service proxy.
 *
 * <p>It needs no port-forward and no extra port and works the same on k3s and any existing cluster.
 * Authentication is the fabric8 client's. On single-node k3s kube-prometheus's NetworkPolicies let
 * the API server through; on multi-node or managed clusters with an enforcing network plugin they
 * do not: then every call fails at once with a message naming the policy, instead of waiting for
 * Prometheus to "start". {@link ProxyThenForwardTransport} falls back to a port-forward by itself.
 * A call's timeout covers the headers and the body; the body is read up to {@link #MAX_BODY_BYTES}.
 *
 * <pre>{@code
 * PrometheusClient prometheus = ServiceProxyTransport.prometheus(kubernetesClient);
 * }</pre>
 */
public final class ServiceProxyTransport implements PrometheusTransport {

  private final KubernetesClient client;
  private final String namespace;
  private final String service;
  private final String port;
  private final HttpClient http;
  private final URI base;

  private ServiceProxyTransport(
      KubernetesClient client, String namespace, String service, String port) {
    this.client = client;
    this.namespace = namespace;
    this.service = service;
    this.port = port;
    // fabric8 retries 5xx answers with backoff on its own; the Prometheus client has its own
    // deadlines and start-up handling, so this derived client sends each request once.
    this.http =
        client
            .getHttpClient()
            .newBuilder()
            .tag(
                new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build();
    String master = client.getMasterUrl().toString();
    this.base =
        URI.create(
            (master.endsWith("/") ? master : master + "/")
                + "api/v1/namespaces/"
                + namespace
                + "/services/"
                + service
                + ":"
                + port
                + "/proxy/");
  }

  /** A transport to {@code service}'s port named {@code port} in {@code namespace}. */
  public static ServiceProxyTransport of(
      KubernetesClient client, String namespace, String service, String port) {
    return new ServiceProxyTransport(client, namespace, service, port);
  }

  /**
   * A client for kube-prometheus's Prometheus ({@code monitoring/prometheus-k8s}, port {@code
   * web}).
   */
  public static PrometheusClient prometheus(KubernetesClient client) {
    return PrometheusClient.builder(of(client, "monitoring", "prometheus-k8s", "web")).build();
  }

  @Override
  public PrometheusResponse get(String path, QueryParameters query, Duration timeout)
      throws IOException, InterruptedException {
    String q = query.encoded();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(base.resolve(q.isEmpty() ? path : path + "?" + q))
            .header("Accept", "application/json")
            .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    URI uri = base.resolve(q.isEmpty() ? path : path + "?" + q);
    // fabric8's own retries and timeouts may exceed ours: the deadline here is the caller's, over
    // the
    // headers and the body, and the body is read up to MAX_BODY_BYTES.
    long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.MILLISECONDS.toNanos(500);
    CappedChunks body = new CappedChunks(MAX_BODY_BYTES);
    CompletableFuture<HttpResponse<AsyncBody>> exchange = http.consumeBytes(request, body);
    HttpResponse<AsyncBody> response = null;
    try {
      response = exchange.get(remaining(deadline), TimeUnit.NANOSECONDS);
      response.body().consume();
      response.body().done().get(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      if (response != null) {
        response.body().cancel();
      }
      // A policy that drops packets makes the API server's dial wait 30 s, longer than most callers
      // do.
      List<NetworkPolicies.Restriction> policies =
          NetworkPolicies.restricting(client, namespace, service);
      if (!policies.isEmpty()) {
        throw new ServiceProxyUnreachableException(
            ServiceProxyErrors.noAnswer(target(), timeout, policies));
      }
      throw new HttpTimeoutException(
          "no complete answer (headers and body) from "
              + base
              + path
              + " within "
              + MonitoredDuration.humanText(timeout));
    } catch (InterruptedException e) {
      exchange.cancel(true);
      if (response != null) {
        response.body().cancel();
      }
      throw e;
    } catch (CancellationException | ExecutionException e) {
      if (body.tooLarge()) {
        throw new PrometheusResponseTooLargeException(uri, MAX_BODY_BYTES);
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause);
    }
    if (body.tooLarge()) {
      throw new PrometheusResponseTooLargeException(uri, MAX_BODY_BYTES);
    }
    String contentType = response.header("Content-Type");
    String text = body.text();
    if (KubernetesStatus.isUnreachableEndpoints(response.code(), contentType, text)) {
      // The endpoints exist but the API server cannot connect to them: waiting does not help.
      throw new ServiceProxyUnreachableException(
          ServiceProxyErrors.endpointsUnreachable(
              target(),
              KubernetesStatus.rawMessage(text),
              NetworkPolicies.restricting(client, namespace, service)));
    }
    return KubernetesStatus.isProxyFailure(response.code(), contentType, text)
        // The API server answers for a Prometheus that has no ready endpoint yet: that is
        // "starting".
        ? new PrometheusResponse(503, "text/plain", KubernetesStatus.message(text))
        : new PrometheusResponse(response.code(), contentType, text);
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  /** Collects an answer's chunks up to a limit; past it, cancels the body and remembers why. */
  private static final class CappedChunks implements AsyncBody.Consumer<List<ByteBuffer>> {

    private final long limitBytes;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private volatile boolean tooLarge;

    CappedChunks(long limitBytes) {
      this.limitBytes = limitBytes;
    }

    @Override
    public synchronized void consume(List<ByteBuffer> buffers, AsyncBody body) {
      for (ByteBuffer buffer : buffers) {
        if (out.size() + (long) buffer.remaining() > limitBytes) {
          tooLarge = true;
          body.cancel();
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
      body.consume();
    }

    boolean tooLarge() {
      return tooLarge;
    }

    synchronized String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public URI baseUri() {
    return base;
  }

  private String target() {
    return namespace + "/svc/" + service + ":" + port;
  }
}
