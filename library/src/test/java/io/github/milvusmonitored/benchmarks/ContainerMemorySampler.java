package io.github.milvusmonitored.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Samples, once a second, the memory use of the k3s containers of this library (by label) and keeps
 * the highest; as {@code docker stats} does, page cache that can be dropped (inactive file) is not
 * counted.
 */
final class ContainerMemorySampler implements AutoCloseable {

  private final DockerClient docker;
  private final Set<String> ignored;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "k3s-memory-sampler");
            t.setDaemon(true);
            return t;
          });
  private final AtomicLong peak = new AtomicLong(-1);

  private ContainerMemorySampler(DockerClient docker, Set<String> ignored) {
    this.docker = docker;
    this.ignored = ignored;
  }

  /**
   * Starts sampling. With {@code onlyNew} the k3s containers that already run are not sampled (a
   * fresh start creates its own); without it they are (a reused start).
   */
  static ContainerMemorySampler start(DockerClient docker, boolean onlyNew) {
    Set<String> existing = onlyNew ? k3sContainers(docker).keySet() : Set.of();
    ContainerMemorySampler sampler = new ContainerMemorySampler(docker, existing);
    sampler.timer.scheduleWithFixedDelay(sampler::sample, 0, 1, TimeUnit.SECONDS);
    return sampler;
  }

  /** The highest memory use seen so far, if any sample was taken. */
  OptionalLong peak() {
    long value = peak.get();
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * Memory in use without inactive file cache: cgroup v1 reports total_inactive_file, v2
   * inactive_file.
   */
  static long workingSet(MemoryStatsConfig memory) {
    long usage = memory.getUsage() == null ? 0 : memory.getUsage();
    if (memory.getStats() == null) {
      return usage;
    }
    Long inactive =
        memory.getStats().getTotalInactiveFile() != null
            ? memory.getStats().getTotalInactiveFile()
            : memory.getStats().getInactiveFile();
    return inactive != null && inactive < usage ? usage - inactive : usage;
  }

  private void sample() {
    try {
      for (String id : k3sContainers(docker).keySet()) {
        if (ignored.contains(id)) {
          continue;
        }
        ResultCallback.Adapter<Statistics> callback =
            docker
                .statsCmd(id)
                .withNoStream(true)
                .exec(
                    new ResultCallback.Adapter<>() {
                      @Override
                      public void onNext(Statistics stats) {
                        if (stats.getMemoryStats() != null
                            && stats.getMemoryStats().getUsage() != null) {
                          peak.accumulateAndGet(workingSet(stats.getMemoryStats()), Math::max);
                        }
                      }
                    });
        callback.awaitCompletion(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The container may come and go while sampling; the next sample tries again.
    }
  }

  private static Map<String, Container> k3sContainers(DockerClient docker) {
    return docker
        .listContainersCmd()
        .withLabelFilter(Map.of(K3sContainers.CLUSTER_LABEL, "k3s"))
        .exec()
        .stream()
        .collect(Collectors.toMap(Container::getId, c -> c));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
