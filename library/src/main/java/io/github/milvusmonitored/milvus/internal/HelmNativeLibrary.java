package io.github.milvusmonitored.milvus.internal;

import com.marcnuri.helm.Helm;
import io.github.milvusmonitored.internal.JvmSignals;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads helm-java's native library ahead of the first Helm call. Loading it registers its unpacked
 * file for deletion at exit, which a JVM that is already stopping refuses ("Shutdown in progress"):
 * without this, a Ctrl-C during a start before the first Helm call left Helm unusable (its class
 * failed to initialise) for the very cleanup that must uninstall the release. Seen on the lab with
 * helm-java 0.0.21.
 */
public final class HelmNativeLibrary {

  private static final Logger LOG = LoggerFactory.getLogger(HelmNativeLibrary.class);
  private static final AtomicBoolean LOADED = new AtomicBoolean();

  private HelmNativeLibrary() {}

  /** Loads the library once; a failure is left for the first real Helm call to report. */
  public static void load() {
    if (!LOADED.compareAndSet(false, true)) {
      return;
    }
    try {
      String version = JvmSignals.around(() -> Helm.version().call());
      LOG.debug("helm-java native library loaded (Helm {})", version);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("helm-java native library not loaded ahead: {}", e.toString());
    }
  }
}
