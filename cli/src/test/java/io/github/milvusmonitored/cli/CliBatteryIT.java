package io.github.milvusmonitored.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs, as a new user gives them, to the shaded jar run as a process: kubeconfigs that are no
 * kubeconfig or point at a server that refuses, errs or never answers, kube-prometheus archives
 * that are not gzip, truncated or tampered, folders that are no chart, durations and URLs that are
 * none, Prometheus and /metrics servers that misbehave, report paths that cannot be written,
 * unknown commands and options. Each must end within its bound with the README's exit code and one
 * paragraph, never a stack trace (except with {@code --debug}), and no planted secret may appear in
 * the output or in any file written under the run's folders. Every server is on 127.0.0.1; the
 * cases run in parallel.
 */
class CliBatteryIT {

  private static final Path JAR = Path.of(System.getProperty("cli.jar"));
  private static final Path FIXTURES = Path.of(System.getProperty("cli.fixtures"));
  private static final String TOKEN = "s3cr3t-token-7f3a9c";
  private static final String PASSWORD = "s3cr3t-pass-41d2";
  private static final String VALUES_SECRET = "s3cr3t-minio-9e8b";
  private static final List<String> SECRETS = List.of(TOKEN, PASSWORD, VALUES_SECRET);

  /**
   * The library's reach timeout for an API server, plus the JVM's start and the failure's report.
   */
  private static final Duration KUBE_BOUND = Duration.ofSeconds(15 + 15);

  /** The Prometheus client's whole-exchange deadline (10 s), plus start. */
  private static final Duration PROMETHEUS_BOUND = Duration.ofSeconds(10 + 15);

  /** capture-catalogue's whole-exchange deadline (20 s), plus start. */
  private static final Duration METRICS_BOUND = Duration.ofSeconds(20 + 15);

  private static final Duration QUICK = Duration.ofSeconds(20);

  /** A dashboard URL's whole-exchange deadline (1 min), plus start. */
  private static final Duration DASHBOARD_BOUND = Duration.ofSeconds(60 + 15);

  @TempDir static Path root;

  private static final LoopbackServers SERVERS = new LoopbackServers();
  private static final Map<Case, CompletableFuture<Run>> RUNS = new LinkedHashMap<>();
  private static ExecutorService pool;

