package io.github.milvusmonitored.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the job names out of Prometheus's loaded configuration, where every configured job appears
 * on every version.
 */
final class ScrapeConfigJobs {

  // Prometheus prints its effective configuration itself, so the form of this line is stable.
  private static final Pattern JOB = Pattern.compile("(?m)^\\s*-?\\s*job_name:\\s*(.+?)\\s*$");

  private ScrapeConfigJobs() {}

  static List<String> jobNames(String yaml) {
    List<String> names = new ArrayList<>();
    Matcher m = JOB.matcher(yaml);
    while (m.find()) {
      String name = m.group(1);
      if (name.length() >= 2 && (name.startsWith("\"") || name.startsWith("'"))) {
        name = name.substring(1, name.length() - 1);
      }
      names.add(name);
    }
    return List.copyOf(names);
  }
}
