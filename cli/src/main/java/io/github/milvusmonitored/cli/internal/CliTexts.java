package io.github.milvusmonitored.cli.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * Every text the command line prints that is not a progress line: usage, errors, the down report.
 */
public final class CliTexts {

  /** The options of {@code up}, as the usage text shows them. */
  public static final List<String> UP_OPTIONS =
      List.of(
          "--stack-profile=full|minimal",
          "--milvus-profile=standalone|one_pod|cluster",
          "--k3s-image=<rancher/k3s image>",
          "--image-tag=<Milvus image tag>",
          "--kubeconfig=<file>",
          "--context=<name>",
          "--kube-prometheus=<v0.18.0 .tar.gz or folder>",
          "--local-chart=<chart folder or .tgz>",
          "--scrape-interval=<duration>",
          "--scrape-timeout=<duration>",
          "--keep",
          "--stack=install|existing|auto",
          "--help");

  /** The options of {@code down}. */
  public static final List<String> DOWN_OPTIONS = List.of("--help");

  /** The exit codes, as {@code --help} lists them. */
  public static final int DONE = 0;

  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int REUSE_NOT_ENABLED = 3;
  public static final int NOT_RUNNING = 4;

  /** The JVM's exit code when Ctrl-C (SIGINT) stops it: 128 + 2. */
  public static final int STOPPED_BY_SIGINT = 130;

  /** The JVM's exit code when SIGTERM stops it: 128 + 15. */
  public static final int STOPPED_BY_SIGTERM = 143;

  private CliTexts() {}

  /**
   * {@code java -jar milvus-monitored-cli-<version>.jar}, with the version of the jar when known.
   */
  public static String command() {
    String version = CliTexts.class.getPackage().getImplementationVersion();
    return "java -jar milvus-monitored-cli-" + (version == null ? "<version>" : version) + ".jar";
  }

  public static String stackNeedsExistingCluster() {
    return "--stack applies to an existing cluster: give --kubeconfig=<file> or --context=<name> with it (on k3s"
        + " the library always installs kube-prometheus).";
  }

  /** The text {@code --help} prints. */
  public static String usage() {
    return String.join(
        System.lineSeparator(),
        "Usage: " + command() + " <command> [options]",
        "",
        "Commands:",
        "  up       Start k3s in Docker with kube-prometheus and Milvus, print the kubeconfig and URLs,",
        "           keep the port-forwards open until Ctrl-C. k3s and everything installed stay for the",
        "           next 'up', which then takes seconds. Needs Docker and Testcontainers reuse.",
        "           Options (--name=value or --name value):",
        "             --stack-profile=full|minimal                 kube-prometheus profile; full (default) has Grafana",
        "                                                          (--profile is the same option)",
        "             --milvus-profile=standalone|one_pod|cluster  Milvus chart profile (default standalone)",
        "             --k3s-image=<rancher/k3s image>              default rancher/k3s:v1.35.0-k3s1",
        "             --image-tag=<Milvus image tag>               default v2.6.24",
        "             --kubeconfig=<file>, --context=<name>        use this existing cluster instead of k3s (no",
        "                                                          Docker, no reuse needed); Ctrl-C then removes what",
        "                                                          this 'up' installed, and only that",
        "             --keep                                       existing cluster: leave it installed on Ctrl-C",
        "             --stack=install|existing|auto                existing cluster: install kube-prometheus (default),",
        "                                                          use its operator-based stack as it is, or choose",
        "             --kube-prometheus=<v0.18.0 .tar.gz or folder> local manifests instead of downloading them",
        "             --local-chart=<chart folder or .tgz>         local Milvus chart instead of downloading it",
        "             --scrape-interval=<duration>, --scrape-timeout=<duration>",
        "                                                          Milvus ServiceMonitor, e.g. 30s, 1m30s (default 30s, 10s)",
        "  down     Remove the k3s container(s) that 'up' kept, with their volumes, and the kubeconfig copy.",
        "  status   Show the k3s container(s) that 'up' kept and the kubeconfig copy.",
        "  images   Print the images a configuration needs; 'images --help' lists its options. Offline, give",
        "           --local-chart=<chart folder or .tgz> and --kube-prometheus=<v0.18.0 .tar.gz or folder>.",
        "  audit    Audit a Grafana dashboard (Milvus's own by default) against a running environment's",
        "           Prometheus: which panels are empty, and why; 'audit --help' lists its options.",
        "  check-upgrade  Check the PromQL of rule files, dashboards or lists against another Milvus release:",
        "           what matches nothing or means something else, and the rewrite; 'check-upgrade --help'.",
        "  capture-catalogue  Write the metric catalogue of a running Milvus from its /metrics;",
        "           'capture-catalogue --help' lists its options.",
        "",
        "Every command takes:",
        "  -h, --help   print its usage",
        "  --debug      on failure also print the stack trace (to report a bug); without it a failure is one",
        "               paragraph: what happened, the value, the likely cause, what to do",
        "",
        "Exit codes:",
        "  0  done; 'status' found a kept k3s running",
        "  1  failed: Docker missing, the start failed, an input could not be read (a kubeconfig, an archive,",
        "     a server that refuses, errs or does not answer in time), the images could not be listed,",
        "     an unexpected failure (it says so)",
        "  2  the command line cannot be used: unknown command or option, a missing or invalid value (a path",
        "     that does not exist, a URL, a duration, a report path that cannot be written); nothing was run",
        "  3  'up' on k3s: Testcontainers reuse is not enabled",
        "  4  'status': no k3s container kept by 'up' is running; 'audit': panels without data;",
        "     'check-upgrade': selectors that break",
        "  130, 143  'up' was up and stopped by Ctrl-C (SIGINT), SIGTERM (the JVM's 128 + signal)",
        "");
  }