  record Case(
      String name, List<String> args, int code, Duration bound, String paragraph, boolean debug) {
    static Case of(String name, int code, Duration bound, String paragraph, String... args) {
      return new Case(name, List.of(args), code, bound, paragraph, false);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Run(int code, String out, String err, Duration took, Path folder) {
    String all() {
      return out + err;
    }

    /** stderr without the timestamped progress lines: the paragraph a failure prints. */
    String paragraph() {
      return err.lines()
          .filter(l -> !l.matches("\\d\\d:\\d\\d:\\d\\d \\[[A-Z]+\\] .*") && !l.startsWith("  "))
          .collect(Collectors.joining("\n"));
    }
  }

  @BeforeAll
  static void start_every_case() throws Exception {
    Path in = Files.createDirectories(root.resolve("inputs"));
    String closed = LoopbackServers.closedPort();
    String error500 = SERVERS.answering(500, "text/plain", "internal error");
    String html = SERVERS.answering(200, "text/html", "<html><body>Sign in</body></html>");
    String drip = SERVERS.dripping();
    String closing = SERVERS.closing();
    String silent = SERVERS.silent();
    String noMilvus = SERVERS.answering(200, "text/plain", "# TYPE up gauge\nup 1\n");

    Path garbage =
        write(in.resolve("garbage.yaml"), "apiVersion: v1\nkind: [Config\ntoken: " + TOKEN + "\n");
    Path empty = write(in.resolve("empty.yaml"), "");
    Path array = write(in.resolve("array.json"), "[{\"token\": \"" + TOKEN + "\"}]");
    Path noContexts =
        write(
            in.resolve("no-contexts.yaml"),
            "apiVersion: v1\nkind: Config\nclusters: []\n"
                + "contexts: []\nusers:\n- name: u\n  user:\n    token: "
                + TOKEN
                + "\n");
    Path closedKube = kubeconfig(in, "closed", closed);
    Path kube500 = kubeconfig(in, "500", error500);
    Path kubeSilent = kubeconfig(in, "silent", silent);
    Path notGzip = write(in.resolve("not-gzip.tar.gz"), "this is no archive\n");
    Path fixtureArchive =
        tarGz(
            FIXTURES.resolve("kube-prometheus-fixture"),
            in.resolve("kube-prometheus.tar.gz"),
            "kube-prometheus-0.18.0",
            null);
    Path truncated = in.resolve("truncated.tar.gz");
    byte[] whole = Files.readAllBytes(fixtureArchive);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path tampered =
        tarGz(
            FIXTURES.resolve("kube-prometheus-fixture"),
            in.resolve("tampered.tar.gz"),
            "kube-prometheus-0.18.0",
            "manifests/nodeExporter-daemonset.yaml");
    Path notAChart = Files.createDirectories(in.resolve("not-a-chart"));
    write(notAChart.resolve("values.yaml"), "image: milvus\n");
    Path chart = FIXTURES.resolve("milvus-chart-fixture");
    Path values =
        write(
            in.resolve("values-with-secrets.yaml"),
            "minio:\n  rootPassword: "
                + VALUES_SECRET
                + "\n  secretKey: "
                + VALUES_SECRET
                + "\n  password: ["
                + VALUES_SECRET
                + "\n");
    Path dashboard = FIXTURES.resolve("dashboards/audit-features.json");
    Path aFile = write(in.resolve("a-file.txt"), "not a folder\n");
    Path aFolder = Files.createDirectories(in.resolve("a-folder"));
    Path rules = FIXTURES.resolve("upgrade/milvus-alerts.yaml");
    Path notYaml = FIXTURES.resolve("upgrade/not-yaml.yaml");
    String userInfo = "http://monitor:" + PASSWORD + "@";

    List<Case> cases = new ArrayList<>();
    // Unknown commands, options and missing values: exit 2, nothing run.
    cases.add(Case.of("unknown command", 2, QUICK, "Unknown command 'start'.", "start"));
    cases.add(Case.of("no command", 2, QUICK, "No command given.", new String[0]));
    cases.add(
        Case.of(
            "up unknown option",
            2,
            QUICK,
            "Unknown option '--grafana' for 'up'.",
            "up",
            "--grafana"));
    cases.add(
        Case.of(
            "audit unknown option",
            2,
            QUICK,
            "Unknown option '--grafana=on' for 'audit'.",
            "audit",
            "--grafana=on"));
    cases.add(
        Case.of(
            "images unknown option",
            2,
            QUICK,
            "Unknown option '--profile=full' for 'images'.",
            "images",
            "--profile=full"));
    cases.add(
        Case.of(
            "up missing value",
            2,
            QUICK,
            "Option --kubeconfig needs a value",
            "up",
            "--kubeconfig"));
    cases.add(
        Case.of(
            "audit missing value",
            2,
            QUICK,
            "Option --prometheus needs a value",
            "audit",
            "--prometheus"));
    cases.add(
        Case.of(
            "images missing value",
            2,
            QUICK,
            "Option --local-chart needs a value",
            "images",
            "--local-chart="));
    cases.add(
        Case.of(
            "check-upgrade missing option",
            2,
            QUICK,
            "Option --to is required for 'check-upgrade'.\n"
                + "Run 'check-upgrade --help' for the usage.",
            "check-upgrade",
            "--from=v2.6.18",
            "--rules=" + rules));
    cases.add(
        Case.of(
            "check-upgrade unknown version",
            2,
            QUICK,
            "Invalid value 'latest' for --from:",
            "check-upgrade",
            "--from=latest",
            "--to=v2.6.24",
            "--rules=" + rules));
    cases.add(
        Case.of(
            "images stack profile huge",
            2,
            QUICK,
            "Unknown value 'huge' for --stack-profile. Valid values: minimal, full.",
            "images",
            "--stack-profile=huge"));
    cases.add(
        Case.of(
            "up stack profile huge",
            2,
            QUICK,
            "Unknown value 'huge' for --stack-profile. Valid values: minimal, full.",
            "up",
            "--profile=huge"));
    cases.add(
        Case.of(
            "up kubeconfig absent",
            2,
            QUICK,
            "Option --kubeconfig names ",
            "up",
            "--kubeconfig=" + in.resolve("absent.yaml")));
    cases.add(
        Case.of(
            "up kubeconfig is a folder",
            2,
            QUICK,
            "Option --kubeconfig names ",
            "up",
            "--kubeconfig=" + aFolder));
    // Chart folders without Chart.yaml.
    cases.add(
        Case.of(
            "up chart without Chart.yaml",
            2,
            QUICK,
            "Local chart " + notAChart + " is a folder without" + " Chart.yaml",
            "up",
            "--kubeconfig=" + closedKube,
            "--local-chart=" + notAChart));
    cases.add(
        Case.of(
            "images chart without Chart.yaml",
            2,
            QUICK,
            "Local chart " + notAChart + " is a folder" + " without Chart.yaml",
            "images",
            "--local-chart=" + notAChart,
            "--kube-prometheus=" + notGzip));
    // Durations.
    cases.add(
        Case.of(
            "scrape interval 0s",
            2,
            QUICK,
            "Invalid value '0s' for --scrape-interval: it must be longer" + " than 0s.",
            "up",
            "--kubeconfig=" + closedKube,
            "--scrape-interval=0s"));
    cases.add(
        Case.of(
            "scrape interval negative",
            2,
            QUICK,
            "Invalid value '-5s' for --scrape-interval: '-5s' is" + " not a duration.",
            "up",
            "--kubeconfig=" + closedKube,
            "--scrape-interval=-5s"));
    cases.add(
        Case.of(
            "scrape interval overflow",
            2,
            QUICK,
            "Invalid value '144115188075855873h' for"
                + " --scrape-interval: '144115188075855873h' is longer than any duration Prometheus accepts",
            "up",
            "--kubeconfig=" + closedKube,
            "--scrape-interval=144115188075855873h"));
    cases.add(
        Case.of(
            "scrape timeout garbage",
            2,
            QUICK,
            "Invalid value 'soon' for --scrape-timeout: 'soon' is not" + " a duration.",
            "up",
            "--kubeconfig=" + closedKube,
            "--scrape-timeout=soon"));
    cases.add(
        Case.of(
            "scrape timeout not below interval",
            2,
            QUICK,
            "The scrape timeout 30s (--scrape-timeout,"
                + " default 10s) is not below the scrape interval 30s",
            "up",
            "--kubeconfig=" + closedKube,
            "--scrape-timeout=30s"));
    cases.add(
        Case.of(
            "audit range 0s",
            2,
            QUICK,
            "Invalid value '0s' for --range: it must be longer than 0s;",
            "audit",
            "--dashboard=" + dashboard,
            "--range=0s"));
    cases.add(
        Case.of(
            "audit range negative",
            2,
            QUICK,
            "Invalid value '-1m' for --range: it is not a duration",
            "audit",
            "--dashboard=" + dashboard,
            "--range=-1m"));
    cases.add(
        Case.of(
            "audit range overflow",
            2,
            QUICK,
            "Invalid value '99999999999999999999h' for --range: it is" + " not a duration",
            "audit",
            "--dashboard=" + dashboard,
            "--range=99999999999999999999h"));
    cases.add(
        Case.of(
            "audit scrape interval garbage",
            2,
            QUICK,
            "Invalid value 'x' for --scrape-interval: it is" + " not a duration",
            "audit",
            "--dashboard=" + dashboard,
            "--scrape-interval=x"));
    // URLs.
    cases.add(
        Case.of(
            "audit prometheus not a URL",
            2,
            QUICK,
            "Invalid value 'notaurl' for --prometheus: it has no" + " scheme.",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=notaurl"));
    cases.add(
        Case.of(
            "audit prometheus ftp",
            2,
            QUICK,
            "Invalid value 'ftp://x' for --prometheus: the scheme is"
                + " 'ftp', not http or https.",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=ftp://x"));
    cases.add(
        Case.of(
            "audit prometheus bad URL with password",
            2,
            QUICK,
            "Invalid value 'http://monitor:***@" + "[bad:9090' for --prometheus: it is not a URL",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + userInfo + "[bad:9090"));
    cases.add(
        Case.of(
            "capture metrics ftp",
            2,
            QUICK,
            "Invalid value 'ftp://x/metrics' for --metrics: the scheme",
            "capture-catalogue",
            "--metrics=ftp://x/metrics",
            "--version=v2.6.24"));
    // Report paths.
    cases.add(
        Case.of(
            "audit report is a file",
            2,
            QUICK,
            "Cannot write to '"
                + aFile
                + "' (--report): it is a"
                + " file, and a folder is needed.",
            "audit",
            "--dashboard=" + dashboard,
            "--report=" + aFile));
    cases.add(
        Case.of(
            "audit report under a file",
            2,
            QUICK,
            "Cannot write to '"
                + aFile.resolve("report")
                + "' (--report): the folder cannot be created",
            "audit",
            "--dashboard=" + dashboard,
            "--report=" + aFile.resolve("report")));
    cases.add(
        Case.of(
            "check-upgrade report is a folder",
            2,
            QUICK,
            "Cannot write to '"
                + aFolder
                + "' (--report):"
                + " it is a folder, and a file is needed.",
            "check-upgrade",
            "--from=v2.6.18",
            "--to=v2.6.19",
            "--rules=" + rules,
            "--report=" + aFolder));
    cases.add(
        Case.of(
            "check-upgrade report under a file",
            2,
            QUICK,
            "Cannot write to '" + aFile.resolve("r.md") + "' (--report): its folder",
            "check-upgrade",
            "--from=v2.6.18",
            "--to=v2.6.19",
            "--rules=" + rules,
            "--report=" + aFile.resolve("r.md")));
    cases.add(
        Case.of(
            "capture out is a folder",
            2,
            QUICK,
            "Cannot write to '" + aFolder + "' (--out): it is a" + " folder",
            "capture-catalogue",
            "--metrics=" + aFile,
            "--version=v2.6.24",
            "--out=" + aFolder));
    // Kubeconfigs: the library checks them offline, then asks the API server within 15 s.
    cases.add(
        Case.of(
            "kubeconfig garbage YAML",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up: phase"
                + " 'configuration checked' failed: Could not read the kubeconfig",
            "up",
            "--kubeconfig=" + garbage,
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig garbage YAML, values after a space",
            1,
            KUBE_BOUND,
            "The monitored environment did"
                + " not come up: phase 'configuration checked' failed: Could not read the kubeconfig",
            "up",
            "--kubeconfig",
            garbage.toString(),
            "--stack",
            "existing"));
    cases.add(
        Case.of(
            "kubeconfig empty",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up: phase"
                + " 'configuration checked' failed: Could not read the kubeconfig",
            "up",
            "--kubeconfig=" + empty,
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig JSON array",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up: phase"
                + " 'configuration checked' failed: Could not read the kubeconfig",
            "up",
            "--kubeconfig=" + array,
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig without contexts",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up:"
                + " phase 'configuration checked' failed: Context",
            "up",
            "--kubeconfig=" + noContexts,
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig absent context",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up: phase"
                + " 'configuration checked' failed: Context 'nope' is not in the kubeconfig",
            "up",
            "--kubeconfig=" + closedKube,
            "--context=nope",
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig server closed port",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up:"
                + " phase 'cluster up' failed: The Kubernetes API server "
                + closed,
            "up",
            "--kubeconfig=" + closedKube,
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig server answers 500",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up:" + " phase 'cluster up' failed: ",
            "up",
            "--kubeconfig=" + kube500,
            "--stack=existing"));
    cases.add(
        Case.of(
            "kubeconfig server never answers",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up:" + " phase 'cluster up' failed: ",
            "up",
            "--kubeconfig=" + kubeSilent,
            "--stack=existing"));
    // kube-prometheus archives.
    cases.add(
        Case.of(
            "up archive not gzip",
            1,
            KUBE_BOUND,
            "The monitored environment did not come up: phase"
                + " 'manifests verified' failed: Cannot read kube-prometheus archive",
            "up",
            "--kubeconfig=" + closedKube,
            "--kube-prometheus=" + notGzip));
    cases.add(
        Case.of(
            "images archive not gzip",
            1,
            QUICK,
            "Cannot list the images: Cannot read kube-prometheus" + " archive",
            "images",
            "--local-chart=" + chart,
            "--kube-prometheus=" + notGzip));
    cases.add(
        Case.of(
            "images archive truncated",
            1,
            QUICK,
            "Cannot list the images: Cannot read kube-prometheus" + " archive",
            "images",
            "--local-chart=" + chart,
            "--kube-prometheus=" + truncated));
    cases.add(
        Case.of(
            "images archive tampered",
            1,
            QUICK,
            "Cannot list the images: ",
            "images",
            "--local-chart=" + chart,
            "--kube-prometheus=" + tampered));
    String realArchive = System.getProperty("kube-prometheus.archive", "");
    if (!realArchive.isBlank() && Files.isRegularFile(Path.of(realArchive))) {
      // With the real v0.18.0 archive the manifests pass and the values file is read: its secrets
      // stay masked.
      cases.add(
          Case.of(
              "images values with secrets, not YAML",
              1,
              QUICK,
              "Cannot list the images: Values file "
                  + values
                  + " could not be read as a YAML map of Helm values",
              "images",
              "--local-chart=" + chart,
              "--kube-prometheus=" + realArchive,
              "--values=" + values));
    } else {
      cases.add(
          Case.of(
              "images values with secrets, archive refused first",
              1,
              QUICK,
              "Cannot list the images: ",
              "images",
              "--local-chart=" + chart,
              "--kube-prometheus=" + notGzip,
              "--values=" + values));
    }
    // Prometheus servers that misbehave, on loopback: the client's deadlines hold.
    cases.add(
        Case.of(
            "audit prometheus closed port",
            1,
            PROMETHEUS_BOUND,
            "Prometheus at " + closed + "/ refused the connection",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + closed));
    cases.add(
        Case.of(
            "audit prometheus with password",
            1,
            PROMETHEUS_BOUND,
            "Prometheus at http://***@127.0.0.1:",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + userInfo + closed.substring("http://".length())));
    cases.add(
        Case.of(
            "audit prometheus answers 500",
            1,
            PROMETHEUS_BOUND,
            "",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + error500));
    cases.add(
        Case.of(
            "audit prometheus answers HTML",
            1,
            PROMETHEUS_BOUND,
            "Unexpected answer from " + html,
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + html));
    cases.add(
        Case.of(
            "audit prometheus drips",
            1,
            PROMETHEUS_BOUND,
            "Prometheus at " + drip + "/ did not answer",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + drip));
    cases.add(
        Case.of(
            "audit prometheus closes",
            1,
            PROMETHEUS_BOUND,
            "",
            "audit",
            "--dashboard=" + dashboard,
            "--prometheus=" + closing));
    cases.add(
        Case.of(
            "audit dashboard URL drips",
            1,
            DASHBOARD_BOUND,
            "Cannot read the dashboard from URL "
                + drip
                + "/dashboard.json: no complete answer (headers and body) within 60 s.",
            "audit",
            "--prometheus=" + closed,
            "--dashboard=" + drip + "/dashboard.json"));
    cases.add(
        Case.of(
            "audit dashboard URL answers HTML",
            1,
            PROMETHEUS_BOUND,
            "",
            "audit",
            "--prometheus=" + closed,
            "--dashboard=" + html + "/dashboard.json"));
    // Milvus /metrics servers and files for capture-catalogue.
    cases.add(
        Case.of(
            "capture metrics drips",
            1,
            METRICS_BOUND,
            "Cannot read the exposition from "
                + drip
                + "/metrics: java.io.IOException: no complete answer (headers and body) within 20 s",
            "capture-catalogue",
            "--metrics=" + drip + "/metrics",
            "--version=v2.6.24"));
    cases.add(
        Case.of(
            "capture metrics answers 500",
            1,
            METRICS_BOUND,
            "Cannot read the exposition from "
                + error500
                + "/metrics: java.io.IOException: HTTP 500",
            "capture-catalogue",
            "--metrics=" + error500 + "/metrics",
            "--version=v2.6.24"));
    cases.add(
        Case.of(
            "capture metrics with password",
            1,
            METRICS_BOUND,
            "Cannot read the exposition from" + " http://monitor:***@127.0.0.1:",
            "capture-catalogue",
            "--metrics=" + userInfo + error500.substring("http://".length()) + "/metrics",
            "--version=v2.6.24"));
    cases.add(
        Case.of(
            "capture metrics without Milvus",
            1,
            METRICS_BOUND,
            "The exposition from " + noMilvus + "/metrics holds no Milvus family",
            "capture-catalogue",
            "--metrics=" + noMilvus + "/metrics",
            "--version=v2.6.24"));
    cases.add(
        Case.of(
            "capture metrics is a folder",
            1,
            QUICK,
            "Cannot read the exposition from " + aFolder,
            "capture-catalogue",
            "--metrics=" + aFolder,
            "--version=v2.6.24"));
    cases.add(
        Case.of(
            "check-upgrade rules not YAML",
            1,
            QUICK,
            "",
            "check-upgrade",
            "--from=v2.6.18",
            "--to=v2.6.19",
            "--rules=" + notYaml));
    // -h and --help in every command.
    for (String command :
        List.of("up", "down", "status", "images", "audit", "check-upgrade", "capture-catalogue")) {
      cases.add(Case.of(command + " -h", 0, QUICK, null, command, "-h"));
    }
    cases.add(Case.of("--help", 0, QUICK, null, "--help"));
    // --debug: the same failure with its stack trace, still without the secret.
    cases.add(
        new Case(
            "kubeconfig garbage YAML with --debug",
            List.of("--debug", "up", "--kubeconfig=" + garbage, "--stack=existing"),
            1,
            KUBE_BOUND,
            "The monitored environment did not come up",
            true));
    cases.add(
        new Case(
            "audit prometheus with password with --debug",
            List.of(
                "audit",
                "--dashboard=" + dashboard,
                "--prometheus=" + userInfo + closed.substring("http://".length()),
                "--debug"),
            1,
            PROMETHEUS_BOUND,
            "Prometheus at http://***@127.0.0.1:",
            true));

    // The slow ones first, so that their waits overlap the quick ones.
    cases.sort(Comparator.comparing(Case::bound).reversed());
    pool = Executors.newFixedThreadPool(6);
    for (Case c : cases) {
      RUNS.put(c, CompletableFuture.supplyAsync(() -> run(c), pool));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (pool != null) {
      pool.shutdownNow();
    }
    SERVERS.close();
    // What each case printed, for reading the messages side by side: target/cli-battery.txt.
    StringBuilder summary = new StringBuilder();
    for (Map.Entry<Case, CompletableFuture<Run>> e : RUNS.entrySet()) {
      Run run = e.getValue().getNow(null);
      if (run != null) {
        summary
            .append("== ")
            .append(e.getKey().name)
            .append(": exit ")
            .append(run.code)
            .append(" after ")
            .append(run.took.toMillis())
            .append(" ms\n")
            .append(run.err.isEmpty() ? run.out : run.err)
            .append('\n');
      }
    }
    Files.writeString(JAR.resolveSibling("cli-battery.txt"), summary, StandardCharsets.UTF_8);
  }

  @TestFactory
  Stream<DynamicTest>
      each_bad_input_ends_in_time_with_its_exit_code_one_paragraph_no_trace_and_no_secret() {
    return RUNS.entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey().name(),
                    () -> {
                      Case c = e.getKey();
                      Run run = e.getValue().get(3, TimeUnit.MINUTES);
                      String shown =
                          "exit "
                              + run.code
                              + " after "
                              + run.took.toMillis()
                              + " ms\n--- stdout\n"
                              + run.out
                              + "--- stderr\n"
                              + run.err;
                      assertThat(run.code).as(shown).isEqualTo(c.code);
                      assertThat(run.took).as(shown).isLessThan(c.bound);
                      if (c.paragraph != null) {
                        assertThat(run.paragraph()).as(shown).startsWith(c.paragraph);
                      } else {
                        assertThat(run.out).as(shown).isNotBlank();
                        assertThat(run.err).as(shown).isEmpty();
                      }
                      if (c.debug) {
                        assertThat(run.err)
                            .as(shown)
                            .contains("Stack trace (--debug):")
                            .contains("\tat ");
                      } else {
                        assertThat(run.all())
                            .as(shown)
                            .doesNotContain("\tat ")
                            .doesNotContain("Exception in thread")
                            .doesNotContain("Caused by: ");
                      }
                      for (String secret : SECRETS) {
                        assertThat(run.all()).as(shown).doesNotContain(secret);
                        assertThat(filesHolding(run.folder, secret))
                            .as("files under %s holding a secret", run.folder)
                            .isEmpty();
                      }
                    }));
  }

  private static Run run(Case c) {
    try {
      Path folder =
          Files.createDirectories(
              root.resolve("runs").resolve(c.name.replaceAll("[^A-Za-z0-9]+", "-")));
      Path home = Files.createDirectories(folder.resolve("home"));
      String deadProxy = LoopbackServers.closedPort().substring("http://127.0.0.1:".length());
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Duser.home=" + home,
                  "-Xshare:auto",
                  "-XX:TieredStopAtLevel=1",
                  // Nothing may leave the machine: downloads go to a closed loopback port.
                  "-Dhttps.proxyHost=127.0.0.1",
                  "-Dhttps.proxyPort=" + deadProxy,
                  "-Dhttp.proxyHost=127.0.0.1",
                  "-Dhttp.proxyPort=" + deadProxy,
                  "-jar",
                  JAR.toString()));
      command.addAll(c.args);
      Path out = folder.resolve("stdout.txt");
      Path err = folder.resolve("stderr.txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(folder.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      Map<String, String> env = builder.environment();
      env.put("HOME", home.toString());
      env.keySet()
          .removeIf(
              k ->
                  k.startsWith("MILVUS_MONITORED_")
                      || k.startsWith("TESTCONTAINERS_")
                      || k.equalsIgnoreCase("KUBECONFIG")
                      || k.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
      long start = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(c.bound.toSeconds() + 30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Run(
          process.isAlive() ? -1 : process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8),
          took,
          folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The files under {@code folder} (the run's home, reports and output) whose bytes hold {@code
   * secret}.
   */
  private static List<Path> filesHolding(Path folder, String secret) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return Files.size(f) < 50_000_000
                      && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                          .contains(secret);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  private static Path kubeconfig(Path folder, String name, String server) throws IOException {
    return write(
        folder.resolve("kubeconfig-" + name + ".yaml"),
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: c",
            "  cluster:",
            "    server: " + server,
            "contexts:",
            "- name: ctx",
            "  context:",
            "    cluster: c",
            "    user: u",
            "current-context: ctx",
            "users:",
            "- name: u",
            "  user:",
            "    token: " + TOKEN,
            ""));
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * A tar.gz of {@code folder} under {@code top}, with one line appended to {@code changed} (a file
   * tampered with after its checksum was taken) when it is not null.
   */
  private static Path tarGz(Path folder, Path archive, String top, String changed)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
      for (Path file : files) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        byte[] content = Files.readAllBytes(file);
        if (name.equals(changed)) {
          content =
              (new String(content, StandardCharsets.UTF_8) + "# changed\n")
                  .getBytes(StandardCharsets.UTF_8);
        }
        writeTarEntry(out, top + "/" + name, content);
      }
      out.write(new byte[1024]);
    }
    return archive;
  }

  /** One ustar entry: a 512-byte header, the content, padding to 512 bytes. */
  private static void writeTarEntry(OutputStream out, String name, byte[] content)
      throws IOException {
    byte[] header = new byte[512];
    put(header, 0, name, 100);
    put(header, 100, "0000644", 8);
    put(header, 108, "0000000", 8);
    put(header, 116, "0000000", 8);
    put(header, 124, String.format("%011o", content.length), 12);
    put(header, 136, String.format("%011o", 0), 12);
    java.util.Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = '0';
    put(header, 257, "ustar", 6);
    put(header, 263, "00", 2);
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o", sum), 7);
    header[155] = ' ';
    out.write(header);
    out.write(content);
    int pad = (512 - content.length % 512) % 512;
    out.write(new byte[pad]);
  }

  private static void put(byte[] header, int offset, String value, int length) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
  }
}
