package io.github.milvusmonitored.lab;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what the JVM writes to {@code System.err} (where slf4j-simple writes the library's log
 * lines) while it is open, so that a test can assert the line the library says about what it found;
 * the output still goes through.
 */
final class CapturedLog implements AutoCloseable {

  private final PrintStream original;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  private CapturedLog() {
    original = System.err;
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (copy) {
              original.write(b);
              copy.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (copy) {
              original.write(b, off, len);
              copy.write(b, off, len);
            }
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  static CapturedLog start() {
    return new CapturedLog();
  }

  String text() {
    synchronized (copy) {
      return copy.toString(StandardCharsets.UTF_8);
    }
  }

  /** The run id the library logged at start ("[environment] run <id>: ..."). */
  String runId() {
    var m =
        java.util.regex.Pattern.compile("\\[environment\\] run ([0-9a-f]{12}):").matcher(text());
    if (!m.find()) {
      throw new AssertionError("no '[environment] run <id>:' line in the captured log");
    }
    return m.group(1);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
