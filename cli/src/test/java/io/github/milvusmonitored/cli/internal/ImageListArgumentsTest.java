package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageListArgumentsTest {

  @Test
  void command_line_describes_a_configuration_and_names_unknown_options(
      @TempDir Path kubePrometheus) {
    ImageListArguments arguments =
        ImageListArguments.parse(
            "--milvus-profile=one-pod",
            "--stack-profile=full",
            "--image-tag=v2.6.16",
            "--k3s-image=none",
            "--names-only",
            "--kube-prometheus=" + kubePrometheus);

    assertThat(arguments.milvus().profile()).isEqualTo(MilvusProfile.ONE_POD);
    assertThat(arguments.milvus().imageTag()).isEqualTo("v2.6.16");
    assertThat(arguments.stackProfile()).isEqualTo(StackProfile.FULL);
    assertThat(arguments.manifests()).isInstanceOf(ManifestSource.Directory.class);
    assertThat(arguments.k3sImage()).isNull();
    assertThat(arguments.namesOnly()).isTrue();
    assertThat(ImageListArguments.parse().k3sImage()).isEqualTo(K3sClusterConfig.DEFAULT_IMAGE);
    assertThatThrownBy(() -> ImageListArguments.parse("--profile=one_pod"))
        .hasMessageStartingWith(
            "Unknown option '--profile=one_pod' for 'images'. Valid options: --milvus-profile,");
    ImageListArguments spaced =
        ImageListArguments.parse(
            "--stack-profile", "full", "--image-tag", "v2.6.16", "--names-only");
    assertThat(spaced.stackProfile()).isEqualTo(StackProfile.FULL);
    assertThat(spaced.milvus().imageTag()).isEqualTo("v2.6.16");
    assertThat(spaced.namesOnly()).isTrue();
    assertThatThrownBy(() -> ImageListArguments.parse("--stack-profile=huge"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage("Unknown value 'huge' for --stack-profile. Valid values: minimal, full.");
    assertThat(ImageListArguments.parse("-h").help()).isTrue();
    assertThat(ImageListArguments.usage()).contains("--local-chart").contains("--kube-prometheus");
  }
}
