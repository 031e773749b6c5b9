package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.catalogue.CatalogueCapture;
import io.github.milvusmonitored.catalogue.MilvusVersion;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

  /** Longest wait for a URL's whole answer, headers and body. */
  static final Duration READ_DEADLINE = Duration.ofSeconds(20);

  /** Largest exposition read from a URL. */
  static final int MAX_BYTES = 64 << 20;

  /** Runs the command with the arguments after its name; returns the exit code. */
  public int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
    CommandOptions o = CommandOptions.parse(args, "capture-catalogue", OPTIONS, List.of());
    if (o.help()) {
      out.print(CliTexts.captureUsage());
      return CliTexts.DONE;
    }
    String source = o.required("--metrics", "capture-catalogue");
    URI url = source.contains("://") ? OptionValues.httpUrl("--metrics", source) : null;
    String v = o.required("--version", "capture-catalogue");
    MilvusVersion version;
    try {
      version = MilvusVersion.parse(v);
    } catch (IllegalArgumentException e) {
      throw new CliUsageException(CliTexts.invalidValue("--version", v, e.getMessage()));
    }
    String outOption = o.get("--out", null);
    Path target = outOption == null ? null : OptionValues.writableFile("--out", outOption);
    String exposition;
    try {
      exposition =
          url != null ? read(url) : Files.readString(Path.of(source), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandFailure(CliTexts.captureUnreadable(source, e.toString()), e);
    }
    String catalogue =
        CatalogueCapture.capture(
            exposition, version, url != null ? source : Path.of(source).getFileName().toString());
    long families = catalogue.lines().filter(l -> !l.startsWith("#")).count() - 1;
    if (families == 0) {
      throw new CommandFailure(CliTexts.captureEmpty(source), null);
    }
    if (target == null) {
      out.print(catalogue);
      return CliTexts.DONE;
    }
    try {
      Files.writeString(target, catalogue, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CommandFailure(CliTexts.reportNotWritten("--out", target, e.toString()), e);
    }
    out.println("Wrote " + families + " Milvus " + version + " families to " + target + ".");
    return CliTexts.DONE;
  }

  /**
   * The body of a 200 answer, within {@link #READ_DEADLINE} for the whole exchange and at most
   * {@link #MAX_BYTES}; a server that stalls or drips cannot hold the command.
   */
  private static String read(URI url) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(READ_DEADLINE).GET().build();
    CompletableFuture<String> body = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream in = response.body()) {
                  if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                  }
                  byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                  if (bytes.length > MAX_BYTES) {
                    throw new IOException(
                        "the answer is larger than " + (MAX_BYTES >> 20) + " MiB");
                  }
                  body.complete(new String(bytes, StandardCharsets.UTF_8));
                }
              } catch (Exception e) {
                body.completeExceptionally(e);
              }
            },
            "capture-catalogue-read");
    reader.setDaemon(true);
    reader.start();
    try {
      return body.get(READ_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reader.interrupt();
      throw new IOException(
          "no complete answer (headers and body) within " + READ_DEADLINE.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
    }
  }
}
