package io.github.milvusmonitored.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent API calls a few at a time and hands back their results in input order. A failure
 * is thrown as itself (the first one in input order), after the calls already running have
 * finished; none is swallowed.
 */
public final class Concurrently {

  /** Enough to overlap round trips to one API server without loading it with a burst. */
  static final int PARALLELISM = 4;

  private Concurrently() {}

  public static <T, R> List<R> map(List<T> inputs, Function<T, R> call) {
    if (inputs.size() <= 1) {
      return inputs.stream().map(call).toList();
    }
    ExecutorService pool =
        DaemonThreads.pool("milvus-monitored-kube-call", Math.min(PARALLELISM, inputs.size()));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T input : inputs) {
        futures.add(pool.submit(() -> call.apply(input)));
      }
      List<R> results = new ArrayList<>(inputs.size());
      RuntimeException failure = null;
      for (Future<R> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
          }
          results.add(null);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kubernetes API calls", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
