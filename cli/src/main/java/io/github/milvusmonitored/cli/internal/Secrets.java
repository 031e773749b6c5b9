package io.github.milvusmonitored.cli.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the command line prints: the password of a URL's user information
 * ({@code http://user:***@host}) and the value of secret-looking {@code key: value} pairs (token,
 * password, secret, ...). The library redacts its own messages; this covers what the command line
 * echoes of its arguments and of messages it did not write.
 */
public final class Secrets {

  public static final String MASK = "***";

  private static final Pattern USERINFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.\\-]*://)([^/\\s@:]*)(:[^/\\s@]*)?@");
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)(\"?[A-Za-z0-9_.\\-]*(?:password|passwd|secret|token|credential|apikey|api_key|accesskey|access_key"
              + "|privatekey|private_key|authorization)[A-Za-z0-9_.\\-]*\"?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;}\\]]+)");

  private Secrets() {}

  /** {@code text} with URL passwords and secret-looking values masked. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String masked =
        KEY_VALUE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    return USERINFO
        .matcher(masked)
        .replaceAll(
            m ->
                Matcher.quoteReplacement(
                    m.group(1) + m.group(2) + (m.group(3) == null ? "" : ":" + MASK) + "@"));
  }
}
