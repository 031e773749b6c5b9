package io.github.milvusmonitored.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MilvusChartSourceTest {

  @TempDir Path dir;
  private ChartRepositoryFixture repository;

  @BeforeEach
  void startRepository() throws Exception {
    repository = new ChartRepositoryFixture(dir);
  }

  @AfterEach
  void stopRepository() throws Exception {
    repository.close();
  }

  @Test
  void downloads_the_pinned_version_from_the_repository_and_renders_it() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder().withChartRepository(repository.repository()).build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      MilvusManifests manifests = release.render();
      release.render();

      assertThat(manifests.serviceMonitor("my-release-milvus-standalone")).isPresent();
      assertThat(repository.requests()).as("index and archive fetched once").isEqualTo(2);
    }
  }

  @Test
  void reports_missing_chart_version_with_repository_and_how_to_list_versions() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withChartRepository(repository.repository())
            .withChartVersion("5.0.99")
            .build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessage(
              "Chart milvus version 5.0.99 does not exist in repository "
                  + repository.repository()
                  + ". Newest versions there: [5.0.19, 5.0.18]. List them all with `helm repo add milvus "
                  + repository.repository()
                  + " && helm search repo milvus/milvus --versions`, or read "
                  + repository.repository()
                  + "index.yaml.");
    }
  }

  @Test
  void reports_chart_name_missing_from_repository() {
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder()
            .withChartRepository(repository.repository())
            .withChartName("milvus-operator")
            .build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .hasMessageStartingWith(
              "Chart 'milvus-operator' is not in repository "
                  + repository.repository()
                  + " (it has: [attu, milvus]).");
    }
  }

  @Test
  void refuses_archive_whose_digest_differs_from_the_index() throws Exception {
    repository.serveIndex("0".repeat(64));
    MilvusReleaseConfig config =
        MilvusReleaseConfig.builder().withChartRepository(repository.repository()).build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .hasMessage(
              "Chart archive "
                  + repository.repository()
                  + "charts/milvus-5.0.19.tgz has sha256 "
                  + ChartRepositoryFixture.sha256(repository.archive)
                  + " but the repository index announces "
                  + "0".repeat(64)
                  + ". The download was corrupted or the archive was replaced; retry, and report"
                  + " it to the chart's maintainers if it persists.");
    }
  }

  @Test
  void reports_repository_that_does_not_answer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String address = "http://127.0.0.1:" + closedPort + "/charts";
    MilvusReleaseConfig config = MilvusReleaseConfig.builder().withChartRepository(address).build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .isInstanceOf(MilvusReleaseException.class)
          .hasMessageStartingWith(
              "Chart repository index " + address + "/index.yaml could not be read:")
          .hasMessageContaining("use withLocalChart(..) to work offline");
    }
  }

  @Test
  void refuses_local_chart_whose_version_differs_from_the_pinned_one() {
    MilvusReleaseConfig config = ChartFixture.config().withChartVersion("5.0.18").build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "Local chart "
                  + ChartFixture.directory().toAbsolutePath()
                  + " has version 5.0.19 but the"
                  + " configuration pins 5.0.18. Use the 5.0.18 chart, or set withChartVersion(\"5.0.19\") if you"
                  + " mean to test that version.");
    }
  }

  @Test
  void refuses_local_chart_that_is_not_milvus() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(
        other.resolve("Chart.yaml"), "apiVersion: v2\nname: nginx\nversion: 5.0.19\n");
    MilvusReleaseConfig config = MilvusReleaseConfig.builder().withLocalChart(other).build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThatThrownBy(release::render)
          .hasMessageStartingWith(
              "Local chart " + other.toAbsolutePath() + " is named 'nginx', not 'milvus'.");
    }
  }

  @Test
  void refuses_a_local_chart_folder_without_chart_yaml_when_configured() throws Exception {
    Path repositoryRoot = Files.createDirectories(dir.resolve("milvus-helm"));
    Files.createDirectories(repositoryRoot.resolve("charts/milvus"));

    assertThatThrownBy(() -> MilvusReleaseConfig.builder().withLocalChart(repositoryRoot).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Local chart "
                + repositoryRoot.toAbsolutePath()
                + " is a folder without Chart.yaml, so it is"
                + " no Helm chart. Point withLocalChart(..) (CLI: --local-chart) at the Milvus chart's own folder, the"
                + " one holding Chart.yaml (charts/milvus in zilliztech/milvus-helm, not the repository's root), or at"
                + " a packaged chart (.tgz).");
  }

  @Test
  void renders_a_packaged_local_chart() {
    Path archive = dir.resolve("milvus-5.0.19.tgz");
    MilvusReleaseConfig config = MilvusReleaseConfig.builder().withLocalChart(archive).build();

    try (MilvusHelmRelease release = MilvusHelmRelease.create(config)) {
      assertThat(release.render().serviceMonitors()).hasSize(1);
    }
  }
}
