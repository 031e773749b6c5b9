package io.github.milvusmonitored.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.milvusmonitored.cluster.internal.KubeconfigPrecheck;
import io.github.milvusmonitored.cluster.internal.KubeconfigSelection;
import io.github.milvusmonitored.cluster.internal.Kubeconfigs;
import io.github.milvusmonitored.internal.LeftoverFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster the user already runs, reached through a kubeconfig. The chosen context is written to a
 * private kubeconfig file (mode 0600, removed on {@link #close()}) that holds only that context, so
 * that fabric8, Helm and every probe use the same cluster and user. Closing it closes only the
 * client: the cluster keeps running; what was installed is removed by the installers that created
 * it.
 *
 * <pre>{@code
 * ExistingCluster cluster = ExistingCluster.connect(Path.of("/home/me/.kube/ci-config"), "ci");
 * }</pre>
 */
public final class ExistingCluster implements KubernetesCluster {

  private static final Logger LOG = LoggerFactory.getLogger(ExistingCluster.class);
  private static final Duration REACH_TIMEOUT = Duration.ofSeconds(15);

  /**
   * The start of the private kubeconfig file's name in this JVM: {@code
   * milvus-monitored-existing-<pid>-}.
   */
  static final String KUBECONFIG_FAMILY = "milvus-monitored-existing-";

  static final String KUBECONFIG_PREFIX = LeftoverFiles.prefix(KUBECONFIG_FAMILY);

  private final KubernetesClient client;
  private final Path kubeconfig;
  private final String source;
  private final String context;
  private final String version;

  private ExistingCluster(
      KubernetesClient client, Path kubeconfig, String source, String context, String version) {
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.source = source;
    this.context = context;
    this.version = version;
  }

  /**
   * Connects through the kubeconfig at {@code path} using {@code context}, or the file's current
   * context when {@code context} is null, and checks that the API server answers.
   *
   * @throws ClusterException when the file is missing or unreadable, the context unknown, or the
   *     server does not answer within 15 s
   */
  public static ExistingCluster connect(Path path, String context) {
    return connect(List.of(path), context);
  }

  /**
   * Checks, offline and before anything is installed, that {@code kubeconfig} exists, parses and
   * holds {@code context} (its current context when null); {@link #connect(Path, String)} then only
   * has the API server left to fail on.
   *
   * @throws ClusterException naming the file and what is wrong with it, without quoting its content
   */
  public static void checkKubeconfig(Path kubeconfig, String context) {
    KubeconfigPrecheck.check(kubeconfig, context);
  }

  /**
   * Connects through a list of kubeconfig files merged as kubectl merges a {@code KUBECONFIG} list
   * (the first file that names a cluster, user or context wins), using {@code context} or the first
   * current context set.
   */
  public static ExistingCluster connect(List<Path> files, String context) {
    KubeconfigSelection selection = KubeconfigSelection.select(files, context);
    // Every client reads this one file, whose only context is the chosen one: fabric8, Helm (which
    // has no context option) and every probe reach the same cluster as the same user.
    LeftoverFiles.sweepTemp(KUBECONFIG_FAMILY);
    Path file = Kubeconfigs.writePrivate(selection.yaml(), KUBECONFIG_PREFIX);
    KubernetesClient client;
    try {
      client = Kubeconfigs.clientFromFile(selection.yaml(), file, selection.source());
    } catch (RuntimeException e) {
      deleteQuietly(file);
      throw e;
    }
    try {
      String version = Kubeconfigs.verifyReachable(client, selection.source(), REACH_TIMEOUT);
      LOG.info(
          "[cluster] using existing cluster {} (Kubernetes {}) from {}, context {}",
          client.getMasterUrl(),
          version,
          selection.source(),
          selection.context());
      return new ExistingCluster(client, file, selection.source(), selection.context(), version);
    } catch (RuntimeException e) {
      client.close();
      deleteQuietly(file);
      throw e;
    }
  }

  /**
   * Connects through {@code KUBECONFIG} (every file of it) or {@code ~/.kube/config}, current
   * context.
   */
  public static ExistingCluster connectCurrentContext() {
    return connectDefault(null);
  }

  /**
   * Connects through {@code KUBECONFIG} (every file of it) or {@code ~/.kube/config} with {@code
   * context}.
   */
  public static ExistingCluster connectDefault(String context) {
    return connect(
        KubeconfigSelection.defaultFiles(
            System.getenv("KUBECONFIG"), System.getProperty("user.home")),
        context);
  }

  /** The context every client uses. */
  public String context() {
    return context;
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public Path kubeconfigFile() {
    return kubeconfig;
  }

  /** The server's Kubernetes version, e.g. "v1.35.0". */
  public String kubernetesVersion() {
    return version;
  }

  @Override
  public String description() {
    return "existing cluster " + client.getMasterUrl() + " from " + source;
  }

  @Override
  public boolean isDisposable() {
    return false;
  }

  @Override
  public void close() {
    try {
      client.close();
    } finally {
      deleteQuietly(kubeconfig);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("[cluster] could not delete the private kubeconfig {}: {}", file, e.getMessage());
    }
  }
}
