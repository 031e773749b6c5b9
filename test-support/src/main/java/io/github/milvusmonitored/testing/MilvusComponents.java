package io.github.milvusmonitored.testing;

import io.github.milvusmonitored.milvus.MilvusProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Milvus 2.6 processes a test exporter can stand for, and which of them expose a catalogue
 * family.
 *
 * <p>Every value of the catalogue's {@code component} column is mapped here explicitly, so a
 * catalogue with a value nobody has placed fails to load instead of leaving a family out of every
 * process. The mapping follows the column: {@code common...} and the Go runtime and process
 * collectors belong to every process, {@code rootcoord(mixcoord)}, {@code datacoord(mixcoord)},
 * {@code querycoord(mixcoord)} and {@code streamingcoord(mixcoord)} to mixcoord, {@code
 * indexnode(datanode in 2.6)} to datanode, the streaming client to the three processes the column
 * names, segcore's C++ families to querynode, datanode and streamingnode. The column names no
 * process for knowhere's C++ families; they are read from the same C++ registry as segcore's and
 * are placed with them. CDC is a binary of its own: no process here exposes it. A standalone
 * process runs every role, so it exposes every family some cluster process exposes.
 */
final class MilvusComponents {

  static final String STANDALONE = "standalone";

  /**
   * The Milvus 2.6 cluster processes, by the chart's {@code component} label: the library's cluster
   * profile's.
   */
  static final List<String> CLUSTER = MilvusProfile.CLUSTER.components();

  /** Every process a test exporter can stand for: standalone, then the cluster processes. */
  static final List<String> ALL = Stream.concat(Stream.of(STANDALONE), CLUSTER.stream()).toList();

  private static final Set<String> C_PLUS_PLUS_NODES =
      Set.of("querynode", "datanode", "streamingnode");

  private static final Map<String, Set<String>> BY_CATALOGUE_COMPONENT =
      Map.ofEntries(
          Map.entry("common", Set.copyOf(CLUSTER)),
          Map.entry("common (C++ jemalloc via CRegistry)", Set.copyOf(CLUSTER)),
          Map.entry("common(logging)", Set.copyOf(CLUSTER)),
          Map.entry("go runtime/process collectors (every Milvus process)", Set.copyOf(CLUSTER)),
          Map.entry("rootcoord(mixcoord)", Set.of("mixcoord")),
          Map.entry("datacoord(mixcoord)", Set.of("mixcoord")),
          Map.entry("querycoord(mixcoord)", Set.of("mixcoord")),
          Map.entry("streamingcoord(mixcoord)", Set.of("mixcoord")),
          Map.entry("proxy", Set.of("proxy")),
          Map.entry("querynode", Set.of("querynode")),
          Map.entry("querynode(cgo)", Set.of("querynode")),
          Map.entry("datanode", Set.of("datanode")),
          Map.entry("indexnode(datanode in 2.6)", Set.of("datanode")),
          Map.entry("streamingnode", Set.of("streamingnode")),
          Map.entry("streamingnode(wal)", Set.of("streamingnode")),
          Map.entry(
              "streaming-client(proxy,querynode,mixcoord)",
              Set.of("proxy", "querynode", "mixcoord")),
          Map.entry(
              "segcore C++ (internal_ prefix; querynode/datanode/streamingnode)",
              C_PLUS_PLUS_NODES),
          Map.entry("knowhere C++ (no milvus_ prefix)", C_PLUS_PLUS_NODES),
          Map.entry("cdc", Set.of()));

  private MilvusComponents() {}

  /** Whether the catalogue's component column value is one this class places. */
  static boolean isKnownCatalogueComponent(String catalogueComponent) {
    return BY_CATALOGUE_COMPONENT.containsKey(catalogueComponent);
  }

  /** Whether {@code process} (one of {@link #ALL}) exposes families of this catalogue component. */
  static boolean exposes(String process, String catalogueComponent) {
    Set<String> processes = BY_CATALOGUE_COMPONENT.get(catalogueComponent);
    if (processes == null) {
      throw new IllegalStateException(
          "Catalogue component '"
              + catalogueComponent
              + "' is not placed in "
              + MilvusComponents.class.getSimpleName()
              + "; add it to say which processes expose it");
    }
    return process.equals(STANDALONE) ? !processes.isEmpty() : processes.contains(process);
  }

  /** The process name, checked. */
  static String require(String process) {
    if (process == null || !ALL.contains(process)) {
      throw ExporterErrors.unknownComponent(process, ALL);
    }
    return process;
  }
}
