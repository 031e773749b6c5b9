package io.github.milvusmonitored.images.internal;

import java.util.List;

/**
 * Every error message of the image domain, in one place: what happened, with which values, the
 * likely cause, and what to do.
 */
public final class ImageErrors {

  private ImageErrors() {}

  public static String invalidReference(String reference, String why) {
    return "Image reference '"
        + reference
        + "' is not valid: "
        + why
        + ". Write it as"
        + " [registry[:port]/]repository[:tag][@sha256:<digest>], e.g. milvusdb/milvus:v2.6.15 or"
        + " quay.io/prometheus/prometheus:v3.12.0.";
  }

  public static String invalidMirrorRegistry(String registry) {
    return "Mirror registry name '"
        + registry
        + "' is not valid: use a registry host such as 'docker.io' or"
        + " 'quay.io' (with ':port' if any), or '*' for every registry. It is the registry the images name,"
        + " not the mirror's address; the mirror's address goes into withMirror(registry, endpoints...).";
  }

  public static String invalidEndpoint(String registry, String endpoint) {
    return "Mirror endpoint '"
        + endpoint
        + "' for registry '"
        + registry
        + "' is not an http(s) address with"
        + " a host, e.g. https://mirror.example.com:5000. Inside the k3s container 'localhost' is the"
        + " container itself: use the Docker host's address (e.g. http://host.docker.internal:5000).";
  }

  public static String noEndpoints(String registry) {
    return "Mirror for registry '"
        + registry
        + "' has no endpoint. Give at least one address, e.g."
        + " withMirror(\""
        + registry
        + "\", \"https://mirror.example.com:5000\").";
  }

  public static String invalidRewrite(String registry, String pattern, String why) {
    return "Rewrite pattern '"
        + pattern
        + "' for registry '"
        + registry
        + "' is not a regular expression: "
        + why
        + ". k3s applies it to the repository path, e.g. \"^rancher/(.*)\" -> \"mirror/rancher/$1\".";
  }

  public static String invalidRegistryHost(String host) {
    return "Registry host '"
        + host
        + "' is not a host[:port] such as 'mirror.example.com:5000' (no scheme, no"
        + " path). Credentials and TLS settings apply to the host k3s contacts, usually a mirror endpoint's host.";
  }

  public static String incompleteAuth(String host) {
    return "Registry credentials for '"
        + host
        + "' need both a username and a password."
        + " Give withAuth(host, username, password), or withIdentityToken(host, token) alone.";
  }

  public static String incompleteClientCertificate(String host) {
    return "TLS settings for '"
        + host
        + "' name a client certificate without its key, or a key without its"
        + " certificate. Give both paths (as seen inside the k3s container), or neither.";
  }

  public static String listInClusterFailed(List<String> command, int exitCode, String stderr) {
    return "Listing the images in k3s's containerd failed: '"
        + String.join(" ", command)
        + "' exited with "
        + exitCode
        + (stderr.isBlank() ? "" : ": " + stderr.strip())
        + ". Likely cause: k3s has not started"
        + " its containerd yet, or the image is not a rancher/k3s image. Check the container's log.";
  }

  public static String importFailed(
      String image, List<String> command, int exitCode, String stderr) {
    return "Importing "
        + image
        + " into k3s failed: '"
        + String.join(" ", command)
        + "' exited with "
        + exitCode
        + (stderr.isBlank() ? "" : ": " + stderr.strip())
        + ". Likely causes: the archive is for"
        + " another CPU architecture, its content is incomplete for the imported platform, or the k3s"
        + " container's disk is full. The image will be pulled instead if the registry is reachable.";
  }

  public static String platformMissing(String image, String nodePlatform, List<String> complete) {
    return "The archive of "
        + image
        + " saved from the Docker host holds no "
        + nodePlatform
        + " content (k3s"
        + " runs "
        + nodePlatform
        + "; the archive holds "
        + (complete.isEmpty() ? "no platform whole" : complete)
        + "). Docker's containerd image store saves only the platforms it has pulled: pull this one with"
        + " 'docker pull --platform "
        + nodePlatform
        + " "
        + image
        + "'. The image will be pulled by k3s instead"
        + " if the registry is reachable.";
  }

  public static String transferFailed(String image, String step, Throwable cause) {
    return "Loading "
        + image
        + " from the Docker host into k3s failed while "
        + step
        + ": "
        + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
        + ". Check 'docker image inspect "
        + image
        + "' on the host and the free disk space of the temporary"
        + " directory and of the k3s container.";
  }

  public static String notPreloaded(List<String> images) {
    return images.size()
        + " image(s) are neither in k3s nor on the Docker host and will be pulled by k3s: "
        + images
        + ". Without network this fails with ImagePullBackOff: pull them on the host first"
        + " (docker pull <image>) or configure a registry mirror.";
  }
}
