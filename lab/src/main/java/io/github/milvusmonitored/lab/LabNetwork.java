package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's network: one network namespace of its own, joined to the host only by a veth pair of
 * its own.
 *
 * <p>Inside it: loopback, the lab end of the veth ({@link #LAB_ADDRESS}, where the API server,
 * kwok's kubelet server and every control-plane port listen), and loopback again for the pod
 * addresses of processes running inside. The service range is blackholed and there is no default
 * route, so nothing in the lab can send a packet anywhere but loopback, the lab's own addresses and
 * the host end of the veth. On the host the whole lab range ({@link #LAB_RANGE}) is routed into the
 * veth, so a stray connection from the host to a lab address goes into the lab and nowhere else.
 * Pod addresses of the processes the test JVM serves itself (the Milvus test exporters) sit on the
 * host end of the veth.
 */
public final class LabNetwork implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LabNetwork.class);
  private static final String PREFIX = "mmlab-";
  private static final Pattern OWNER = Pattern.compile(PREFIX + "(\\d+)");

  /** The host end of the veth. */
  public static final String HOST_ADDRESS = "198.18.0.1";

  /** The lab end of the veth: the API server's advertise address and the node's InternalIP. */
  public static final String LAB_ADDRESS = "198.18.0.2";

  /** The pod range kwok allocates from (its first address is the start). */
  public static final String POD_CIDR = "198.19.0.1/24";

  /** The service range: blackholed inside the lab, no process ever listens there. */
  public static final String SERVICE_CIDR = "198.19.128.0/24";

  /** Every lab address (RFC 2544 benchmarking range): routed from the host into the veth only. */
  public static final String LAB_RANGE = "198.18.0.0/15";

  private final String name;
  private final String hostVeth;
  private final String labVeth;
  private boolean closed;

  private LabNetwork(String name) {
    this.name = name;
    String id = name.substring(PREFIX.length());
    this.hostVeth = "mmh" + id;
    this.labVeth = "mml" + id;
  }

  /**
   * Creates the namespace, the veth pair, the routes and the blackhole; removes what it made if a
   * step fails.
   */
  public static LabNetwork create() {
    removeStale();
    LabNetwork network = new LabNetwork(PREFIX + ProcessHandle.current().pid());
    try {
      network.setUp();
      return network;
    } catch (RuntimeException e) {
      network.close();
      throw e;
    }
  }

  private void setUp() {
    ip("netns", "add", name);
    ip("link", "add", hostVeth, "type", "veth", "peer", "name", labVeth);
    ip("link", "set", labVeth, "netns", name);
    ip("addr", "add", HOST_ADDRESS + "/30", "dev", hostVeth);
    ip("link", "set", hostVeth, "up");
    ip("route", "add", LAB_RANGE, "dev", hostVeth);
    inLab("ip", "link", "set", "lo", "up");
    inLab("ip", "addr", "add", LAB_ADDRESS + "/30", "dev", labVeth);
    inLab("ip", "link", "set", labVeth, "up");
    inLab("ip", "route", "add", "blackhole", SERVICE_CIDR);
    // Pods with a network namespace of their own (PodNamespace) sit behind the lab: it forwards
    // between its veth and
    // theirs, and answers the host's ARP for their addresses. It has no default route, so nothing
    // leaves the range.
    inLab("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    inLab("sysctl", "-q", "-w", "net.ipv4.conf." + labVeth + ".proxy_arp=1");
    LOG.info(
        "lab network {}: host {} <-> lab {} (veth {}/{}), pods {}, services {} blackholed",
        name,
        HOST_ADDRESS,
        LAB_ADDRESS,
        hostVeth,
        labVeth,
        POD_CIDR,
        SERVICE_CIDR);
  }

  /** The namespace's name, e.g. {@code mmlab-4242}. */
  public String name() {
    return name;
  }

  /** The command prefixed so that it runs inside the lab's namespace. */
  public List<String> command(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  /** Gives a pod address to a process inside the lab (on the lab's loopback). */
  public void addLabPodAddress(String address) {
    inLab("ip", "addr", "replace", address + "/32", "dev", "lo");
  }

  /**
   * Gives a pod address to the test JVM (on the host end of the veth), routed to from inside the
   * lab.
   */
  public void addHostPodAddress(String address) {
    ip("addr", "replace", address + "/32", "dev", hostVeth);
    inLab("ip", "route", "replace", address + "/32", "via", HOST_ADDRESS);
  }

  /** Takes a pod address away again, wherever it was. */
  public void removePodAddress(String address) {
    quietly(
        List.of("ip", "netns", "exec", name, "ip", "addr", "del", address + "/32", "dev", "lo"));
    quietly(List.of("ip", "netns", "exec", name, "ip", "route", "del", address + "/32"));
    quietly(List.of("ip", "addr", "del", address + "/32", "dev", hostVeth));
  }

  /**
   * What {@code ip route get} says about {@code address} from inside the lab (no packet is sent).
   */
  public String routeFromLab(String address) {
    return quietly(command(List.of("ip", "route", "get", address)));
  }

  /** What {@code ip route get} says about {@code address} on the host (no packet is sent). */
  public String routeFromHost(String address) {
    return quietly(List.of("ip", "route", "get", address));
  }

  /** The routes inside the lab, as {@code ip route show table all} prints them. */
  public String labRoutes() {
    return quietly(command(List.of("ip", "route", "show", "table", "all")));
  }

  /** Kills every process left in the namespace and deletes it (the veth pair goes with it). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (String pod : podNamespaces(name)) {
      removeNamespace(pod);
    }
    removeNamespace(name);
    quietly(List.of("ip", "link", "del", hostVeth));
  }

  /** Kills every process left in {@code namespace} and deletes it. */
  static void removeNamespace(String namespace) {
    String pids = quietly(List.of("ip", "netns", "pids", namespace));
    for (String pid : pids.split("\\s+")) {
      if (pid.matches("\\d+")) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    quietly(List.of("ip", "netns", "del", namespace));
  }

  /**
   * Removes namespaces of earlier lab runs whose JVM is gone (killed before it could clean up), and
   * refuses to start beside a lab that is still running: the lab's addresses are fixed, so one lab
   * runs at a time.
   */
  private static void removeStale() {
    for (String line : quietly(List.of("ip", "netns", "list")).split("\n")) {
      Matcher m = OWNER.matcher(line);
      boolean ownerAlive =
          m.lookingAt()
              && ProcessHandle.of(Long.parseLong(m.group(1)))
                  .map(ProcessHandle::isAlive)
                  .orElse(false);
      if (ownerAlive) {
        throw new LabException(
            "Another lab is running on this machine: network namespace "
                + m.group()
                + " of process "
                + m.group(1)
                + ". The lab's addresses are fixed, so one lab runs at a time; wait for"
                + " that build to finish, or stop it (its namespace is removed when it stops).");
      }
      if (m.lookingAt()) {
        LOG.info(
            "removing the network namespace {} of an earlier lab run whose JVM is gone", m.group());
        for (String pod : podNamespaces(m.group())) {
          removeNamespace(pod);
        }
        removeNamespace(m.group());
        quietly(List.of("ip", "link", "del", "mmh" + m.group(1)));
      }
    }
  }

  /** The pods' own namespaces ({@link PodNamespace}) of the lab namespace {@code lab}. */
  private static List<String> podNamespaces(String lab) {
    List<String> pods = new ArrayList<>();
    for (String line : quietly(List.of("ip", "netns", "list")).split("\n")) {
      String namespace = line.split("\\s+")[0];
      if (namespace.startsWith(lab + "-p")) {
        pods.add(namespace);
      }
    }
    return pods;
  }

  private void inLab(String... command) {
    run(command(List.of(command)));
  }

  private static void ip(String... args) {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(args));
    run(command);
  }

  static void run(List<String> command) {
    Result result = exec(command);
    if (result.exit != 0) {
      throw new LabException(
          "Lab network step failed: "
              + String.join(" ", command)
              + " exited "
              + result.exit
              + ": "
              + result.output.strip()
              + ". The lab needs root (CAP_NET_ADMIN) and the iproute2 'ip' command.");
    }
  }

  static String quietly(List<String> command) {
    return exec(command).output;
  }

  private record Result(int exit, String output) {}

  private static Result exec(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, output + " (timed out)");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
