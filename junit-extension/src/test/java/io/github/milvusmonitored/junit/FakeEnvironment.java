package io.github.milvusmonitored.junit;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.MilvusEndpoint;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.TimingReport;
import io.github.milvusmonitored.metrics.MilvusMetrics;
import io.github.milvusmonitored.metrics.MilvusSelector;
import io.github.milvusmonitored.prometheus.PrometheusClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A monitored environment made of a real Prometheus scraping the Milvus test exporter, fabric8's
 * mock API server in CRUD mode holding the Milvus pod, and a fake Milvus gRPC server.
 */
final class FakeEnvironment implements MonitoredEnvironment {

  private final EnvironmentConfig config;
  private final KubernetesMockServer apiServer;
  private final KubernetesClient kubernetes;
  private final FakeMilvusServer milvus;
  private final PrometheusClient prometheus;
  private final MilvusMetrics metrics;
  private final AtomicInteger closes = new AtomicInteger();
  private final AtomicInteger diagnostics = new AtomicInteger();

  FakeEnvironment(EnvironmentConfig config) {
    this.config = config;
    this.apiServer =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    apiServer.init();
    this.kubernetes = apiServer.createClient();
    kubernetes
        .pods()
        .inNamespace(config.milvus().namespace())
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("my-release-milvus-standalone-6b9f7c8d5f-x2x7q")
                .addToLabels("app.kubernetes.io/instance", config.milvus().releaseName())
                .endMetadata()
                .build())
        .create();
    this.milvus = new FakeMilvusServer();
    this.prometheus = PrometheusClient.create(SharedPrometheus.get().prometheus().baseUri());
    this.metrics =
        MilvusMetrics.of(
            prometheus,
            MilvusSelector.of(config.milvus().namespace(), config.milvus().releaseName()));
  }

  @Override
  public EnvironmentConfig config() {
    return config;
  }

  @Override
  public KubernetesClient kubernetesClient() {
    return kubernetes;
  }

  @Override
  public Path kubeconfigFile() {
    return Path.of("kubeconfig-of-the-mock-server");
  }

  @Override
  public PrometheusClient prometheus() {
    return prometheus;
  }

  @Override
  public MilvusMetrics milvusMetrics() {
    return metrics;
  }

  @Override
  public MilvusEndpoint milvusEndpoint() {
    return new MilvusEndpoint("127.0.0.1", milvus.port());
  }

  @Override
  public URI prometheusUiUrl() {
    return prometheus.baseUri();
  }

  @Override
  public Optional<URI> grafanaUrl() {
    return Optional.empty();
  }

  @Override
  public io.github.milvusmonitored.stack.AppliedRules applyRules(java.nio.file.Path ruleFile) {
    throw new UnsupportedOperationException("The extension's tests apply no rules");
  }

  @Override
  public TimingReport timingReport() {
    return new TimingReport(List.of());
  }

  @Override
  public Path writeDiagnostics(Path folder) {
    diagnostics.incrementAndGet();
    String pods =
        kubernetes.pods().inAnyNamespace().list().getItems().stream()
            .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
            .collect(Collectors.joining("\n"));
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("pods.txt"), pods + "\n");
      Files.writeString(folder.resolve("targets.txt"), prometheus.targets().toString() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  @Override
  public void close() {
    if (closes.getAndIncrement() == 0) {
      kubernetes.close();
      apiServer.destroy();
      milvus.close();
    }
  }

  int closes() {
    return closes.get();
  }

  int diagnosticsWritten() {
    return diagnostics.get();
  }

  int milvusConnects() {
    return milvus.connects();
  }
}