  /** Where to read the usage after a usage error of {@code command}. */
  public static String helpHint(String command) {
    return switch (command) {
      case "images", "audit", "check-upgrade", "capture-catalogue" ->
          "Run '" + command + " --help' for the usage.";
      default -> "Run with --help for the usage.";
    };
  }

  /** A command stopped on what the library reported: its message and the cause chain, once. */
  public static String commandFailed(String command, String causeChain) {
    return "'" + command + "' failed: " + causeChain;
  }

  /**
   * A failure the command line did not foresee: most likely a bug, to be reported with the stack
   * trace.
   */
  public static String unexpectedFailure(String command, String causeChain, String type) {
    return "Unexpected failure in '"
        + (command.isEmpty() ? "(no command)" : command)
        + "': "
        + causeChain
        + " ("
        + type
        + "). This is most likely a bug in milvus-monitored rather than a problem of the input: run the same"
        + " command again with --debug and report it with that output at"
        + " https://github.com/milvus-monitored/milvus-monitored/issues.";
  }

  /** The line each usage text ends its options with. */
  public static final String DEBUG_OPTION =
      "  --debug                        on failure also print the stack trace (every command takes it)";

  public static String noCommand() {
    return "No command given. Valid commands: up, down, status, images, audit, check-upgrade, capture-catalogue, --help."
        + System.lineSeparator()
        + usage();
  }

  public static String unknownCommand(String command) {
    return "Unknown command '"
        + command
        + "'. Valid commands: up, down, status, images, audit, check-upgrade, capture-catalogue, --help.";
  }

  public static String unknownOption(String option, String command, List<String> valid) {
    return "Unknown option '"
        + option
        + "' for '"
        + command
        + "'. Valid options: "
        + String.join(", ", valid)
        + ".";
  }

  /** An unknown option of {@code images}, whose options are all written {@code --name=value}. */
  public static String unknownImagesOption(String option, List<String> valid) {
    return "Unknown option '"
        + option
        + "' for 'images'. Valid options: "
        + String.join(", ", valid)
        + ".";
  }

  public static String unexpectedArgument(String argument, String command, List<String> valid) {
    return "Unexpected argument '"
        + argument
        + "' for '"
        + command
        + "': it takes options only. Valid options: "
        + String.join(", ", valid)
        + ".";
  }

  public static String missingValue(String option) {
    return "Option " + option + " needs a value in the form " + option + "=<value>.";
  }

  public static String requiredOption(String option, String command) {
    return "Option " + option + " is required for '" + command + "'.";
  }

  public static String repeatedOption(String option) {
    return "Option " + option + " is given more than once; give it once.";
  }

  public static String takesNoValue(String option) {
    return "Option " + option + " takes no value; give it as " + option + ".";
  }

  public static String noSuchPath(String option, Path path) {
    return "Option " + option + " names " + path + ", which does not exist; give an existing path.";
  }

  public static String notAFile(String option, Path path) {
    return "Option "
        + option
        + " names "
        + path
        + ", which is not a file; give the kubeconfig file itself.";
  }

  public static String scrapeTimeoutNotBelowInterval(String timeout, String interval) {
    return "The scrape timeout "
        + timeout
        + " (--scrape-timeout, default 10s) is not below the scrape interval "
        + interval
        + " (--scrape-interval, default 30s); the Prometheus operator rejects such a ServiceMonitor. Give a timeout"
        + " shorter than the interval.";
  }

  public static String k3sImageOnExistingCluster() {
    return "Option --k3s-image is for k3s and cannot be combined with --kubeconfig or --context, which use an"
        + " existing cluster; drop one of them.";
  }

  public static String keepNeedsExistingCluster() {
    return "Option --keep is for an existing cluster (--kubeconfig or --context); on k3s 'up' always keeps"
        + " everything for the next 'up', and 'down' removes it.";
  }

