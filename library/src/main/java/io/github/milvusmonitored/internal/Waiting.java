package io.github.milvusmonitored.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls until a value appears, logging progress, with a deadline. */
public final class Waiting {

  private static final Logger LOG = LoggerFactory.getLogger(Waiting.class);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

  private Waiting() {}

  /** Returns the first non-null value of {@code probe}, or throws {@code onTimeout}'s exception. */
  public static <T> T until(
      String what, Duration timeout, Callable<T> probe, Supplier<RuntimeException> onTimeout) {
    AtomicReference<T> found = new AtomicReference<>();
    long start = System.nanoTime();
    long[] nextLog = {start + PROGRESS_EVERY.toNanos()};
    try {
      Awaitility.await(what)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                T value = probe.call();
                long now = System.nanoTime();
                if (value == null && now >= nextLog[0]) {
                  nextLog[0] = now + PROGRESS_EVERY.toNanos();
                  LOG.info(
                      "waiting for {}: {}s of {}s elapsed",
                      what,
                      (now - start) / 1_000_000_000L,
                      timeout.toSeconds());
                }
                found.set(value);
                return value != null;
              });
      return found.get();
    } catch (ConditionTimeoutException e) {
      throw onTimeout.get();
    }
  }
}
