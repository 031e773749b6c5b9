package io.github.milvusmonitored.cli.internal;

/**
 * A command could not do its work: the message is the paragraph to print (what happened, the value,
 * the likely cause, what to do, the flag to change), the cause what the library threw, printed with
 * {@code --debug} only.
 */
public final class CommandFailure extends RuntimeException {

  private final int exitCode;

  public CommandFailure(String paragraph, int exitCode, Throwable cause) {
    super(paragraph, cause);
    this.exitCode = exitCode;
  }

  public CommandFailure(String paragraph, Throwable cause) {
    this(paragraph, CliTexts.FAILED, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
