package io.github.milvusmonitored.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubePrometheusManifestsTest {

  @TempDir Path temp;

  @Test
  void loads_and_verifies_a_checkout_folder() {
    KubePrometheusManifests manifests = Fixture.manifests();

    assertThat(manifests.version()).isEqualTo("fixture");
    assertThat(manifests.files()).hasSize(13);
    assertThat(manifests.setupFiles())
        .extracting(ManifestFile::name)
        .containsExactly(
            "0alertmanagerCustomResourceDefinition.yaml",
            "0prometheusCustomResourceDefinition.yaml",
            "0servicemonitorCustomResourceDefinition.yaml",
            "namespace.yaml");
    assertThat(manifests.stackFiles(StackProfile.MINIMAL))
        .extracting(ManifestFile::name)
        .containsExactly(
            "prometheus-clusterRole.yaml",
            "prometheus-prometheus.yaml",
            "prometheus-serviceAccount.yaml",
            "prometheusOperator-deployment.yaml");
    assertThat(manifests.stackFiles(StackProfile.FULL)).hasSize(9);
  }

  @Test
  void accepts_the_manifests_folder_itself() {
    KubePrometheusManifests manifests =
        KubePrometheusManifests.builder()
            .withSource(ManifestSource.directory(Fixture.root().resolve("manifests")))
            .withChecksums(Fixture.checksums())
            .load();

    assertThat(manifests.files()).hasSize(13);
  }

  @Test
  void refuses_manifest_whose_checksum_differs_naming_file_sums_cause_and_remedy()
      throws IOException {
    Path tree = Fixture.copyTo(temp);
    Path prometheus = tree.resolve("manifests/prometheus-prometheus.yaml");
    Files.writeString(
        prometheus, Files.readString(prometheus).replace("replicas: 2", "replicas: 1"));

    assertThatThrownBy(() -> loadFolder(tree))
        .isInstanceOf(ManifestVerificationException.class)
        .hasMessageContaining(
            "kube-prometheus manifests from folder "
                + tree
                + " do not match the fixture checksum list (1 problem(s))")
        .hasMessageContaining(
            "manifests/prometheus-prometheus.yaml: sha256 expected "
                + "661c1e86d16de5be239870e17a53e2629a957f5a70645d6ca0ff75ee8ec41c09, actual ")
        .hasMessageContaining(
            "Likely cause: a manifest was edited, or the source holds another kube-prometheus version")
        .hasMessageContaining("What to do: use the unmodified fixture release")
        .satisfies(
            e ->
                assertThat(((ManifestVerificationException) e).problems())
                    .singleElement()
                    .asString()
                    .startsWith("manifests/prometheus-prometheus.yaml: sha256 expected"));
  }

  @Test
  void reports_missing_and_unexpected_files() throws IOException {
    Path tree = Fixture.copyTo(temp);
    Files.delete(tree.resolve("manifests/setup/0servicemonitorCustomResourceDefinition.yaml"));
    Files.writeString(tree.resolve("manifests/my-extra.yaml"), "apiVersion: v1\nkind: ConfigMap\n");

    assertThatThrownBy(() -> loadFolder(tree))
        .isInstanceOf(ManifestVerificationException.class)
        .satisfies(
            e ->
                assertThat(((ManifestVerificationException) e).problems())
                    .containsExactly(
                        "manifests/setup/0servicemonitorCustomResourceDefinition.yaml: missing",
                        "manifests/my-extra.yaml: not in the checksum list (unexpected extra file)"));
  }

  @Test
  void ignores_hidden_files_such_as_desktop_metadata() throws IOException {
    Path tree = Fixture.copyTo(temp);
    Files.writeString(tree.resolve("manifests/.DS_Store"), "x");

    assertThat(loadFolder(tree).files()).hasSize(13);
  }

  @Test
  void reads_a_tag_archive_with_a_top_folder() throws IOException {
    Path archive =
        Fixture.archive(Fixture.root(), "kube-prometheus-0.18.0", temp.resolve("kp.tar.gz"));

    KubePrometheusManifests manifests = loadArchive(archive);

    assertThat(manifests.files())
        .extracting(ManifestFile::path)
        .containsExactlyElementsOf(Fixture.checksums().sha256ByPath().keySet());
  }

  @Test
  void reads_an_archive_holding_manifests_at_its_root() throws IOException {
    Path archive = Fixture.archive(Fixture.root(), "", temp.resolve("kp.tar.gz"));

    assertThat(loadArchive(archive).files()).hasSize(13);
  }

  @Test
  void refuses_a_tampered_archive_naming_the_file() throws IOException {
    Path tree = Fixture.copyTo(temp.resolve("tree"));
    Files.writeString(
        tree.resolve("manifests/setup/namespace.yaml"),
        "  labels: {}\n",
        StandardOpenOption.APPEND);
    Path archive = Fixture.archive(tree, "kube-prometheus-0.18.0", temp.resolve("kp.tar.gz"));

    assertThatThrownBy(() -> loadArchive(archive))
        .isInstanceOf(ManifestVerificationException.class)
        .hasMessageContaining("from archive " + archive)
        .hasMessageContaining("manifests/setup/namespace.yaml: sha256 expected 8d1ab1f1");
  }

  @Test
  void refuses_a_file_that_is_not_a_tar_gz() throws IOException {
    Path notArchive = Files.writeString(temp.resolve("kp.tar.gz"), "<html>rate limited</html>");

    assertThatThrownBy(() -> loadArchive(notArchive))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageContaining(
            "Cannot read kube-prometheus archive " + notArchive.toAbsolutePath() + " as tar.gz")
        .hasMessageContaining("Download it again.");
  }

  @Test
  void refuses_a_folder_without_manifests() {
    assertThatThrownBy(() -> loadFolder(temp))
        .isInstanceOf(KubePrometheusException.class)
        .hasMessageContaining("No kube-prometheus manifests found in folder " + temp);
  }

  @Test
  void parses_every_object_of_a_file_flattening_lists() {
    ManifestFile dashboards =
        Fixture.manifests().files().stream()
            .filter(f -> f.name().equals("grafana-dashboardDefinitions.yaml"))
            .findFirst()
            .orElseThrow();

    assertThat(KubePrometheusManifests.resources(dashboards, StackProfile.FULL))
        .extracting(HasMetadata::getKind, r -> r.getMetadata().getName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ConfigMap", "grafana-dashboard-alertmanager-overview"),
            org.assertj.core.groups.Tuple.tuple("ConfigMap", "grafana-dashboard-apiserver"));
  }

  private static KubePrometheusManifests loadFolder(Path tree) {
    return KubePrometheusManifests.builder()
        .withSource(ManifestSource.directory(tree))
        .withChecksums(Fixture.checksums())
        .load();
  }

  private static KubePrometheusManifests loadArchive(Path archive) {
    return KubePrometheusManifests.builder()
        .withSource(ManifestSource.archive(archive))
        .withChecksums(Fixture.checksums())
        .load();
  }
}
