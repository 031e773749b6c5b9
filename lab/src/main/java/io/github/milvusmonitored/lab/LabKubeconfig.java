package io.github.milvusmonitored.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The administrator's kubeconfig file for the lab's API server (client certificate, group
 * system:masters).
 */
final class LabKubeconfig {

  private LabKubeconfig() {}

  static String server() {
    return "https://" + LabNetwork.LAB_ADDRESS + ":6443";
  }

  /**
   * A kubeconfig with the administrator's client certificate (group system:masters), context {@code
   * lab}.
   */
  static Path writeAdmin(Path file, LabPki pki) {
    return write(
        file,
        pki,
        "    client-certificate-data: "
            + b64(pki.pem("admin.crt"))
            + "\n"
            + "    client-key-data: "
            + b64(pki.pem("admin.key"))
            + "\n");
  }

  private static Path write(Path file, LabPki pki, String user) {
    String text =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: lab\n"
            + "  cluster:\n"
            + "    server: "
            + server()
            + "\n"
            + "    certificate-authority-data: "
            + b64(pki.pem("ca.crt"))
            + "\n"
            + "users:\n"
            + "- name: lab-admin\n"
            + "  user:\n"
            + user
            + "contexts:\n"
            + "- name: lab\n"
            + "  context:\n"
            + "    cluster: lab\n"
            + "    user: lab-admin\n"
            + "current-context: lab\n";
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the lab kubeconfig " + file, e);
    }
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
