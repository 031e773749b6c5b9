package io.github.milvusmonitored.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's check-upgrade example is what the command prints for the README's rules.yaml. */
class ReadmeUpgradeExampleTest {

  private static final String COMMAND =
      "$ java -jar milvus-monitored-cli-0.1.0.jar check-upgrade --from v2.6.18"
          + " --to v2.6.19 --rules rules.yaml\n";

  @Test
  void the_readme_shows_the_real_output_and_exit_code(@TempDir Path folder) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("## Upgrade check");
    int yamlStart = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String rules = readme.substring(yamlStart, readme.indexOf("```\n", yamlStart));
    int outputStart = readme.indexOf(COMMAND, section) + COMMAND.length();
    String shown = readme.substring(outputStart, readme.indexOf("$ echo $?\n", outputStart));
    String shownCode =
        readme
            .substring(readme.indexOf("$ echo $?\n", outputStart) + "$ echo $?\n".length())
            .lines()
            .findFirst()
            .orElseThrow();
    Files.writeString(folder.resolve("rules.yaml"), rules, StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code =
        MilvusMonitoredCli.run(
            new String[] {
              "check-upgrade",
              "--from",
              "v2.6.18",
              "--to",
              "v2.6.19",
              "--rules",
              folder.resolve("rules.yaml").toString()
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(shown);
    assertThat(Integer.toString(code)).isEqualTo(shownCode);
  }
}
