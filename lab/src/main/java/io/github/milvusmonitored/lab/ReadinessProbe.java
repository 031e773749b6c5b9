package io.github.milvusmonitored.lab;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The HTTP readiness probe of a pod's first container, as the pod spec (the chart's) declares it,
 * run against the pod's address the way a kubelet runs it: first after {@code initialDelaySeconds},
 * then every {@code periodSeconds}, each with {@code timeoutSeconds}; ready on a 2xx/3xx answer,
 * not ready after {@code failureThreshold} failures. Kubernetes' defaults fill what the spec leaves
 * out; a container without an HTTP probe is ready once running.
 */
record ReadinessProbe(
    URI uri, Duration initialDelay, Duration period, Duration timeout, int failureThreshold) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  static ReadinessProbe of(Pod pod) {
    Container container = pod.getSpec().getContainers().get(0);
    Probe probe = container.getReadinessProbe();
    HTTPGetAction get = probe == null ? null : probe.getHttpGet();
    if (get == null) {
      return new ReadinessProbe(
          null, Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 3);
    }
    int port = port(container, get.getPort());
    String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
    return new ReadinessProbe(
        URI.create("http://" + pod.getStatus().getPodIP() + ":" + port + path),
        seconds(probe.getInitialDelaySeconds(), 0),
        seconds(probe.getPeriodSeconds(), 10),
        seconds(probe.getTimeoutSeconds(), 1),
        probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold());
  }

  /** One probe: whether the container answered as ready within the timeout. */
  boolean succeeds() {
    if (uri == null) {
      return true;
    }
    try {
      int status =
          HTTP.send(
                  HttpRequest.newBuilder(uri).timeout(timeout).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return status >= 200 && status < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int port(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
    return ports.stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(
            () ->
                new LabException(
                    "The readiness probe of container "
                        + container.getName()
                        + " names port '"
                        + port.getStrVal()
                        + "', which the container does not declare"));
  }

  private static Duration seconds(Integer value, int fallback) {
    return Duration.ofSeconds(value == null ? fallback : value);
  }
}
