package io.github.milvusmonitored.samples;

/** Why the samples are skipped by default, and how to run them. */
final class EndToEnd {

  /** The reason shown for every skipped sample. */
  static final String REASON =
      "End-to-end sample: needs a Docker engine that can run privileged containers and pull"
          + " rancher/k3s, quay.io/prometheus* and milvusdb/milvus images (about 2 GB the first time)."
          + " Run it with: ./mvnw -B verify -Pe2e -pl samples -am";

  private EndToEnd() {}
}
