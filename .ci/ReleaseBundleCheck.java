import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The checks of .ci/release-check, run with {@code java .ci/ReleaseBundleCheck.java}.
 *
 * <pre>
 * bundle  DIR [--verify-signatures]   Maven Central's rules on an unpacked Central Publisher Portal bundle
 * compare DIR_A DIR_B                 every jar of DIR_A has the same bytes in DIR_B; names the entries that differ
 * </pre>
 *
 * <p>Each problem is printed on a line of its own, naming the file or the POM element; the exit code is 1
 * when there is one. The rules are Central's "Requirements" page: each component has its POM, a jar
 * component its sources and javadoc jars, every file an .asc signature and .md5 and .sha1 checksums, the
 * POM names the project (name, description, url), its licenses, developers and scm (url, connection),
 * directly or through a parent POM in the same bundle, and nothing is a SNAPSHOT.
 */
public class ReleaseBundleCheck {

  private static final List<String> CHECKSUMS = List.of("md5", "sha1", "sha256", "sha512");
  private static final List<String> REQUIRED_CHECKSUMS = List.of("md5", "sha1");

  private final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    ReleaseBundleCheck check = new ReleaseBundleCheck();
    if (args.length >= 2 && args[0].equals("bundle")) {
      check.bundle(Path.of(args[1]), Arrays.asList(args).contains("--verify-signatures"));
    } else if (args.length == 3 && args[0].equals("compare")) {
      check.compare(Path.of(args[1]), Path.of(args[2]));
    } else {
      System.err.println("usage: bundle DIR [--verify-signatures] | compare DIR_A DIR_B");
      System.exit(2);
    }
    check.problems.forEach(problem -> System.out.println("  FAIL: " + problem));
    System.exit(check.problems.isEmpty() ? 0 : 1);
  }

  // ---- bundle ------------------------------------------------------------------------------------

  void bundle(Path root, boolean verifySignatures) throws Exception {
    Map<Path, List<Path>> byComponent = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(Files::isRegularFile)
          .forEach(file -> byComponent.computeIfAbsent(file.getParent(), dir -> new ArrayList<>()).add(file));
    }
    if (byComponent.isEmpty()) {
      problems.add("the bundle " + root + " is empty");
      return;
    }
    Map<String, Document> pomsByCoordinates = new LinkedHashMap<>();
    Map<Path, Document> pomsByDirectory = new LinkedHashMap<>();
    for (Path dir : byComponent.keySet()) {
      String version = dir.getFileName().toString();
      String artifactId = dir.getParent().getFileName().toString();
      Path pom = dir.resolve(artifactId + "-" + version + ".pom");
      if (!Files.exists(pom)) {
        problems.add(root.relativize(dir) + ": no POM " + pom.getFileName());
        continue;
      }
      Document doc = parse(pom);
      pomsByDirectory.put(dir, doc);
      pomsByCoordinates.put(groupId(doc) + ":" + text(doc.getDocumentElement(), "artifactId"), doc);
    }

    int files = 0;
    for (Map.Entry<Path, List<Path>> component : byComponent.entrySet()) {
      Path dir = component.getKey();
      String name = root.relativize(dir).toString();
      String version = dir.getFileName().toString();
      String artifactId = dir.getParent().getFileName().toString();
      Document pom = pomsByDirectory.get(dir);
      if (version.contains("SNAPSHOT")) {
        problems.add(name + ": a SNAPSHOT version");
      }
      if (pom != null) {
        checkPom(name, pom, version, pomsByCoordinates);
        String packaging = Objects.requireNonNullElse(text(pom.getDocumentElement(), "packaging"), "jar");
        if (!packaging.equals("pom")) {
          for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar")) {
            if (!Files.exists(dir.resolve(artifactId + "-" + version + suffix))) {
              problems.add(name + ": no " + artifactId + "-" + version + suffix + " (packaging " + packaging + ")");
            }
          }
        }
      }
      for (Path file : component.getValue()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".asc") || CHECKSUMS.stream().anyMatch(sum -> fileName.endsWith("." + sum))) {
          continue;
        }
        files++;
        checkFile(root, file, verifySignatures);
      }
    }
    System.out.println("  " + byComponent.size() + " components, " + files + " files (each with .asc, .md5, .sha1"
        + (verifySignatures ? ", signatures verified with gpg" : "") + ")");
    pomsByDirectory.forEach((dir, pom) -> System.out.println("    " + root.relativize(dir) + " ("
        + Objects.requireNonNullElse(text(pom.getDocumentElement(), "packaging"), "jar") + "): "
        + component(byComponent.get(dir))));
  }

  private static String component(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString())
        .filter(name -> !name.endsWith(".asc") && CHECKSUMS.stream().noneMatch(sum -> name.endsWith("." + sum)))
        .sorted().collect(Collectors.joining(", "));
  }

  private void checkFile(Path root, Path file, boolean verifySignatures) throws Exception {
    String name = root.relativize(file).toString();
    byte[] bytes = Files.readAllBytes(file);
    if (name.endsWith(".jar")) {
      try (ZipFile zip = new ZipFile(file.toFile())) {
        if (!zip.entries().hasMoreElements()) {
          problems.add(name + ": an empty jar");
        }
      } catch (IOException e) {
        problems.add(name + ": not a readable jar (" + e.getMessage() + ")");
      }
    }
    for (String sum : CHECKSUMS) {
      Path sumFile = file.resolveSibling(file.getFileName() + "." + sum);
      if (!Files.exists(sumFile)) {
        if (REQUIRED_CHECKSUMS.contains(sum)) {
          problems.add(name + ": no ." + sum + " checksum");
        }
        continue;
      }
      String expected = Files.readString(sumFile, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
      String actual = digest(sum, bytes);
      if (!expected.equalsIgnoreCase(actual)) {
        problems.add(name + "." + sum + ": says " + expected + ", the file's " + sum + " is " + actual);
      }
    }
    Path signature = file.resolveSibling(file.getFileName() + ".asc");
    if (!Files.exists(signature)) {
      problems.add(name + ": no .asc signature");
    } else if (verifySignatures) {
      Process gpg = new ProcessBuilder("gpg", "--batch", "--verify", signature.toString(), file.toString())
          .redirectErrorStream(true).start();
      String output = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!gpg.waitFor(60, TimeUnit.SECONDS) || gpg.exitValue() != 0) {
        problems.add(name + ".asc: gpg --verify failed: " + output.strip().replace('\n', ' '));
      }
    }
  }

  private void checkPom(String name, Document pom, String version, Map<String, Document> poms) {
    Element project = pom.getDocumentElement();
    String declared = Objects.requireNonNullElse(text(project, "version"), text(child(project, "parent"), "version"));
    if (!version.equals(declared)) {
      problems.add(name + ": the POM's version is " + declared + ", its folder says " + version);
    }
    for (String[] required : new String[][] {
        {"name"}, {"description"}, {"url"}, {"licenses", "license", "name"}, {"developers", "developer", "name"},
        {"scm", "url"}, {"scm", "connection"}}) {
      if (inherited(pom, poms, required) == null) {
        problems.add(name + ": the POM has no <" + String.join("><", required) + "> (nor its parent in the bundle)");
      }
    }
    versions(project, "project", name);
  }

  /** Every version in the POM (parent, dependencies, dependency management, plugins): none a SNAPSHOT. */
  private void versions(Element element, String path, String name) {
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child) {
        String childPath = path + "/" + child.getTagName();
        if (child.getTagName().equals("version") && child.getTextContent().contains("SNAPSHOT")) {
          String owner = text(element, "artifactId");
          problems.add(name + ": SNAPSHOT " + childPath + " " + child.getTextContent().trim()
              + (owner == null ? "" : " (" + owner + ")"));
        }
        versions(child, childPath, name);
      }
    }
  }

  /** The text at the path in this POM, else in its parent's POM if the bundle has it. */
  private static String inherited(Document pom, Map<String, Document> poms, String... path) {
    for (Document current = pom; current != null; ) {
      Element element = current.getDocumentElement();
      for (int i = 0; element != null && i < path.length; i++) {
        element = child(element, path[i]);
      }
      if (element != null && !element.getTextContent().isBlank()) {
        return element.getTextContent().trim();
      }
      Element parent = child(current.getDocumentElement(), "parent");
      current = parent == null ? null : poms.get(text(parent, "groupId") + ":" + text(parent, "artifactId"));
    }
    return null;
  }

  private static String groupId(Document pom) {
    Element project = pom.getDocumentElement();
    return Objects.requireNonNullElse(text(project, "groupId"), text(child(project, "parent"), "groupId"));
  }

  private static Document parse(Path pom) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(pom.toFile());
  }

  private static Element child(Element parent, String tag) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(tag)) {
        return element;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element child = child(parent, tag);
    return child == null ? null : child.getTextContent().trim();
  }

  private static String digest(String sum, byte[] bytes) throws NoSuchAlgorithmException {
    String algorithm = switch (sum) {
      case "md5" -> "MD5";
      case "sha1" -> "SHA-1";
      case "sha256" -> "SHA-256";
      default -> "SHA-512";
    };
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  // ---- compare -----------------------------------------------------------------------------------

  void compare(Path first, Path second) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(first)) {
      jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
    }
    if (jars.isEmpty()) {
      problems.add(first + ": no jars to compare");
    }
    for (Path jar : jars) {
      Path other = second.resolve(jar.getFileName());
      if (!Files.exists(other)) {
        problems.add(jar.getFileName() + ": built the first time, not the second");
      } else if (Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(other))) {
        System.out.println("    identical: " + jar.getFileName() + " (" + Files.size(jar) + " bytes)");
      } else {
        problems.add(jar.getFileName() + ": the two builds differ: " + String.join("; ", entriesThatDiffer(jar, other)));
      }
    }
  }

  private static List<String> entriesThatDiffer(Path first, Path second) throws IOException {
    List<String> differences = new ArrayList<>();
    try (ZipFile a = new ZipFile(first.toFile()); ZipFile b = new ZipFile(second.toFile())) {
      List<String> namesA = a.stream().map(ZipEntry::getName).toList();
      List<String> namesB = b.stream().map(ZipEntry::getName).toList();
      TreeSet<String> all = new TreeSet<>(namesA);
      all.addAll(namesB);
      for (String entryName : all) {
        ZipEntry x = a.getEntry(entryName);
        ZipEntry y = b.getEntry(entryName);
        if (x == null || y == null) {
          differences.add("entry " + entryName + " only in the " + (x == null ? "second" : "first") + " build");
        } else if (!Arrays.equals(read(a, x), read(b, y))) {
          differences.add("entry " + entryName + " has other content");
        } else if (x.getTime() != y.getTime()) {
          differences.add("entry " + entryName + " has another time (" + x.getLastModifiedTime() + " and "
              + y.getLastModifiedTime() + ")");
        }
      }
      if (differences.isEmpty() && !namesA.equals(namesB)) {
        differences.add("the entries are in another order");
      }
    }
    if (differences.isEmpty()) {
      differences.add("same entries with the same content and times; the zip headers differ");
    }
    return differences.size() <= 10 ? differences
        : Stream.concat(differences.stream().limit(10), Stream.of("and " + (differences.size() - 10) + " more")).toList();
  }

  private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
    try (InputStream in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
