package io.github.milvusmonitored.images;

import io.github.milvusmonitored.images.internal.ImageErrors;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference in the fully qualified form containerd stores it under.
 *
 * <p>Docker's normalisation rules: a first path part that holds no {@code .} or {@code :} and is
 * not {@code localhost} is not a registry, so the image comes from {@code docker.io}; a single-part
 * name on {@code docker.io} lives under {@code library/}; no tag and no digest means {@code
 * :latest}.
 *
 * <pre>{@code
 * ImageReference.parse("busybox").toString();                 // "docker.io/library/busybox:latest"
 * ImageReference.parse("milvusdb/milvus:v2.6.15").toString(); // "docker.io/milvusdb/milvus:v2.6.15"
 * }</pre>
 *
 * @param registry registry host, with port if any, e.g. {@code docker.io}, {@code quay.io}
 * @param repository path inside the registry, e.g. {@code library/busybox}
 * @param tag the tag, or {@code null} when only a digest is given
 * @param digest {@code sha256:<hex>}, or {@code null}
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  /** The registry of images whose name names none. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*" + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");
  private static final Pattern REGISTRY =
      Pattern.compile("[a-zA-Z0-9.-]+(?::\\d+)?|\\[[0-9a-fA-F:]+\\](?::\\d+)?");

  /** Checks the parts. */
  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      throw new IllegalArgumentException(
          "An image reference needs a tag or a digest: " + registry + "/" + repository);
    }
  }

  /**
   * Parses and normalises a reference such as {@code nginx}, {@code
   * quay.io/prometheus/prometheus:v3.12.0} or {@code registry:5000/team/app@sha256:...}.
   *
   * @throws IllegalArgumentException saying which part is malformed
   */
  public static ImageReference parse(String reference) {
    if (reference == null || reference.isBlank() || !reference.strip().equals(reference)) {
      throw new IllegalArgumentException(
          ImageErrors.invalidReference(reference, "it is empty or has spaces"));
    }
    String rest = reference;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new IllegalArgumentException(
            ImageErrors.invalidReference(reference, "the digest is not <algorithm>:<hex>"));
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException(
            ImageErrors.invalidReference(reference, "the tag '" + tag + "' is not valid"));
      }
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0 && isRegistry(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      rest = rest.substring(slash + 1);
      if (!REGISTRY.matcher(registry).matches()) {
        throw new IllegalArgumentException(
            ImageErrors.invalidReference(
                reference, "the registry '" + registry + "' is not a host[:port]"));
      }
      if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
        registry = DOCKER_HUB;
      }
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (!REPOSITORY.matcher(rest).matches()) {
      throw new IllegalArgumentException(
          ImageErrors.invalidReference(
              reference,
              "the repository '"
                  + rest
                  + "' must be lower-case path parts of letters, digits and separators"));
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(registry, rest, tag, digest);
  }

  /** Returns the normalised text of a reference; see {@link #parse(String)}. */
  public static String normalize(String reference) {
    return parse(reference).toString();
  }

  /**
   * The repository with its registry, without tag or digest, e.g. {@code
   * docker.io/library/busybox}.
   */
  public String name() {
    return registry + "/" + repository;
  }

  /** The fully qualified reference: {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return name() + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  private static boolean isRegistry(String firstPart) {
    return firstPart.contains(".")
        || firstPart.contains(":")
        || firstPart.equals("localhost")
        || !firstPart.equals(firstPart.toLowerCase(Locale.ROOT));
  }
}
