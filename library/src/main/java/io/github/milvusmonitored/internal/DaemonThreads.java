package io.github.milvusmonitored.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The library's background threads: daemon threads (a test or command line never waits for them at
 * exit), each named for what it does, so that a thread dump says whose it is. Fan-out of
 * independent calls is {@link Concurrently}'s.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Makes daemon threads that all carry {@code name}. */
  public static ThreadFactory named(String name) {
    return runnable -> thread(name, runnable);
  }

  /** A daemon thread named {@code name} that runs {@code task}, not started yet. */
  public static Thread thread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Starts a daemon thread named {@code name} that runs {@code task}. */
  public static Thread start(String name, Runnable task) {
    Thread thread = thread(name, task);
    thread.start();
    return thread;
  }

  /** {@code threads} daemon threads named {@code name} that share a queue of tasks. */
  public static ExecutorService pool(String name, int threads) {
    return Executors.newFixedThreadPool(threads, named(name));
  }

  /**
   * Daemon threads named {@code name}, one per task that finds none idle; idle ones end after a
   * minute.
   */
  public static ExecutorService asNeeded(String name) {
    return Executors.newCachedThreadPool(named(name));
  }

  /**
   * One daemon thread named {@code name} that runs periodic or delayed tasks: a ticker, a
   * supervisor.
   */
  public static ScheduledExecutorService ticker(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }
}
