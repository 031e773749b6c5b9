package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Milvus standalone pod of the chart (profiles {@code standalone} and {@code one_pod}) run as a
 * real Milvus server: the official binaries of {@link MilvusInstall}, in a network namespace of the
 * pod's own on the pod's address (gRPC 19530, metrics and {@code /healthz} on 9091, its embedded
 * etcd on the pod's own 127.0.0.1:2379), with data and logs in the pod's folder as in an emptyDir.
 * As a kubelet would, it runs the pod's readiness probe from the pod spec (the chart's {@code
 * /healthz} on port {@code metrics}) and reports the pod Ready only once it succeeds, and with
 * {@code restartPolicy: Always} starts the server again when it exits, after a back-off of 10 s
 * doubling up to 5 min, reporting the exit code and restart count in the pod's status. Stopping
 * sends SIGTERM and SIGKILL after 10 s: a server with loaded collections can take many minutes to
 * stop gracefully.
 */
final class RealMilvusPod implements PodRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RealMilvusPod.class);
  private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

  private final String ref;
  private final String component;
  private final String version;
  private final PodNamespace namespace;
  private final LabProcess server;
  private final Path dir;
  private final ReadinessProbe probe;

  /**
   * What measures the time to the first healthy answer: /healthz with a short timeout, every 200
   * ms.
   */
  private final ReadinessProbe healthz;

  private final KubeletStatus status;
  private final Thread supervisor;
  private final long startedAtNanos = System.nanoTime();
  private volatile Duration firstHealthy;
  private volatile boolean closing;
  private volatile int restarts;

  private RealMilvusPod(
      String ref,
      String component,
      String version,
      PodNamespace namespace,
      LabProcess server,
      Path dir,
      ReadinessProbe probe,
      KubeletStatus status) {
    this.ref = ref;
    this.probe = probe;
    this.healthz =
        new ReadinessProbe(
            URI.create("http://" + namespace.address() + ":9091/healthz"),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMillis(500),
            1);
    this.status = status;
    this.component = component;
    this.version = version;
    this.namespace = namespace;
    this.server = server;
    this.dir = dir;
    this.supervisor = new Thread(this::supervise, "lab-milvus-" + ref);
    this.supervisor.setDaemon(true);
  }

  /**
   * Whether a real server stands for this pod: a Milvus pod of the chart whose component is
   * standalone.
   */
  static boolean serves(Pod pod) {
    return MilvusPod.serves(pod)
        && "standalone".equals(pod.getMetadata().getLabels().get("component"));
  }

  static RealMilvusPod start(
      KubernetesClient client, Pod pod, MilvusInstall milvus, LabNetwork network, Path dir) {
    String ref = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    PodNamespace namespace = PodNamespace.create(network, pod.getStatus().getPodIP());
    try {
      milvus.writeConfig(dir);
      Map<String, String> environment =
          Map.of(
              "DEPLOY_MODE",
              "STANDALONE",
              "METRICS_PORT",
              "9091",
              "MILVUS_RUN_DIR",
              dir.resolve("run").toString(),
              "LD_LIBRARY_PATH",
              milvus.libraries().toString());
      LabProcess server =
          LabProcess.start(
              "milvus",
              namespace.command(List.of(milvus.executable().toString(), "run", "standalone")),
              environment,
              dir.resolve("logs"),
              dir);
      RealMilvusPod started =
          new RealMilvusPod(
              ref,
              pod.getMetadata().getLabels().get("component"),
              milvus.version(),
              namespace,
              server,
              dir,
              ReadinessProbe.of(pod),
              new KubeletStatus(client, pod));
      started.supervisor.start();
      LOG.info(
          "lab: real Milvus {} for pod {} on {} (network namespace {}), pid {}",
          milvus.version(),
          ref,
          namespace.address(),
          namespace.name(),
          server.pid());
      return started;
    } catch (RuntimeException e) {
      namespace.close();
      throw e;
    }
  }

  String component() {
    return component;
  }

  /** The Milvus release the server is, e.g. {@code 2.3.5}. */
  String version() {
    return version;
  }

  /** The pod's address, where the server listens. */
  String address() {
    return namespace.address();
  }

  /** The server process (to kill it in a fault test; it is started again as a kubelet would). */
  LabProcess server() {
    return server;
  }

  /** How often the server was started again after it exited. */
  int restarts() {
    return restarts;
  }

  /** The pod's network namespace. */
  PodNamespace namespace() {
    return namespace;
  }

  /**
   * How long after its first start the server first answered {@code GET /healthz} with 200,
   * measured every 200 ms from the pod's network; waits up to {@code timeout} for it, failing with
   * the end of the server's log.
   */
  Duration timeToHealthy(Duration timeout) {
    server.awaitReady("GET /healthz answers 200", timeout, () -> firstHealthy != null);
    return firstHealthy;
  }

  /** The server's resident memory (VmRSS of its process), or -1 when it is not running. */
  long residentBytes() {
    long pid = server.pid();
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("lab: no VmRSS for pid {}: {}", pid, e.toString());
    }
    return -1;
  }

  @Override
  public boolean inLab() {
    return true;
  }

  /**
   * The kubelet's part: probes readiness as the pod spec says and reports it; when the server
   * exits, reports the exit, waits out the back-off and starts it again.
   */
  private void supervise() {
    Duration backOff = FIRST_BACK_OFF;
    Instant startedAt = Instant.now();
    long nextProbe = System.nanoTime() + probe.initialDelay().toNanos();
    boolean ready = false;
    int failures = 0;
    while (!closing) {
      LabProcess.sleepQuietly(Duration.ofMillis(200));
      if (closing) {
        return;
      }
      if (server.isAlive()) {
        if (firstHealthy == null && healthz.succeeds()) {
          firstHealthy = Duration.ofNanos(System.nanoTime() - startedAtNanos);
        }
        if (System.nanoTime() >= nextProbe) {
          nextProbe = System.nanoTime() + probe.period().toNanos();
          boolean success = probe.succeeds();
          failures = success ? 0 : failures + 1;
          if (success != ready && (success || failures >= probe.failureThreshold())) {
            ready = success;
            status.ready(ready);
            LOG.info(
                "lab: Milvus of pod {} is {} ({})",
                ref,
                ready ? "ready" : "not ready",
                probe.uri());
          }
        }
        continue;
      }
      ready = false;
      status.exited(server.exitValue(), startedAt, restarts + 1);
      LOG.info(
          "lab: Milvus of pod {} exited with {}; starting it again in {} s, as a kubelet would",
          ref,
          server.exitValue(),
          backOff.toSeconds());
      long until = System.nanoTime() + backOff.toNanos();
      while (!closing && System.nanoTime() < until) {
        LabProcess.sleepQuietly(Duration.ofMillis(200));
      }
      synchronized (this) {
        if (closing) {
          return;
        }
        server.start();
        restarts++;
      }
      startedAt = Instant.now();
      status.restarted(startedAt, restarts);
      nextProbe = System.nanoTime() + probe.initialDelay().toNanos();
      backOff =
          backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0
              ? MAX_BACK_OFF
              : backOff.multipliedBy(2);
    }
  }

  /**
   * Stops the server (SIGTERM, SIGKILL after 10 s), removes the pod's namespace and its data; the
   * logs stay.
   */
  @Override
  public void close() {
    closing = true;
    synchronized (this) {
      server.stop();
    }
    supervisor.interrupt();
    namespace.close();
    deleteQuietly(dir.resolve("data"));
    deleteQuietly(dir.resolve("run"));
  }

  private static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("lab: cannot remove {}: {}", root, e.toString());
    }
  }
}
