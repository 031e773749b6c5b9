package io.github.milvusmonitored.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.milvusmonitored.cli.internal.CliTexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-upgrade} and {@code capture-catalogue} as the command line runs them. */
class CheckUpgradeCommandTest {

  private static final String N = System.lineSeparator();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void the_2_6_19_status_split_exits_with_4_prints_the_report_and_writes_it(@TempDir Path folder)
      throws Exception {
    Path report = folder.resolve("upgrade.md");
    int code =
        run(
            "check-upgrade",
            "--from",
            "v2.6.18",
            "--to",
            "v2.6.19",
            "--rules",
            fixture("milvus-alerts.yaml"),
            "--report=" + report);

    assertThat(code).as(err()).isEqualTo(4);
    assertThat(out())
        .startsWith("# Milvus upgrade check: 2.6.18 -> 2.6.19\n")
        .contains("4 expressions, 5 selectors checked: 2 breaks, 1 other change.\n")
        .contains(
            "- Rewrite: `milvus_proxy_req_count{status=~\"cancel|fail_input|fail_system\"}`\n");
    assertThat(report).content(StandardCharsets.UTF_8).isEqualTo(out());
  }

  @Test
  void nothing_breaking_exits_with_0_and_several_inputs_are_read() throws Exception {
    int code =
        run(
            "check-upgrade",
            "--from=2.6.18",
            "--to=2.6.20",
            "--rules=" + fixture("milvus-alerts.yaml"),
            "--queries=" + fixture("milvus-2.3-queries.txt"));

    assertThat(code).as(err()).isZero();
    assertThat(out()).contains("8 expressions, 9 selectors checked: 0 breaks,");
  }

  @Test
  void the_2_3_renames_exit_with_4() throws Exception {
    int code =
        run(
            "check-upgrade",
            "--from=2.3.5",
            "--to=2.6.15",
            "--dashboard=" + fixture("milvus-2.3-dashboard.json"));

    assertThat(code).isEqualTo(4);
    assertThat(out())
        .contains(
            "- Renamed in 2.6.15: `knowhere_search_latency` is `search_latency`.\n"
                + "- Rewrite: `search_latency_bucket{namespace=\"$namespace\"}`\n");
  }

  @Test
  void bad_versions_and_missing_inputs_are_usage_errors_and_unreadable_inputs_failures()
      throws Exception {
    assertThat(run("check-upgrade", "--from=v2.6", "--to=2.6.20", "--queries=x")).isEqualTo(2);
    assertThat(err())
        .startsWith("Invalid value 'v2.6' for --from: 'v2.6' is not a Milvus version.")
        .endsWith("Run 'check-upgrade --help' for the usage." + N);
    assertThat(run("check-upgrade", "--from=2.6.18", "--to=2.6.20")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "Nothing to check: give at least one of --rules=<file>, --dashboard=<file>,"
                + " --queries=<file>."
                + N
                + "Run 'check-upgrade --help' for the usage."
                + N);
    assertThat(run("check-upgrade", "--to=2.6.20", "--queries=x")).isEqualTo(2);
    assertThat(err()).startsWith("Option --from is required for 'check-upgrade'.");
    assertThat(
            run(
                "check-upgrade",
                "--from=2.6.18",
                "--to=2.6.20",
                "--rules=" + fixture("not-yaml.yaml")))
        .isEqualTo(1);
    assertThat(err()).startsWith(fixture("not-yaml.yaml") + " is not a YAML rule file: ");
    assertThat(run("check-upgrade", "--help")).isZero();
    assertThat(out()).isEqualTo(CliTexts.checkUpgradeUsage());
  }

  @Test
  void capture_catalogue_writes_the_catalogue_the_library_ships_for_2_3_5(@TempDir Path folder)
      throws Exception {
    Path target = folder.resolve("milvus-metrics-2.3.5.tsv");
    int code =
        run(
            "capture-catalogue",
            "--metrics=" + resource("/expositions/milvus-2.3.5-after-traffic.prom"),
            "--version=v2.3.5",
            "--out=" + target);

    assertThat(code).as(err()).isZero();
    assertThat(out()).isEqualTo("Wrote 117 Milvus 2.3.5 families to " + target + "." + N);
    assertThat(target)
        .content(StandardCharsets.UTF_8)
        .isEqualTo(classpathText("/io/github/milvusmonitored/metrics/milvus-metrics-2.3.5.tsv"));
    assertThat(
            run(
                "capture-catalogue",
                "--metrics=" + fixture("milvus-alerts.yaml"),
                "--version=2.3.5"))
        .isEqualTo(1);
    assertThat(err())
        .startsWith(
            "The exposition from " + fixture("milvus-alerts.yaml") + " holds no Milvus family");
  }

  private int run(Object... args) throws InterruptedException {
    out.reset();
    err.reset();
    return MilvusMonitoredCli.run(
        java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return resource("/upgrade/" + name);
  }

  /** A resource in the library's jar, which a path does not name. */
  private static String classpathText(String name) throws IOException {
    try (InputStream in = CheckUpgradeCommandTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CheckUpgradeCommandTest.class.getResource(name).toURI());
  }
}
