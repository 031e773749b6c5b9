package io.github.milvusmonitored.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.cli.internal.CliArguments.Command;
import io.github.milvusmonitored.cluster.K3sClusterConfig;
import io.github.milvusmonitored.environment.ClusterChoice;
import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.milvus.MilvusProfile;
import io.github.milvusmonitored.stack.ManifestSource;
import io.github.milvusmonitored.stack.StackProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliArgumentsTest {

  @Test
  void up_defaults_to_the_full_stack_and_standalone_milvus() {
    CliArguments parsed = CliArguments.parse("up");

    assertThat(parsed.command()).isEqualTo(Command.UP);
    assertThat(parsed.stackProfile()).isEqualTo(StackProfile.FULL);
    assertThat(parsed.milvusProfile()).isEqualTo(MilvusProfile.STANDALONE);
    assertThat(parsed.k3sImage()).isEqualTo(K3sClusterConfig.DEFAULT_IMAGE);
    assertThat(parsed.imageTag()).isEqualTo("v2.6.24");
  }

  @Test
  void up_reads_every_option_in_any_case() {
    CliArguments parsed =
        CliArguments.parse(
            "up",
            "--profile=MINIMAL",
            "--milvus-profile=one-pod",
            "--k3s-image=rancher/k3s:v1.36.1-k3s1",
            "--image-tag=v2.6.14");

    assertThat(parsed.stackProfile()).isEqualTo(StackProfile.MINIMAL);
    assertThat(parsed.milvusProfile()).isEqualTo(MilvusProfile.ONE_POD);
    assertThat(parsed.k3sImage()).isEqualTo("rancher/k3s:v1.36.1-k3s1");
    assertThat(parsed.imageTag()).isEqualTo("v2.6.14");
  }

  @Test
  void up_keeps_k3s_and_everything_installed_and_shares_root_for_the_full_stack() {
    EnvironmentConfig config = CliArguments.parse("up").environmentConfig(Path.of("r"));

    K3sClusterConfig k3s = ((ClusterChoice.K3s) config.cluster()).config();
    assertThat(k3s.reuse()).isTrue();
    assertThat(k3s.sharedRootMount()).isTrue();
    assertThat(config.keepInstalled()).isTrue();
    assertThat(config.keepOnFailure()).isTrue();
    assertThat(config.reportDirectory()).isEqualTo(Path.of("r"));
    assertThat(config.milvus().imageTag()).isEqualTo("v2.6.24");
  }

  @Test
  void minimal_stack_keeps_root_private() {
    EnvironmentConfig config =
        CliArguments.parse("up", "--profile=minimal").environmentConfig(Path.of("r"));

    assertThat(((ClusterChoice.K3s) config.cluster()).config().sharedRootMount()).isFalse();
    assertThat(config.stackProfile()).isEqualTo(StackProfile.MINIMAL);
  }

  @Test
  void help_wins_anywhere_it_is_asked() {
    assertThat(CliArguments.parse("--help").command()).isEqualTo(Command.HELP);
    assertThat(CliArguments.parse("-h").command()).isEqualTo(Command.HELP);
    assertThat(CliArguments.parse("up", "--profile=full", "--help").command())
        .isEqualTo(Command.HELP);
    assertThat(CliArguments.parse("down", "--help").command()).isEqualTo(Command.HELP);
  }

  @Test
  void images_passes_its_arguments_through_untouched() {
    CliArguments parsed = CliArguments.parse("images", "--milvus-profile=one_pod", "--names-only");

    assertThat(parsed.command()).isEqualTo(Command.IMAGES);
    assertThat(parsed.passThrough()).containsExactly("--milvus-profile=one_pod", "--names-only");
  }

  @Test
  void refuses_unknown_option_naming_it_and_the_valid_ones() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--grafana=on"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "Unknown option '--grafana=on' for 'up'. Valid options: --stack-profile=full|minimal,"
                + " --milvus-profile=standalone|one_pod|cluster, --k3s-image=<rancher/k3s image>, --image-tag=<Milvus image"
                + " tag>, --kubeconfig=<file>, --context=<name>, --kube-prometheus=<v0.18.0 .tar.gz or folder>,"
                + " --local-chart=<chart folder or .tgz>, --scrape-interval=<duration>, --scrape-timeout=<duration>, --keep,"
                + " --stack=install|existing|auto, --help.");
  }

  @Test
  void refuses_options_on_down() {
    assertThatThrownBy(() -> CliArguments.parse("down", "--force"))
        .hasMessage("Unknown option '--force' for 'down'. Valid options: --help.");
  }

  @Test
  void refuses_unknown_command_listing_the_commands() {
    assertThatThrownBy(() -> CliArguments.parse("start"))
        .hasMessage(
            "Unknown command 'start'. Valid commands: up, down, status, images, audit, check-upgrade, capture-catalogue, --help.");
  }

  @Test
  void refuses_an_empty_command_line_with_the_usage() {
    assertThatThrownBy(CliArguments::parse)
        .hasMessageStartingWith(
            "No command given. Valid commands: up, down, status, images, audit, check-upgrade, capture-catalogue, --help.")
        .hasMessageContaining(
            "Usage: java -jar milvus-monitored-cli-<version>.jar <command> [options]");
  }

  @Test
  void a_bad_k3s_image_is_reported_against_the_flag() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--k3s-image=nginx:latest"))
        .hasMessage(
            "Invalid value 'nginx:latest' for --k3s-image: k3s image must be a rancher/k3s image reference"
                + " such as rancher/k3s:v1.35.0-k3s1 (or a mirror of it), got 'nginx:latest'.");
  }

  @Test
  void status_takes_no_options() {
    assertThat(CliArguments.parse("status").command()).isEqualTo(CliArguments.Command.STATUS);
    assertThatThrownBy(() -> CliArguments.parse("status", "--all"))
        .hasMessage("Unknown option '--all' for 'status'. Valid options: --help.");
  }

  @Test
  void up_accepts_the_cluster_milvus_profile() {
    CliArguments parsed = CliArguments.parse("up", "--milvus-profile=cluster");

    assertThat(parsed.milvusProfile()).isEqualTo(MilvusProfile.CLUSTER);
    assertThat(parsed.environmentConfig(Path.of("reports")).milvus().profile())
        .isEqualTo(MilvusProfile.CLUSTER);
  }

  @Test
  void refuses_unknown_value_listing_the_valid_ones() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--milvus-profile=tiny"))
        .hasMessage(
            "Unknown value 'tiny' for --milvus-profile. Valid values: standalone, one_pod, cluster.");
    assertThatThrownBy(() -> CliArguments.parse("up", "--stack-profile=tiny"))
        .hasMessage("Unknown value 'tiny' for --stack-profile. Valid values: minimal, full.");
    // --profile, the README's spelling, is the same option.
    assertThatThrownBy(() -> CliArguments.parse("up", "--profile=tiny"))
        .hasMessage("Unknown value 'tiny' for --stack-profile. Valid values: minimal, full.");
  }

  @Test
  void takes_values_after_a_space_as_the_other_commands_do() {
    CliArguments parsed =
        CliArguments.parse(
            "up", "--profile", "minimal", "--image-tag", "v2.6.16", "--scrape-interval", "15s");

    assertThat(parsed.stackProfile()).isEqualTo(StackProfile.MINIMAL);
    assertThat(parsed.imageTag()).isEqualTo("v2.6.16");
    assertThat(parsed.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void refuses_option_without_value() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--profile"))
        .hasMessage("Option --stack-profile needs a value in the form --stack-profile=<value>.");
    assertThatThrownBy(() -> CliArguments.parse("up", "--image-tag="))
        .hasMessage("Option --image-tag needs a value in the form --image-tag=<value>.");
  }

  @Test
  void refuses_repeated_option_and_stray_argument() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--profile=full", "--stack-profile=minimal"))
        .hasMessage("Option --stack-profile is given more than once; give it once.");
    assertThatThrownBy(() -> CliArguments.parse("up", "full"))
        .hasMessageStartingWith("Unexpected argument 'full' for 'up': it takes options only.");
  }

  @Test
  void refuses_an_image_that_is_not_k3s_with_the_config_reason() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--k3s-image=nginx:1.27"))
        .isInstanceOf(CliUsageException.class)
        .hasMessageContaining("k3s image must be a rancher/k3s image reference")
        .hasMessageContaining("'nginx:1.27'");
  }

  @Test
  void kubeconfig_and_context_use_that_existing_cluster_and_remove_what_up_installed_on_exit(
      @TempDir Path dir) throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1");

    EnvironmentConfig config =
        CliArguments.parse("up", "--kubeconfig=" + kubeconfig, "--context=lab")
            .environmentConfig(Path.of("r"));

    assertThat(config.cluster()).isEqualTo(new ClusterChoice.Existing(kubeconfig, "lab"));
    assertThat(config.keepInstalled()).isFalse();
    assertThat(config.keepOnFailure()).isFalse();
  }

  @Test
  void keep_leaves_what_up_installed_on_an_existing_cluster() {
    EnvironmentConfig config =
        CliArguments.parse("up", "--context=lab", "--keep").environmentConfig(Path.of("r"));

    assertThat(config.cluster()).isEqualTo(new ClusterChoice.Existing(null, "lab"));
    assertThat(config.keepInstalled()).isTrue();
    assertThat(config.keepOnFailure()).isTrue();
  }

  @Test
  void stack_chooses_how_an_existing_cluster_gets_its_prometheus() {
    assertThat(CliArguments.parse("up", "--context=lab").environmentConfig(Path.of("r")).stack())
        .isEqualTo(io.github.milvusmonitored.environment.StackMode.INSTALL);
    assertThat(
            CliArguments.parse("up", "--context=lab", "--stack=existing")
                .environmentConfig(Path.of("r"))
                .stack())
        .isEqualTo(io.github.milvusmonitored.environment.StackMode.EXISTING);
    assertThatThrownBy(() -> CliArguments.parse("up", "--stack=auto"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "--stack applies to an existing cluster: give --kubeconfig=<file> or --context=<name> with it (on"
                + " k3s the library always installs kube-prometheus).");
  }

  @Test
  void k3s_stays_the_default_and_keeps_everything() {
    CliArguments parsed = CliArguments.parse("up");

    assertThat(parsed.existingCluster()).isFalse();
    assertThat(parsed.environmentConfig(Path.of("r")).keepInstalled()).isTrue();
  }

  @Test
  void local_manifests_chart_and_scrape_durations_reach_the_environment(@TempDir Path dir)
      throws IOException {
    Path manifests = Files.createDirectory(dir.resolve("kube-prometheus"));
    Path archive = Files.writeString(dir.resolve("kp.tar.gz"), "x");
    Path chart = Files.createDirectory(dir.resolve("milvus"));
    Files.writeString(
        chart.resolve("Chart.yaml"), "apiVersion: v2\nname: milvus\nversion: 5.0.19\n");

    EnvironmentConfig config =
        CliArguments.parse(
                "up",
                "--context=lab",
                "--kube-prometheus=" + manifests,
                "--local-chart=" + chart,
                "--scrape-interval=1m30s",
                "--scrape-timeout=5s")
            .environmentConfig(Path.of("r"));
    EnvironmentConfig fromArchive =
        CliArguments.parse("up", "--kube-prometheus=" + archive).environmentConfig(Path.of("r"));

    assertThat(config.manifests()).isEqualTo(ManifestSource.directory(manifests));
    assertThat(fromArchive.manifests()).isEqualTo(ManifestSource.archive(archive));
    assertThat(config.milvus().localChart()).isEqualTo(chart);
    assertThat(config.milvus().serviceMonitorInterval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.milvus().scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void refuses_a_scrape_interval_that_is_not_a_duration_naming_the_flag() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--scrape-interval=30"))
        .isInstanceOf(CliUsageException.class)
        .hasMessageStartingWith("Invalid value '30' for --scrape-interval: ");
    assertThatThrownBy(() -> CliArguments.parse("up", "--scrape-timeout=0s"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage("Invalid value '0s' for --scrape-timeout: it must be longer than 0s.");
    assertThatThrownBy(() -> CliArguments.parse("up", "--scrape-interval=144115188075855873h"))
        .as("once wrapped around to 1h")
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "Invalid value '144115188075855873h' for --scrape-interval: '144115188075855873h' is longer than"
                + " any duration Prometheus accepts (about 292 years, int64 nanoseconds). Use forms like 30s, 1m30s, 500ms or"
                + " PT30S.");
  }

  @Test
  void refuses_paths_that_do_not_exist_naming_the_flag(@TempDir Path dir) {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> CliArguments.parse("up", "--local-chart=" + missing))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "Option --local-chart names "
                + missing
                + ", which does not exist; give an existing path.");
    assertThatThrownBy(() -> CliArguments.parse("up", "--kubeconfig=" + dir))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "Option --kubeconfig names "
                + dir
                + ", which is not a file; give the kubeconfig file itself.");
  }

  @Test
  void refuses_keep_and_k3s_image_where_they_mean_nothing() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--keep"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "Option --keep is for an existing cluster (--kubeconfig or --context); on k3s 'up' always keeps"
                + " everything for the next 'up', and 'down' removes it.");
    assertThatThrownBy(
            () -> CliArguments.parse("up", "--context=lab", "--k3s-image=rancher/k3s:v1.35.0-k3s1"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "Option --k3s-image is for k3s and cannot be combined with --kubeconfig or --context, which use an"
                + " existing cluster; drop one of them.");
    assertThatThrownBy(() -> CliArguments.parse("up", "--context=lab", "--keep=yes"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage("Option --keep takes no value; give it as --keep.");
  }

  @Test
  void refuses_a_scrape_timeout_not_below_the_interval_naming_both_flags() {
    assertThatThrownBy(() -> CliArguments.parse("up", "--scrape-interval=10s"))
        .isInstanceOf(CliUsageException.class)
        .hasMessage(
            "The scrape timeout 10s (--scrape-timeout, default 10s) is not below the scrape interval 10s"
                + " (--scrape-interval, default 30s); the Prometheus operator rejects such a ServiceMonitor. Give a timeout"
                + " shorter than the interval.");
  }
}
