package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * the host end of the veth. On the host the lab's range ({@link #LAB_RANGE}, its slot's quarter of
 * {@link #ALL_LABS}) is routed into the veth and the rest of {@link #ALL_LABS} is unreachable, so a
 * stray connection from the host to a lab address goes into a lab or nowhere. Pod addresses of the
 * processes the test JVM serves itself (the Milvus test exporters) sit on the host end of the veth.
 */
public final class LabNetwork implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LabNetwork.class);
  private static final String PREFIX = "mmlab-";
  private static final Pattern OWNER = Pattern.compile(PREFIX + "(\\d+)");

  /**
   * The lab's slot, 1 to 4 (system property {@code lab.slot}, default 1): each slot has its own
   * quarter of {@link #ALL_LABS}, so that up to four labs (e.g. the forks of one build) run side by
   * side on one machine.
   */
  public static final int SLOT = slot();

  private static final int SECOND_OCTET = 18 + (SLOT - 1) / 2;
  private static final int THIRD_OCTET = (SLOT - 1) % 2 * 128;

  /**
   * Every slot's addresses (RFC 2544 benchmarking range): unreachable from the host but into a lab.
   */
  public static final String ALL_LABS = "198.18.0.0/15";

  /** This lab's addresses: routed from the host into its veth only. */
  public static final String LAB_RANGE = address(0, 0) + "/17";

  /** The host end of the veth. */
  public static final String HOST_ADDRESS = address(0, 1);

  /** The lab end of the veth: the API server's advertise address and the node's InternalIP. */
  public static final String LAB_ADDRESS = address(0, 2);

  /** The pod range kwok allocates from (its first address is the start). */
  public static final String POD_CIDR = address(1, 1) + "/24";

  /** The service range: blackholed inside the lab, no process ever listens there. */
  public static final String SERVICE_CIDR = address(64, 0) + "/24";

  /** The {@code kubernetes} Service's address, the first of the service range. */
  public static final String KUBERNETES_SERVICE = address(64, 1);

  /**
   * The address {@code offset} (third octet) and {@code host} (fourth) into this slot's range: slot
   * 1 is 198.18.0.0/17, slot 2 198.18.128.0/17, slot 3 198.19.0.0/17, slot 4 198.19.128.0/17.
   */
  static String address(int offset, int host) {
    return "198." + SECOND_OCTET + "." + (THIRD_OCTET + offset) + "." + host;
  }

  private static int slot() {
    String value = System.getProperty("lab.slot", "1");
    if (!value.matches("[1-4]")) {
      throw new LabException(
          "System property lab.slot is '" + value + "'; the lab has slots 1 to 4 (default 1)");
    }
    return Integer.parseInt(value);
  }

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
    LabNetwork network = new LabNetwork(PREFIX + ProcessHandle.current().pid());
    try (HostLock lock = HostLock.take()) {
      removeStale();
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
    // The other slots' ranges: unreachable rather than out through the host's default route.
    ip("route", "replace", "unreachable", ALL_LABS);
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

  /**
   * The command prefixed so that it runs in the lab's network namespace only, keeping the host's
   * mounts: the real node's containerd and kubelet need the host's cgroup file systems, which
   * {@code ip netns exec} hides by mounting a fresh /sys.
   */
  public List<String> nodeCommand(List<String> command) {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + name, "--"));
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
    try (HostLock lock = HostLock.take()) {
      removeNamespace(name);
      quietly(List.of("ip", "link", "del", hostVeth));
      if (liveLabs().isEmpty()) {
        quietly(List.of("ip", "route", "del", "unreachable", ALL_LABS));
      }
    }
  }

  /** The network namespaces of labs whose JVM still runs (this one's once it is removed). */
  private static List<String> liveLabs() {
    return listed().stream().filter(n -> !n.pod() && n.ownerAlive()).map(Listed::name).toList();
  }

  /** A namespace of a lab as {@code ip netns list} shows it: a lab's own, or one of its pods'. */
  private record Listed(String name, long owner, boolean pod) {
    boolean ownerAlive() {
      return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
    }
  }

  /** Every lab namespace on the machine, of any JVM, alive or not. */
  private static List<Listed> listed() {
    List<Listed> out = new ArrayList<>();
    for (String line : quietly(List.of("ip", "netns", "list")).split("\n")) {
      Matcher m = OWNER.matcher(line);
      if (m.lookingAt()) {
        String name = line.split("\\s+")[0];
        out.add(new Listed(name, Long.parseLong(m.group(1)), !name.equals(m.group())));
      }
    }
    return out;
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
   * refuses to start beside a running lab of the same slot: each slot's addresses are fixed.
   */
  private static void removeStale() {
    for (Listed namespace : listed()) {
      boolean ownerAlive = namespace.ownerAlive();
      if (namespace.pod()) {
        // A pod's namespace: removed with its lab's, or here if that one is gone already.
        if (!ownerAlive) {
          removeNamespace(namespace.name());
        }
        continue;
      }
      if (ownerAlive) {
        String hostEnd =
            quietly(List.of("ip", "-o", "-4", "addr", "show", "dev", "mmh" + namespace.owner()));
        if (hostEnd.contains(" " + HOST_ADDRESS + "/")) {
          throw new LabException(
              "Another lab is running on this machine in slot "
                  + SLOT
                  + ": network namespace "
                  + namespace.name()
                  + " of process "
                  + namespace.owner()
                  + ". Each slot's addresses are fixed, so one lab runs per slot; start this one in"
                  + " another slot (-Dlab.slot=1..4), wait for that build to finish, or stop it"
                  + " (its namespace is removed when it stops).");
        }
        continue;
      }
      LOG.info(
          "removing the network namespace {} of an earlier lab run whose JVM is gone",
          namespace.name());
      for (String pod : podNamespaces(namespace.name())) {
        removeNamespace(pod);
      }
      removeNamespace(namespace.name());
      quietly(List.of("ip", "link", "del", "mmh" + namespace.owner()));
    }
  }

  /**
   * An exclusive lock over the host's lab state (namespaces, veths, the unreachable route), held
   * while a lab sets its network up or takes it down, so that labs of several slots starting and
   * stopping together see each other's namespaces whole.
   */
  private record HostLock(FileChannel channel) implements AutoCloseable {
    static HostLock take() {
      try {
        FileChannel channel =
            FileChannel.open(
                Path.of("/run/lock/milvus-monitored-lab.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        channel.lock();
        return new HostLock(channel);
      } catch (IOException e) {
        throw new LabException(
            "Cannot take the lab's lock /run/lock/milvus-monitored-lab.lock: " + e, e);
      }
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("cannot close the lab's lock: {}", e.toString());
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
