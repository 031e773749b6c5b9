package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Milvus server the lab's Milvus pods run: the official standalone binaries of the release
 * that {@code lab/milvus.env} pins, unpacked from PyPI's {@code milvus} wheel by {@code
 * lab/build-milvus.sh} (which checks the wheel's sha256). A missing or unfinished unpack is an
 * error naming that command: a lab without its Milvus does not start, so no lab test quietly runs
 * without it.
 */
final class MilvusInstall {

  /**
   * A placeholder of the wheel's config template: {@code {{ name }}, {{ name(type): default }}}.
   */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*(\\w+)(?:\\((\\w+)\\))?\\s*(?::\\s*(.*?))?\\s*}}");

  private final Path home;
  private final String version;

  private MilvusInstall(Path home, String version) {
    this.home = home;
    this.version = version;
  }

  /**
   * Finds the unpacked server for the lab folder {@code labHome}, from {@code lab.milvus} or the
   * script.
   */
  static MilvusInstall locate(Path labHome, Map<String, String> pins) {
    String version = pins.get("MILVUS_VERSION");
    String override = System.getProperty("lab.milvus");
    Path home =
        override != null && !override.isBlank()
            ? Path.of(override)
            : LabPrograms.printedFolder(labHome.resolve("build-milvus.sh"));
    Path ready = home.resolve("ready");
    String sha = pins.get("MILVUS_WHEEL_SHA256");
    try {
      if (!Files.isRegularFile(ready) || !Files.readString(ready).contains(sha)) {
        throw new LabException(
            "The lab's Milvus "
                + version
                + " is not unpacked at "
                + home
                + " (no 'ready' stamp for"
                + " the wheel with sha256 "
                + sha
                + " that lab/milvus.env pins). The lab's Milvus pods run the real"
                + " server; install it (PyPI and python3 needed) with: lab/build.sh  (or only lab/build-milvus.sh)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ready, e);
    }
    return new MilvusInstall(home, version);
  }

  /** The Milvus release, e.g. {@code 2.3.5}. */
  String version() {
    return version;
  }

  /** The server executable; its libraries sit beside it. */
  Path executable() {
    return home.resolve("bin").resolve("milvus");
  }

  /** The folder of the server's shared libraries ({@code LD_LIBRARY_PATH}). */
  Path libraries() {
    return home.resolve("bin");
  }

  /**
   * Writes {@code configs/milvus.yaml} and {@code configs/glog.conf} under {@code podDir} from the
   * wheel's template, with data, logs and the embedded etcd under {@code podDir}, every other
   * setting at the template's default (embedded etcd, local storage, rocksmq, the default ports).
   */
  void writeConfig(Path podDir) {
    Path configs = podDir.resolve("configs");
    Path data = podDir.resolve("data");
    Path logs = podDir.resolve("logs");
    Map<String, String> values =
        Map.of(
            "etcd_data_dir", data.resolve("etcd.data").toString(),
            "etcd_log_path", logs.resolve("etcd.log").toString(),
            "local_storage_dir", data.toString(),
            "rocksmq_data_dir", data.resolve("rocksmq").toString(),
            "system_log_path", logs.toString());
    try {
      for (Path dir : List.of(configs, data, logs)) {
        Files.createDirectories(dir);
      }
      String template =
          Files.readString(home.resolve("config.yaml.template"), StandardCharsets.UTF_8);
      Files.writeString(
          configs.resolve("milvus.yaml"), render(template, values), StandardCharsets.UTF_8);
      Files.copy(
          home.resolve("glog.conf"),
          configs.resolve("glog.conf"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Milvus configuration under " + podDir, e);
    }
  }

  /**
   * Replaces each placeholder by its value, else its default; a placeholder with neither is an
   * error.
   */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.containsKey(m.group(1)) ? values.get(m.group(1)) : m.group(3);
      if (value == null) {
        throw new LabException(
            "The Milvus config template has a placeholder '"
                + m.group(1)
                + "' without a default"
                + " and the lab gives it no value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
