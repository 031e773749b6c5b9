package io.github.milvusmonitored.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * README's Quick start is what the consumer projects under {@code src/it} compile and run: its Java
 * block stands word for word in their test class, and its coordinates are the ones they declare, at
 * the version of a release.
 */
class ReadmeQuickStartTest {

  private static final Path README = Path.of("..", "README.md");
  private static final List<String> CONSUMERS =
      List.of("quickstart-junit5-sdk-first", "quickstart-junit6-sdk-last");

  @Test
  void the_quick_start_code_is_the_consumer_projects_test_class() throws IOException {
    String block = fenced(Files.readString(README), "```java\n");
    String imports = block.substring(0, block.indexOf("\n\n"));
    // The class without its closing brace: the consumer's class goes on with the rows(..) it uses.
    String classBody =
        block.substring(block.indexOf("@MilvusMonitored"), block.lastIndexOf('}')).stripTrailing();

    for (String consumer : CONSUMERS) {
      String source =
          Files.readString(
              Path.of(
                  "src",
                  "it",
                  consumer,
                  "src",
                  "test",
                  "java",
                  "com",
                  "example",
                  "MilvusMetricsTest.java"));
      assertThat(source).as(consumer).contains(imports).contains(classBody);
    }
  }

  @Test
  void the_quick_start_coordinates_are_the_ones_the_consumer_projects_declare() throws IOException {
    String xml = fenced(Files.readString(README), "```xml\n");

    assertThat(xml)
        .contains("<artifactId>milvus-monitored-junit</artifactId>\n  <version>")
        .contains(
            "<artifactId>milvus-sdk-java</artifactId>\n  <version>"
                + System.getProperty("readme.sdk.version")
                + "</version>")
        .contains(
            "<artifactId>junit-jupiter</artifactId>\n  <version>"
                + System.getProperty("readme.junit.version")
                + "</version>");
    for (String consumer : CONSUMERS) {
      assertThat(Files.readString(Path.of("src", "it", consumer, "pom.xml")))
          .as(consumer)
          .contains(
              "<artifactId>milvus-monitored-junit</artifactId>\n      <version>@project.version@</version>")
          .contains(
              "<artifactId>milvus-sdk-java</artifactId>\n      <version>@milvus-sdk.version@</version>");
    }
  }

  @Test
  void the_quick_start_names_a_release_no_later_than_the_one_this_build_prepares()
      throws IOException {
    String xml = fenced(Files.readString(README), "```xml\n");
    Matcher version =
        Pattern.compile(
                "<artifactId>milvus-monitored-junit</artifactId>\n  <version>([^<]*)</version>")
            .matcher(xml);
    assertThat(version.find())
        .as("README's Quick start declares milvus-monitored-junit with a version")
        .isTrue();
    String prepared = System.getProperty("readme.project.version").replace("-SNAPSHOT", "");

    // The version users can get: a release (never a SNAPSHOT), the one being prepared until it is
    // out,
    // then the last one published while the build prepares the next (docs/releasing.md).
    assertThat(version.group(1)).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(compare(numbers(version.group(1)), numbers(prepared)))
        .as("README's version %s, this build prepares %s", version.group(1), prepared)
        .isLessThanOrEqualTo(0);
  }

  private static List<Integer> numbers(String version) {
    return Arrays.stream(version.split("\\.")).map(Integer::valueOf).toList();
  }

  private static int compare(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int order = Integer.compare(a.get(i), b.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static String fenced(String markdown, String opening) {
    int start = markdown.indexOf(opening) + opening.length();
    return markdown.substring(start, markdown.indexOf("```", start));
  }
}
