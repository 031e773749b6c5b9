package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Prometheus pod of the operator's StatefulSet, run as the real programs:
 * prometheus-config-reloader turns the configuration the operator generates into its Secret (synced
 * to disk every second, as a kubelet syncs a secret volume) into the file Prometheus reads and
 * reloads it; Prometheus listens on the pod's address and discovers targets with the pod's
 * ServiceAccount token, so the cluster's RBAC applies to it. The rule files the operator generates
 * from PrometheusRules (ConfigMaps mounted under {@code /etc/prometheus/rules/}) are synced into
 * the pod's folder the same way, and Prometheus evaluates them.
 */
final class PrometheusPod implements PodRunner {

  private static final Logger LOG = LoggerFactory.getLogger(PrometheusPod.class);
  private static final Duration START = Duration.ofSeconds(60);

  private final String address;
  private final LabProcess reloader;
  private final LabProcess prometheus;
  private final ScheduledExecutorService sync;

  private PrometheusPod(
      String address, LabProcess reloader, LabProcess prometheus, ScheduledExecutorService sync) {
    this.address = address;
    this.reloader = reloader;
    this.prometheus = prometheus;
    this.sync = sync;
  }

  static boolean serves(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null
        && "prometheus".equals(labels.get("app.kubernetes.io/name"))
        && labels.containsKey("operator.prometheus.io/name");
  }

  static PrometheusPod start(
      KubernetesClient client,
      Pod pod,
      LabPrograms programs,
      LabNetwork network,
      LabPki pki,
      Path dir)
      throws IOException {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    String address = pod.getStatus().getPodIP();
    String secret =
        pod.getSpec().getVolumes().stream()
            .filter(v -> "config".equals(v.getName()))
            .map(Volume::getSecret)
            .filter(s -> s != null)
            .map(s -> s.getSecretName())
            .findFirst()
            .orElseThrow(
                () ->
                    new LabException(
                        "Pod "
                            + namespace
                            + "/"
                            + name
                            + " has no 'config' secret volume;"
                            + " the operator's StatefulSet changed shape"));
    Path config = Files.createDirectories(dir.resolve("config")).resolve("prometheus.yaml.gz");
    Path out = Files.createDirectories(dir.resolve("config_out")).resolve("prometheus.env.yaml");
    PrometheusRuleFiles rules = PrometheusRuleFiles.of(pod, dir.resolve("rules"));
    ScheduledExecutorService sync =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lab-secret-sync-" + name);
              t.setDaemon(true);
              return t;
            });
    LabProcess reloader = null;
    LabProcess prometheus = null;
    try {
      Runnable copy =
          () -> {
            try {
              rules.sync(client);
            } catch (RuntimeException e) {
              // An exception would end the scheduled copy for good; the next second tries again.
              LOG.debug(
                  "lab: cannot sync the rule files of {}/{} yet: {}",
                  namespace,
                  name,
                  e.toString());
            }
            syncSecret(client, namespace, secret, config, rules);
          };
      copy.run();
      sync.scheduleWithFixedDelay(copy, 1, 1, TimeUnit.SECONDS);

      PodIdentity identity = PodIdentity.issue(client, pod, pki, dir.resolve("serviceaccount"));
      Map<String, String> env = Map.of("POD_NAME", name, "SHARD", "0");
      // On the pod's address and its reloader-web port, as in the pod: the replicas share the lab's
      // network
      // namespace, so a fixed loopback port would let only the first of them start.
      reloader =
          LabProcess.start(
              name + "-config-reloader",
              network.command(
                  LabProcess.concat(
                      List.of(
                          programs.path("prometheus-config-reloader").toString(),
                          "--listen-address=" + address + ":8080",
                          "--reload-url=http://" + address + ":9090/-/reload",
                          "--config-file=" + config,
                          "--config-envsubst-file=" + out,
                          // A kubelet swaps a secret volume's ..data symlink; the lab replaces the
                          // file, and the reloader's file
                          // watch missed such updates in the lab: it also compares the file every
                          // second.
                          "--watch-interval=1s"),
                      rules.watchedDirArguments())),
              env,
              dir);
      reloader.awaitReady("the configuration written to " + out, START, () -> Files.exists(out));

      Map<String, String> promEnv = new java.util.HashMap<>(PodIdentity.environment());
      promEnv.putAll(env);
      prometheus =
          LabProcess.start(
              name + "-prometheus",
              network.command(
                  identity.wrap(
                      List.of(
                          programs.path("prometheus").toString(),
                          "--config.file=" + out,
                          "--storage.tsdb.path=" + dir.resolve("data"),
                          "--storage.tsdb.retention.time=1h",
                          "--web.listen-address=" + address + ":9090",
                          "--web.enable-lifecycle",
                          "--web.route-prefix=/",
                          "--log.level=info"))),
              promEnv,
              dir);
      PrometheusPod started = new PrometheusPod(address, reloader, prometheus, sync);
      started.awaitReady();
      LOG.info(
          "lab: Prometheus {} of pod {}/{} ready on {}:9090 (configuration from Secret {})",
          programs.versions().get("prometheus"),
          namespace,
          name,
          address,
          secret);
      return started;
    } catch (RuntimeException e) {
      // Nothing of a pod that could not be served keeps running.
      sync.shutdownNow();
      if (prometheus != null) {
        prometheus.stop();
      }
      if (reloader != null) {
        reloader.stop();
      }
      throw e;
    }
  }

  /** Waits until /-/ready answers 200 (after a start or a restart). */
  void awaitReady() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    prometheus.awaitReady(
        "/-/ready answering 200",
        START,
        () -> {
          try {
            return http.send(
                        HttpRequest.newBuilder(URI.create("http://" + address + ":9090/-/ready"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                        HttpResponse.BodyHandlers.discarding())
                    .statusCode()
                == 200;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        });
  }

  LabProcess prometheus() {
    return prometheus;
  }

  String address() {
    return address;
  }

  private static void syncSecret(
      KubernetesClient client,
      String namespace,
      String name,
      Path file,
      PrometheusRuleFiles rules) {
    try {
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      if (secret == null
          || secret.getData() == null
          || !secret.getData().containsKey("prometheus.yaml.gz")) {
        return;
      }
      byte[] data =
          rules.relocate(Base64.getDecoder().decode(secret.getData().get("prometheus.yaml.gz")));
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), data)) {
        return;
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, data);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      LOG.debug("lab: cannot sync Secret {}/{} yet: {}", namespace, name, e.toString());
    }
  }

  @Override
  public boolean inLab() {
    return true;
  }

  @Override
  public void close() {
    sync.shutdownNow();
    prometheus.stop();
    reloader.stop();
  }
}
