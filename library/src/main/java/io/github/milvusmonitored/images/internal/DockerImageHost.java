package io.github.milvusmonitored.images.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.github.milvusmonitored.images.ImageHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The Docker engine Testcontainers uses, through docker-java. */
public final class DockerImageHost implements ImageHost {

  private final DockerClient docker;

  public DockerImageHost(DockerClient docker) {
    this.docker = docker;
  }

  @Override
  public boolean has(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException absent) {
      return false;
    }
  }

  @Override
  public void save(String image, Path archive) throws IOException {
    // The whole reference goes into the name: docker-java appends ":<tag>" only when a tag is set.
    try (InputStream tar = docker.saveImageCmd(image).exec()) {
      Files.copy(tar, archive, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
