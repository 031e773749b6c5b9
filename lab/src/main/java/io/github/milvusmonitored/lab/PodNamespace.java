package io.github.milvusmonitored.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace of one pod's own, inside the lab, as a container runtime gives each pod: the
 * pod's address on its {@code eth0}, a veth into the lab's namespace, and a route back into the lab
 * range only. Programs that bind wildcard addresses and fixed ports (a Milvus server listens on
 * {@code *:19530}, {@code *:9091} and its embedded etcd on {@code 127.0.0.1:2379}) can run once per
 * pod this way, as they do on a node.
 *
 * <p>The namespace is named {@code <lab namespace>-p<n>}, so a lab run that was killed leaves
 * nothing the next lab start does not remove. Nothing in it routes outside the lab range.
 */
final class PodNamespace implements AutoCloseable {

  /**
   * The gateway address the pod sees on its eth0: on the lab end of each pod's veth (link-local,
   * never routed).
   */
  static final String GATEWAY = "169.254.1.1";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final LabNetwork lab;
  private final String name;
  private final String labVeth;
  private final String address;
  private boolean closed;

  private PodNamespace(LabNetwork lab, String name, String labVeth, String address) {
    this.lab = lab;
    this.name = name;
    this.labVeth = labVeth;
    this.address = address;
  }

  /**
   * Creates the namespace for the pod address {@code address}; removes what it made if a step
   * fails.
   */
  static PodNamespace create(LabNetwork lab, String address) {
    int n = SEQUENCE.incrementAndGet();
    PodNamespace pod = new PodNamespace(lab, lab.name() + "-p" + n, "mmpod" + n, address);
    try {
      pod.setUp();
      return pod;
    } catch (RuntimeException e) {
      pod.close();
      throw e;
    }
  }

  private void setUp() {
    LabNetwork.run(List.of("ip", "netns", "add", name));
    LabNetwork.run(
        lab.command(
            List.of(
                "ip", "link", "add", labVeth, "type", "veth", "peer", "name", "eth0", "netns",
                name)));
    LabNetwork.run(lab.command(List.of("ip", "addr", "add", GATEWAY + "/32", "dev", labVeth)));
    LabNetwork.run(lab.command(List.of("ip", "link", "set", labVeth, "up")));
    LabNetwork.run(lab.command(List.of("ip", "route", "replace", address + "/32", "dev", labVeth)));
    inPod("ip", "link", "set", "lo", "up");
    inPod("ip", "addr", "add", address + "/32", "dev", "eth0");
    inPod("ip", "link", "set", "eth0", "up");
    inPod("ip", "route", "add", GATEWAY, "dev", "eth0", "scope", "link");
    inPod("ip", "route", "add", LabNetwork.LAB_RANGE, "via", GATEWAY, "dev", "eth0");
  }

  /** The namespace's name. */
  String name() {
    return name;
  }

  /** The pod's address. */
  String address() {
    return address;
  }

  /** The command prefixed so that it runs inside the pod's namespace. */
  List<String> command(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  /** The routes inside the pod, as {@code ip route show table all} prints them. */
  String routes() {
    return LabNetwork.quietly(command(List.of("ip", "route", "show", "table", "all")));
  }

  private void inPod(String... command) {
    LabNetwork.run(command(List.of(command)));
  }

  /**
   * Kills what still runs in the namespace and deletes it; the veth pair and the lab's route go
   * with it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LabNetwork.removeNamespace(name);
    LabNetwork.quietly(lab.command(List.of("ip", "link", "del", labVeth)));
  }
}
