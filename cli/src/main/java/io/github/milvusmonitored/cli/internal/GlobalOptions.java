package io.github.milvusmonitored.cli.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The options every command takes, wherever they stand on the command line: {@code --debug} (print
 * the stack trace of a failure). {@code args} is the command line without them.
 */
public record GlobalOptions(boolean debug, List<String> args) {

  public static final String DEBUG = "--debug";

  public GlobalOptions {
    args = List.copyOf(args);
  }

  public static GlobalOptions of(String... commandLine) {
    boolean debug = false;
    List<String> rest = new ArrayList<>();
    for (String arg : commandLine) {
      if (arg.equals(DEBUG)) {
        debug = true;
      } else {
        rest.add(arg);
      }
    }
    return new GlobalOptions(debug, rest);
  }

  /** The command's name, or an empty string when none was given. */
  public String command() {
    return args.isEmpty() ? "" : args.get(0);
  }

  /** The arguments after the command's name. */
  public List<String> commandArgs() {
    return args.isEmpty() ? List.of() : args.subList(1, args.size());
  }
}
