package io.github.milvusmonitored.cli.internal;

import java.nio.file.Path;
import java.util.List;

/** Every text the command line prints that is not a progress line: usage, errors, the down report. */
public final class CliTexts {

  /** The options of {@code up}, as the usage text shows them. */
  public static final List<String> UP_OPTIONS = List.of("--profile=full|minimal",
      "--milvus-profile=standalone|one_pod|cluster", "--k3s-image=<rancher/k3s image>", "--image-tag=<Milvus image tag>",
      "--help");
  /** The options of {@code down}. */
  public static final List<String> DOWN_OPTIONS = List.of("--help");

  /** How to run the command line from the repository, without installing anything. */
  public static final String MAVEN_COMMAND = "./mvnw -B -q -pl library compile exec:java"
      + " -Dexec.mainClass=io.github.milvusmonitored.cli.MilvusMonitoredCli -Dexec.args=\"<command> [options]\"";

  private CliTexts() {}

  /** The text {@code --help} prints. */
  public static String usage() {
    return String.join(System.lineSeparator(),
        "Usage: MilvusMonitoredCli <command> [options]",
        "",
        "Commands:",
        "  up       Start k3s in Docker with kube-prometheus and Milvus, print the kubeconfig and URLs,",
        "           keep the port-forwards open until Ctrl-C. k3s and everything installed stay for the",
        "           next 'up', which then takes seconds. Needs Docker and Testcontainers reuse.",
        "           Options:",
        "             --profile=full|minimal                       kube-prometheus profile; full (default) has Grafana",
        "             --milvus-profile=standalone|one_pod|cluster  Milvus chart profile (default standalone)",
        "             --k3s-image=<rancher/k3s image>              default rancher/k3s:v1.35.0-k3s1",
        "             --image-tag=<Milvus image tag>               default v2.6.15",
        "  down     Remove the k3s container(s) that 'up' kept, with their volumes, and the kubeconfig copy.",
        "  images   Print the images a configuration needs; 'images --help' lists its options.",
        "  audit    Audit a Grafana dashboard (Milvus's own by default) against a running environment's",
        "           Prometheus: which panels are empty, and why; 'audit --help' lists its options.",
        "",
        "Run from the repository:",
        "  " + MAVEN_COMMAND,
        "Add -Dexec.classpathScope=test to see the progress lines (it puts an SLF4J binding on the classpath).",
        "");
  }

  public static String noCommand() {
    return "No command given. Valid commands: up, down, images, audit, --help." + System.lineSeparator() + usage();
  }

  public static String unknownCommand(String command) {
    return "Unknown command '" + command + "'. Valid commands: up, down, images, audit, --help.";
  }

  public static String unknownOption(String option, String command, List<String> valid) {
    return "Unknown option '" + option + "' for '" + command + "'. Valid options: " + String.join(", ", valid) + ".";
  }

  public static String unexpectedArgument(String argument, String command, List<String> valid) {
    return "Unexpected argument '" + argument + "' for '" + command + "': it takes options only. Valid options: "
        + String.join(", ", valid) + ".";
  }

  public static String missingValue(String option) {
    return "Option " + option + " needs a value in the form " + option + "=<value>.";
  }

  public static String repeatedOption(String option) {
    return "Option " + option + " is given more than once; give it once.";
  }

  public static String unknownValue(String option, String value, List<String> valid) {
    return "Unknown value '" + value + "' for " + option + ". Valid values: " + String.join(", ", valid) + ".";
  }

  /**
   * What to do when Testcontainers reuse is off: without it the k3s container would be removed when
   * the JVM exits and the next {@code up} would start from nothing.
   */
  public static String reuseNotEnabled(Path userConfigFile) {
    return String.join(System.lineSeparator(),
        "Testcontainers reuse is not enabled, so 'up' cannot keep k3s running after it exits; nothing was started.",
        "Testcontainers reads testcontainers.reuse.enable from the environment variable TESTCONTAINERS_REUSE_ENABLE,",
        "then from " + userConfigFile + " (a testcontainers.properties on the classpath does not count).",
        "Enable it in one of these ways, then run 'up' again:",
        "  echo 'testcontainers.reuse.enable=true' >> " + userConfigFile,
        "  export TESTCONTAINERS_REUSE_ENABLE=true      (this shell only)",
        "");
  }

  public static String dockerMissing(String cause) {
    return "Docker is not available (" + cause + "). 'up' and 'down' talk to the Docker engine Testcontainers"
        + " finds (DOCKER_HOST, the default socket, or ~/.testcontainers.properties). Start Docker, check"
        + " 'docker info', and run the command again." + System.lineSeparator();
  }

  /** What {@code down} did. */
  public static String downReport(List<String> removed, int leftAlone, Path kubeconfig, boolean kubeconfigDeleted) {
    StringBuilder out = new StringBuilder();
    if (removed.isEmpty()) {
      out.append("Nothing was running: no k3s container kept by 'up' (label io.github.milvusmonitored.cluster=k3s,"
          + " reused by Testcontainers).").append(System.lineSeparator());
    }
    removed.forEach(c -> out.append("Removed ").append(c).append(" and its volumes.").append(System.lineSeparator()));
    if (leftAlone > 0) {
      out.append("Left alone ").append(leftAlone).append(" k3s container(s) of running tests (not reused; Testcontainers"
          + " removes them when their JVM exits).").append(System.lineSeparator());
    }
    if (kubeconfigDeleted) {
      out.append("Deleted ").append(kubeconfig).append('.').append(System.lineSeparator());
    }
    return out.toString();
  }
}
