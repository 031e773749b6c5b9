package io.github.milvusmonitored.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of a command that takes {@code --name=value} or {@code --name value}; an option
 * listed as repeatable may be given several times. {@code --help} is recorded as the option {@code
 * --help}.
 */
final class CommandOptions {

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private CommandOptions() {}

  /**
   * Parses {@code args} of {@code command}.
   *
   * @param valid the options as the usage names them, e.g. {@code --from=<version>}
   * @param repeatable the option names that may be given more than once
   * @throws CliUsageException naming the unknown, repeated or empty option and the valid ones
   */
  static CommandOptions parse(
      List<String> args, String command, List<String> valid, List<String> repeatable) {
    CommandOptions o = new CommandOptions();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        o.values.put("--help", List.of());
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!name.startsWith("-")) {
        throw new CliUsageException(CliTexts.unexpectedArgument(arg, command, valid));
      }
      if (valid.stream().noneMatch(v -> v.startsWith(name + "=") || v.startsWith(name + " "))) {
        throw new CliUsageException(CliTexts.unknownOption(arg, command, valid));
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1).strip();
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i).strip();
      } else {
        value = "";
      }
      if (value.isEmpty()) {
        throw new CliUsageException(CliTexts.missingValue(name));
      }
      if (o.values.containsKey(name) && !repeatable.contains(name)) {
        throw new CliUsageException(CliTexts.repeatedOption(name));
      }
      o.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return o;
  }

  /**
   * {@code args} with each {@code --name value} of an option that takes a value written {@code
   * --name=value}, as every command accepts both forms.
   *
   * @param valid the options as the usage names them; those written with {@code =} take a value
   * @param aliases further names that take a value
   */
  static List<String> joinSpacedValues(
      List<String> args, List<String> valid, List<String> aliases) {
    List<String> joined = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      boolean takesValue =
          arg.startsWith("--")
              && !arg.contains("=")
              && (aliases.contains(arg) || valid.stream().anyMatch(v -> v.startsWith(arg + "=")));
      if (takesValue && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
        joined.add(arg + "=" + args.get(++i));
      } else {
        joined.add(arg);
      }
    }
    return joined;
  }

  boolean help() {
    return values.containsKey("--help");
  }

  /** The value of {@code name}, or {@code fallback} when it was not given. */
  String get(String name, String fallback) {
    List<String> v = values.get(name);
    return v == null || v.isEmpty() ? fallback : v.get(0);
  }

  /** The value of {@code name}; a usage error naming it when it was not given. */
  String required(String name, String command) {
    String v = get(name, null);
    if (v == null) {
      throw new CliUsageException(CliTexts.requiredOption(name, command));
    }
    return v;
  }

  /** Every value of a repeatable option, in order; empty when it was not given. */
  List<String> all(String name) {
    return List.copyOf(values.getOrDefault(name, List.of()));
  }
}
