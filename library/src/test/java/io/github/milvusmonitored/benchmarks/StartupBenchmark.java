package io.github.milvusmonitored.benchmarks;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.EnvironmentStartException;
import io.github.milvusmonitored.environment.MonitoredEnvironment;
import io.github.milvusmonitored.environment.MonitoredEnvironments;
import io.github.milvusmonitored.environment.TimingReport;
import io.github.milvusmonitored.images.ImageList;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.milvus.MilvusReleaseConfig;
import io.github.milvusmonitored.stack.StackProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Measures how long the environment takes to start and how much memory k3s uses, for one Milvus
 * profile with the minimal stack: (a) cold, a fresh k3s that pulls every image; (b) preloaded, a
 * fresh k3s loaded with the images the host pulled beforehand; (c) reused, a second start on a kept
 * k3s (measured only with Testcontainers reuse enabled). Prints a Markdown table and appends it to
 * a file. Needs a Docker host that runs privileged containers and reaches the registries; it exits
 * with 1 when Docker is missing.
 *
 * <p>Run: {@code TESTCONTAINERS_REUSE_ENABLE=true ./mvnw -B -q -pl library test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.github.milvusmonitored.benchmarks.StartupBenchmark
 * -Dexec.args="standalone docs/benchmarks.md"}; the first argument is {@code standalone} or {@code
 * one_pod}, the second the file to append to (default {@code docs/benchmarks.md}; exec:java runs in
 * Maven's process, so relative paths start from the directory Maven was started in). Each run's
 * timing report lands in {@code target/startup-benchmark/} there.
 */
public final class StartupBenchmark {

  private StartupBenchmark() {}

  public static void main(String[] args) throws Exception {
    MilvusProfile profile = MilvusProfile.parse(args.length > 0 ? args[0] : "standalone");
    Path output = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
    if (!dockerAvailable()) {
      System.err.println(
          "StartupBenchmark needs Docker: Testcontainers found no Docker environment (DOCKER_HOST,"
              + " /var/run/docker.sock). It starts k3s, which needs privileged containers and image pulls; run it on a"
              + " Docker host.");
      System.exit(1);
    }
    DockerClient docker = DockerClientFactory.instance().client();
    EnvironmentConfig base =
        EnvironmentConfig.defaults()
            .withStackProfile(StackProfile.MINIMAL)
            .withMilvus(milvus(profile))
            .withReportDirectory(Path.of("target", "startup-benchmark"));
    prePull(
        docker,
        ImageList.of(
                base.milvus(),
                StackProfile.MINIMAL,
                base.manifests(),
                K3sClusterConfig.DEFAULT_IMAGE)
            .names());

    List<StartupRun> runs = new ArrayList<>();
    K3sClusterConfig fresh = K3sClusterConfig.defaults();
    runs.add(
        measure(
            docker,
            StartupRun.Kind.COLD,
            base.withCluster(new ClusterChoice.K3s(fresh)).withPreloadImages(false),
            true));
    runs.add(
        measure(
            docker,
            StartupRun.Kind.PRELOADED,
            base.withCluster(new ClusterChoice.K3s(fresh)).withPreloadImages(true),
            true));
    String note = "";
    if (TestcontainersConfiguration.getInstance().environmentSupportsReuse()) {
      EnvironmentConfig kept =
          base.withCluster(new ClusterChoice.K3s(fresh.withReuse(true))).withKeepInstalled(true);
      try (MonitoredEnvironment first = MonitoredEnvironments.start(kept)) {
        System.out.println(
            "reused: first start (not measured) took "
                + first.timingReport().total().toSeconds()
                + " s");
      }
      runs.add(measure(docker, StartupRun.Kind.REUSED, kept, false));
      K3sContainers.removeReused(docker);
    } else {
      note =
          "Reused start not measured: Testcontainers reuse is off (set TESTCONTAINERS_REUSE_ENABLE=true).\n\n";
    }
    String heading =
        "Startup, Milvus "
            + profile.name().toLowerCase(java.util.Locale.ROOT)
            + ", minimal stack ("
            + LocalDate.now()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, Docker "
            + docker.versionCmd().exec().getVersion()
            + ", "
            + K3sClusterConfig.DEFAULT_IMAGE
            + ")";
    String table = StartupTable.format(heading, profile, runs) + note;
    System.out.print(table);
    if (output.getParent() != null) {
      Files.createDirectories(output.getParent());
    }
    Files.writeString(output, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println("appended to " + output.toAbsolutePath());
  }

  /** One-pod scrapes every 5 s, as its documentation recommends for fast first samples. */
  private static MilvusReleaseConfig milvus(MilvusProfile profile) {
    MilvusReleaseConfig.Builder builder = MilvusReleaseConfig.builder().withProfile(profile);
    if (profile == MilvusProfile.ONE_POD) {
      builder
          .withServiceMonitorInterval(Duration.ofSeconds(5))
          .withScrapeTimeout(Duration.ofSeconds(4));
    }
    return builder.build();
  }

  private static StartupRun measure(
      DockerClient docker,
      StartupRun.Kind kind,
      EnvironmentConfig config,
      boolean onlyNewContainers) {
    System.out.println("measuring " + kind.label);
    ContainerMemorySampler sampler = ContainerMemorySampler.start(docker, onlyNewContainers);
    try (MonitoredEnvironment env = MonitoredEnvironments.start(config)) {
      sampler.close();
      return new StartupRun(kind, env.timingReport(), sampler.peak(), null);
    } catch (EnvironmentStartException e) {
      System.err.println(e.getMessage());
      return new StartupRun(kind, new TimingReport(List.of()), sampler.peak(), e.phase());
    } finally {
      sampler.close();
    }
  }

  private static void prePull(DockerClient docker, List<String> images)
      throws InterruptedException {
    for (String image : images) {
      try {
        docker.inspectImageCmd(image).exec();
        continue;
      } catch (NotFoundException absent) {
        // pulled below
      }
      System.out.println("pulling " + image);
      DockerImageName name = DockerImageName.parse(image);
      docker
          .pullImageCmd(name.getUnversionedPart())
          .withTag(name.getVersionPart())
          .start()
          .awaitCompletion();
    }
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
