package io.github.milvusmonitored.lab;

/** The process (or in-JVM server) that stands for one kwok pod; stopped when the pod goes away. */
interface PodRunner extends AutoCloseable {

  /**
   * Whether the pod's address lives inside the lab (a program) or on the host (a server of the test
   * JVM).
   */
  boolean inLab();

  @Override
  void close();
}
