package io.github.milvusmonitored.milvus.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads and writes Helm values trees and other YAML documents as plain maps. */
public final class ValuesFiles {

  // Chart repository indexes run to several megabytes; SnakeYAML's default limit is 3 MB.
  private static final int MAX_YAML_CODE_POINTS = 64 * 1024 * 1024;
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .loaderOptions(loaderOptions())
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .build());
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private ValuesFiles() {}

  /**
   * Reads a YAML file whose top level is a mapping; an empty file is an empty map.
   *
   * @throws IllegalArgumentException naming the file when it is not such a document
   */
  public static Map<String, Object> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(MilvusErrors.unreadableValuesFile(file, e), e);
    }
  }

  /** Parses YAML text whose top level is a mapping; blank text is an empty map. */
  public static Map<String, Object> parse(String yaml) throws IOException {
    if (yaml.isBlank()) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> tree = YAML.readValue(yaml, MAP);
    return tree == null ? new LinkedHashMap<>() : tree;
  }

  /** Writes a values tree as YAML text. */
  public static String toYaml(Map<String, ?> tree) {
    try {
      return YAML.writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_YAML_CODE_POINTS);
    return options;
  }
}