  public static String invalidValue(String option, String value, String problem) {
    return "Invalid value '" + value + "' for " + option + ": " + problem;
  }

  public static String invalidUrl(String option, String value, String problem) {
    return "Invalid value '"
        + value
        + "' for "
        + option
        + ": "
        + problem
        + ". Give an absolute http or https URL,"
        + " e.g. "
        + option
        + "=http://localhost:9090.";
  }

  public static String unwritablePath(String option, String value, String problem) {
    return "Cannot write to '"
        + value
        + "' ("
        + option
        + "): "
        + problem
        + ". Give "
        + option
        + " a path this user can write; nothing was run.";
  }

  public static String reportNotWritten(String option, Path target, String why) {
    return "The report could not be written to "
        + target
        + " ("
        + option
        + "): "
        + why
        + ". Give "
        + option
        + " a path this user can write.";
  }

  public static String unknownValue(String option, String value, List<String> valid) {
    return "Unknown value '"
        + value
        + "' for "
        + option
        + ". Valid values: "
        + String.join(", ", valid)
        + ".";
  }

  /**
   * What to do when Testcontainers reuse is off: without it the k3s container would be removed when
   * the JVM exits and the next {@code up} would start from nothing.
   */
  public static String reuseNotEnabled(Path userConfigFile) {
    return String.join(
        System.lineSeparator(),
        "Testcontainers reuse is not enabled, so 'up' cannot keep k3s running after it exits; nothing was started.",
        "Testcontainers reads testcontainers.reuse.enable from the environment variable TESTCONTAINERS_REUSE_ENABLE,",
        "then from "
            + userConfigFile
            + " (a testcontainers.properties on the classpath does not count).",
        "Enable it in one of these ways, then run 'up' again:",
        "  echo 'testcontainers.reuse.enable=true' >> " + userConfigFile,
        "  export TESTCONTAINERS_REUSE_ENABLE=true      (this shell only)",
        "");
  }

  /**
   * Why {@code up} stopped: the library's account, the flags that decide the failed phase, and what
   * was left behind.
   */
  public static String upFailed(
      String causeChain, String phase, boolean existingCluster, boolean keep) {
    StringBuilder out = new StringBuilder(causeChain);
    String flags =
        phase == null
            ? null
            : switch (phase) {
              case "configuration checked", "cluster up" ->
                  existingCluster
                      ? "--kubeconfig=<file> and --context=<name> (kubectl --kubeconfig <file> cluster-info checks them)"
                      : null;
              case "manifests verified" ->
                  "--kube-prometheus=<v0.18.0 .tar.gz or folder> (without it v0.18.0 is downloaded)";
              default -> null;
            };
    if (flags != null) {
      out.append(System.lineSeparator())
          .append("The options that decide this: ")
          .append(flags)
          .append('.');
    }
    if (causeChain.contains("Nothing was installed")) {
      return out.toString();
    }
    out.append(System.lineSeparator())
        .append(
            existingCluster && !keep
                ? "What this 'up' installed was removed; --keep leaves it for inspection."
                : existingCluster
                    ? "Everything is left as it is for inspection."
                    : "Everything is left as it is for inspection; 'down' removes it.");
    return out.toString();
  }

  public static String dockerMissing(String cause) {
    return "Docker is not available ("
        + cause
        + "). 'up', 'down' and 'status' talk to the Docker engine Testcontainers"
        + " finds (DOCKER_HOST, the default socket, or ~/.testcontainers.properties). Start Docker, check"
        + " 'docker info', and run the command again."
        + System.lineSeparator();
  }

  /** What {@code down} did. */
  public static String downReport(
      List<String> removed, int leftAlone, Path kubeconfig, boolean kubeconfigDeleted) {
    StringBuilder out = new StringBuilder();
    if (removed.isEmpty()) {
      out.append(
              "Nothing was running: no k3s container kept by 'up' (label io.github.milvusmonitored.cluster=k3s,"
                  + " reused by Testcontainers).")
          .append(System.lineSeparator());
    }
    removed.forEach(
        c ->
            out.append("Removed ")
                .append(c)
                .append(" and its volumes.")
                .append(System.lineSeparator()));
    if (leftAlone > 0) {
      out.append("Left alone ")
          .append(leftAlone)
          .append(
              " k3s container(s) of running tests (not reused; Testcontainers"
                  + " removes them when their JVM exits).")
          .append(System.lineSeparator());
    }
    if (kubeconfigDeleted) {
      out.append("Deleted ").append(kubeconfig).append('.').append(System.lineSeparator());
    }
    return out.toString();
  }

