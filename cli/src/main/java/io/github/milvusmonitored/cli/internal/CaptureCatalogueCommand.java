package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.catalogue.CatalogueCapture;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code capture-catalogue}: reads a running Milvus's {@code /metrics} (or a saved exposition) and
 * writes the metric catalogue of its release, in the format the library's catalogues use.
 *
 * <p>Exit codes: 0 written, 1 the exposition could not be read or holds no Milvus family, 2 bad
 * command line.
 */
public final class CaptureCatalogueCommand {

  static final List<String> OPTIONS =
      List.of("--metrics=<URL or file>", "--version=<Milvus version>", "--out=<file>", "--help");

  /** Runs the command with the arguments after its name; returns the exit code. */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    String source;
    MilvusVersion version;
    String target;
    try {
      CommandOptions o = CommandOptions.parse(args, "capture-catalogue", OPTIONS, List.of());
      if (o.help()) {
        out.print(CliTexts.captureUsage());
        return CliTexts.DONE;
      }
      source = o.required("--metrics", "capture-catalogue");
      String v = o.required("--version", "capture-catalogue");
      try {
        version = MilvusVersion.parse(v);
      } catch (IllegalArgumentException e) {
        throw new CliUsageException(CliTexts.invalidValue("--version", v, e.getMessage()));
      }
      target = o.get("--out", null);
    } catch (CliUsageException e) {
      err.println(e.getMessage());
      err.println("Run 'capture-catalogue --help' for the usage.");
      return CliTexts.USAGE;
    }
    String exposition;
    try {
      exposition = read(source);
    } catch (IOException e) {
      err.println(CliTexts.captureUnreadable(source, e.toString()));
      return CliTexts.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(CliTexts.captureUnreadable(source, "interrupted"));
      return CliTexts.FAILED;
    }
    String catalogue =
        CatalogueCapture.capture(
            exposition,
            version,
            source.contains("://") ? source : Path.of(source).getFileName().toString());
    long families = catalogue.lines().filter(l -> !l.startsWith("#")).count() - 1;
    if (families == 0) {
      err.println(CliTexts.captureEmpty(source));
      return CliTexts.FAILED;
    }
    if (target == null) {
      out.print(catalogue);
      return CliTexts.DONE;
    }
    try {
      Files.writeString(Path.of(target), catalogue, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("Cannot write " + target + ": " + e + ". Give a writable --out=<file>.");
      return CliTexts.FAILED;
    }
    out.println("Wrote " + families + " Milvus " + version + " families to " + target + ".");
    return CliTexts.DONE;
  }

  private static String read(String source) throws IOException, InterruptedException {
    if (source.startsWith("http://") || source.startsWith("https://")) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(source))
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      return response.body();
    }
    return Files.readString(Path.of(source), StandardCharsets.UTF_8);
  }
}
