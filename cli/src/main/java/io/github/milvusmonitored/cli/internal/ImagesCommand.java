package io.github.milvusmonitored.cli.internal;

import io.github.milvusmonitored.images.ImageList;
import io.github.milvusmonitored.stack.ManifestSource;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints the images of a configuration ({@link ImageList}); a failure prints what failed and, when
 * the chart or the manifests were to be downloaded, the flags that give them as local files.
 */
public final class ImagesCommand {

  private ImagesCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    ImageListArguments arguments = ImageListArguments.parse(args.toArray(String[]::new));
    if (arguments.help()) {
      out.print(ImageListArguments.usage());
      return CliTexts.DONE;
    }
    ImageList list;
    try {
      list =
          ImageList.of(
              arguments.milvus(),
              arguments.stackProfile(),
              arguments.manifests(),
              arguments.k3sImage());
    } catch (RuntimeException e) {
      if (!CliFailures.expected(e) && !(e instanceof IllegalArgumentException)) {
        throw e;
      }
      throw new CommandFailure(
          CliTexts.imagesFailed(
                  CauseChain.describe(e),
                  arguments.milvus().localChart() != null,
                  !(arguments.manifests() instanceof ManifestSource.Download))
              .stripTrailing(),
          e);
    }
    out.print(
        arguments.namesOnly()
            ? String.join(System.lineSeparator(), list.names()) + System.lineSeparator()
            : list.format());
    return CliTexts.DONE;
  }
}
