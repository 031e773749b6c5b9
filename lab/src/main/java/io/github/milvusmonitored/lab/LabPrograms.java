package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab's programs: where {@code lab/build.sh} put them, each checked to exist and to report the
 * version that {@code lab/versions.env} pins. A missing program or another version is an error
 * naming the program and the build command; the lab never runs with what happens to be on the PATH.
 */
public final class LabPrograms {

  /**
   * Program name, the key of its version in versions.env, and the arguments that print its version.
   */
  private record Program(String name, String versionKey, List<String> versionArgs) {}

  private static final List<Program> PROGRAMS =
      List.of(
          new Program("etcd", "ETCD_VERSION", List.of("--version")),
          new Program("kube-apiserver", "KUBERNETES_VERSION", List.of("--version")),
          new Program("kube-controller-manager", "KUBERNETES_VERSION", List.of("--version")),
          new Program("kube-scheduler", "KUBERNETES_VERSION", List.of("--version")),
          new Program("kubectl", "KUBERNETES_VERSION", List.of("version", "--client")),
          new Program("kubelet", "KUBERNETES_VERSION", List.of("--version")),
          new Program("kube-proxy", "KUBERNETES_VERSION", List.of("--version")),
          new Program("kwok", "KWOK_VERSION", List.of("--version")),
          new Program("prometheus", "PROMETHEUS_VERSION", List.of("--version")),
          new Program("prometheus-operator", "PROMETHEUS_OPERATOR_VERSION", List.of("--version")),
          new Program(
              "prometheus-config-reloader", "PROMETHEUS_OPERATOR_VERSION", List.of("--version")));

  private final Path bin;
  private final Map<String, String> versions;
  private final MilvusInstall milvus;

  private LabPrograms(Path bin, Map<String, String> versions, MilvusInstall milvus) {
    this.bin = bin;
    this.versions = versions;
    this.milvus = milvus;
  }

  /**
   * Finds and checks the programs for the lab folder {@code labHome} (the one holding build.sh and
   * versions.env). The folder comes from system property {@code lab.bin}, else from {@code build.sh
   * --print}.
   */
  public static LabPrograms locate(Path labHome) {
    Map<String, String> versions = readVersions(labHome.resolve("versions.env"));
    String override = System.getProperty("lab.bin");
    Path bin =
        override != null && !override.isBlank()
            ? Path.of(override)
            : printedFolder(labHome.resolve("build.sh"));
    MilvusInstall milvus =
        MilvusInstall.locate(labHome, readVersions(labHome.resolve("milvus.env")));
    LabPrograms programs = new LabPrograms(bin, versions, milvus);
    for (Program program : PROGRAMS) {
      programs.check(program);
    }
    return programs;
  }

  /** The executable of {@code name}, e.g. {@code kube-apiserver}. */
  public Path path(String name) {
    return bin.resolve(name);
  }

  /** The pinned versions, by program name, e.g. {@code kube-apiserver -> v1.35.4}. */
  public Map<String, String> versions() {
    Map<String, String> byProgram = new LinkedHashMap<>();
    for (Program program : PROGRAMS) {
      byProgram.put(program.name(), versions.get(program.versionKey()));
    }
    byProgram.put("milvus", milvus.version());
    return byProgram;
  }

  /** A value lab/versions.env pins, e.g. {@code COREDNS_VERSION -> v1.13.1}. */
  String pinned(String key) {
    String value = versions.get(key);
    if (value == null) {
      throw new LabException("lab/versions.env pins no " + key);
    }
    return value;
  }

  /** The real Milvus server the lab's standalone Milvus pods run. */
  MilvusInstall milvus() {
    return milvus;
  }

  /** The folder of build.sh's extra files (the kwok CRDs it copies from the kwok module). */
  public Path share() {
    return bin.resolveSibling("share");
  }

  private void check(Program program) {
    Path exe = path(program.name());
    String expected = versions.get(program.versionKey());
    if (!Files.isExecutable(exe)) {
      throw new LabException(
          "Lab program "
              + program.name()
              + " "
              + expected
              + " is missing: no executable at "
              + exe
              + ". Build the lab's programs (Go 1.26 and the Go module proxy needed; a cold build takes about 40 minutes"
              + " on 2 cores) with: lab/build.sh");
    }
    String printed = run(exe, program.versionArgs());
    String bare = expected.replaceFirst("^v", "");
    if (!printed.contains(bare)) {
      throw new LabException(
          "Lab program "
              + program.name()
              + " at "
              + exe
              + " is not version "
              + expected
              + " (it printed: "
              + firstLine(printed)
              + "). lab/versions.env pins "
              + program.versionKey()
              + "="
              + expected
              + "; rebuild with: lab/build.sh");
    }
  }

  /**
   * The folder a lab script prints last with {@code --print} ({@code build.sh}, {@code
   * build-milvus.sh}).
   */
  static Path printedFolder(Path script) {
    String printed = run(script, List.of("--print")).trim();
    if (printed.isEmpty()) {
      throw new LabException(
          "lab/" + script.getFileName() + " --print printed no folder; run lab/build.sh");
    }
    return Path.of(printed.lines().reduce((a, b) -> b).orElseThrow());
  }

  static Map<String, String> readVersions(Path file) {
    try {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (!trimmed.startsWith("#") && eq > 0) {
          values.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
        }
      }
      return values;
    } catch (IOException e) {
      throw new LabException(
          "Cannot read the lab's pinned versions from "
              + file
              + "; system property lab.home must name the lab folder of the project",
          e);
    }
  }

  private static String run(Path exe, List<String> args) {
    List<String> command = new java.util.ArrayList<>();
    command.add(exe.toString());
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException(
          "Cannot run "
              + String.join(" ", command)
              + ": "
              + e.getMessage()
              + ". Build the lab's programs with: lab/build.sh",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("Interrupted while running " + exe, e);
    }
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("(nothing)");
  }
}
