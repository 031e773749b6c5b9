package io.github.milvusmonitored.internal;

import com.marcnuri.helm.Helm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child JVM for {@link JvmSignalsIT}: renders a chart of its own with helm-java (client-only, no
 * cluster; the same native install path that calls Go's {@code signal.Notify}), then waits for a
 * signal. Its shutdown hook prints {@value #HOOK_RAN}.
 *
 * <p>Argument {@code restore} wraps the call in {@link
 * JvmSignals#around(java.util.function.Supplier)}; {@code plain} makes the bare call, to show what
 * happens without it.
 */
public final class HelmSignalProbe {

  static final String RENDERED = "rendered";
  static final String HOOK_RAN = "shutdown hook ran";

  private HelmSignalProbe() {}

  public static void main(String[] args) throws Exception {
    boolean restore = args[0].equals("restore");
    Path dir = Files.createTempDirectory("helm-signal-probe");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(HOOK_RAN);
                  System.out.flush();
                }));
    Helm chart = Helm.create().withName("probe").withDir(dir).call();
    String yaml =
        restore
            ? JvmSignals.around(() -> chart.template().withName("probe").call())
            : chart.template().withName("probe").call();
    System.out.println(yaml.contains("kind: Deployment") ? RENDERED : "unexpected template output");
    System.out.flush();
    Thread.sleep(120_000);
  }
}
