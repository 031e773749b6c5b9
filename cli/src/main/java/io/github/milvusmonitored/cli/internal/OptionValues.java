package io.github.milvusmonitored.cli.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of option values that need no network: URLs, output paths. Each refusal is a usage error
 * that names the option and shows the value without its secrets.
 */
final class OptionValues {

  private OptionValues() {}

  /** An absolute {@code http}/{@code https} URL with a host. */
  static URI httpUrl(String option, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new CliUsageException(
          CliTexts.invalidUrl(
              option,
              value,
              "it is not a URL (" + e.getReason() + " at index " + e.getIndex() + ")"));
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new CliUsageException(
          CliTexts.invalidUrl(
              option,
              value,
              scheme == null
                  ? "it has no scheme"
                  : "the scheme is '" + scheme + "', not http or https"));
    }
    if (uri.getHost() == null) {
      throw new CliUsageException(CliTexts.invalidUrl(option, value, "it names no host"));
    }
    return uri;
  }

  /** A folder that exists or can be created, for a report; created here, before the work starts. */
  static Path writableFolder(String option, String value) {
    Path folder = Path.of(value);
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new CliUsageException(
          CliTexts.unwritablePath(option, value, "it is a file, and a folder is needed"));
    }
    try {
      Files.createDirectories(folder);
    } catch (Exception e) {
      throw new CliUsageException(
          CliTexts.unwritablePath(
              option,
              value,
              "the folder cannot be created ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + ")"));
    }
    if (!Files.isWritable(folder)) {
      throw new CliUsageException(
          CliTexts.unwritablePath(option, value, "the folder is not writable"));
    }
    return folder;
  }

  /** A file that can be written: not a folder, in a folder that exists and is writable. */
  static Path writableFile(String option, String value) {
    Path file = Path.of(value);
    if (Files.isDirectory(file)) {
      throw new CliUsageException(
          CliTexts.unwritablePath(option, value, "it is a folder, and a file is needed"));
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CliUsageException(
          CliTexts.unwritablePath(
              option, value, "its folder " + parent + " does not exist or is not a folder"));
    }
    if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
      throw new CliUsageException(CliTexts.unwritablePath(option, value, "it is not writable"));
    }
    return file;
  }
}