  /** What {@code status} found. */
  public static String statusReport(
      List<String> running, List<String> stopped, Path kubeconfig, boolean kubeconfigExists) {
    StringBuilder out = new StringBuilder();
    if (running.isEmpty() && stopped.isEmpty()) {
      out.append("Nothing is running: no k3s container kept by 'up'. Start one with '")
          .append(command())
          .append(" up'.")
          .append(System.lineSeparator());
    }
    running.forEach(
        c -> out.append("Running: ").append(c).append('.').append(System.lineSeparator()));
    stopped.forEach(
        c ->
            out.append("Stopped: ")
                .append(c)
                .append("; 'up' starts it again, 'down' removes it.")
                .append(System.lineSeparator()));
    out.append(
            kubeconfigExists
                ? "Kubeconfig: " + kubeconfig + " (export KUBECONFIG=" + kubeconfig + ")"
                : "Kubeconfig: none at " + kubeconfig + " ('up' writes it)")
        .append(System.lineSeparator());
    return out.toString();
  }

  /** Why {@code images} stopped, with the flags that avoid the network. */
  public static String imagesFailed(String what, boolean localChart, boolean localManifests) {
    StringBuilder out = new StringBuilder("Cannot list the images: ").append(what);
    if (!localChart || !localManifests) {
      out.append(System.lineSeparator())
          .append("Without network access give the inputs as files: ");
      List<String> flags = new java.util.ArrayList<>();
      if (!localChart) {
        flags.add("--local-chart=<Milvus chart folder or .tgz>");
      }
      if (!localManifests) {
        flags.add("--kube-prometheus=<kube-prometheus v0.18.0 .tar.gz or folder>");
      }
      out.append(String.join(" and ", flags)).append('.');
    }
    return out.append(System.lineSeparator()).toString();
  }

  /** The text {@code capture-catalogue --help} prints. */
  public static String captureUsage() {
    return String.join(
        System.lineSeparator(),
        "Usage: "
            + command()
            + " capture-catalogue --metrics=<URL or file> --version=<Milvus version> [--out=<file>]",
        "",
        "Reads a Milvus /metrics exposition (http://<host>:9091/metrics of a running Milvus, or a saved copy) and",
        "writes the metric catalogue of that release: one line per Milvus family with its type, its labels and the",
        "values of status, cause and query_type seen. Without --out it prints the catalogue. A URL is read within",
        "20 s (headers and body) and up to 64 MiB.",
        "Options (--name=value or --name value): --metrics, --version, --out; -h, --help this text; --debug on",
        "failure also print the stack trace.",
        "Exit codes: 0 written, 1 the exposition could not be read or holds no Milvus family, 2 bad command line.",
        "");
  }

  public static String captureUnreadable(String source, String why) {
    return "Cannot read the exposition from "
        + source
        + ": "
        + why
        + ". Give --metrics=<URL or file>: the metrics"
        + " port of a running Milvus (http://<host>:9091/metrics) or a file saved from it.";
  }

  public static String captureEmpty(String source) {
    return "The exposition from "
        + source
        + " holds no Milvus family (no milvus_, knowhere_, internal_ or segcore_"
        + " metric with a # TYPE line). Check that --metrics names Milvus's metrics port, not another exporter.";
  }

  /** The text {@code check-upgrade --help} prints. */
  public static String checkUpgradeUsage() {
    return String.join(
        System.lineSeparator(),
        "Usage: "
            + command()
            + " check-upgrade --from=<Milvus version> --to=<Milvus version> [inputs] [--report=<file.md>]",
        "",
        "Checks PromQL written for one Milvus release against another: each selector that matches nothing or means",
        "something else after the upgrade (metric renamed or removed, label added or removed, a label value that no",
        "longer occurs), with the rewrite that keeps it working. Prints a Markdown report.",
        "Options (--name=value or --name value; inputs may be repeated):",
        "  --from=<Milvus version>                 the release the queries were written for, e.g. v2.6.18",
        "  --to=<Milvus version>                   the release to upgrade to, e.g. v2.6.19",
        "  --rules=<rule file or PrometheusRule>   YAML: groups[].rules[].expr or spec.groups[].rules[].expr",
        "  --dashboard=<Grafana dashboard file>    every panel's Prometheus queries",
        "  --queries=<file>                        one PromQL expression per line (# starts a comment)",
        "  --report=<file.md>                      also write the report to this file",
        "  -h, --help                              print this text",
        "  --debug                                 on failure also print the stack trace",
        "Covered releases: "
            + String.join(
                ", ", io.github.milvusmonitored.catalogue.CatalogueCoverage.coveredInWords())
            + "; others are read with the nearest, and the report says so.",
        "Exit codes: 0 nothing breaks, 4 some selector breaks, 1 an input could not be read, 2 bad command line.",
        "");
  }

  public static String checkUpgradeNoInput() {
    return "Nothing to check: give at least one of --rules=<file>, --dashboard=<file>, --queries=<file>.";
  }
}
