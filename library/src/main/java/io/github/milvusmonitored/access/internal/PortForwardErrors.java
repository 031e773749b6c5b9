package io.github.milvusmonitored.access.internal;

import io.github.milvusmonitored.access.ForwardTarget;
import io.github.milvusmonitored.access.PortForwardException;
import io.github.milvusmonitored.time.MonitoredDuration;
import java.time.Duration;
import java.util.List;

/** The port-forward error messages, in one place. */
public final class PortForwardErrors {

  private PortForwardErrors() {}

  public static PortForwardException noService(ForwardTarget t) {
    return new PortForwardException(
        "Cannot port-forward to "
            + t
            + ": Service '"
            + t.service()
            + "' does not exist in namespace '"
            + t.namespace()
            + "'. Check that the stack or release is installed"
            + " (kubectl -n "
            + t.namespace()
            + " get svc).");
  }

  public static PortForwardException noSelector(ForwardTarget t) {
    return new PortForwardException(
        "Cannot port-forward to "
            + t
            + ": the Service has no pod selector, so"
            + " there is no pod to forward to. Forward to a Service that selects pods.");
  }

  public static PortForwardException noSuchPort(ForwardTarget t, List<Integer> ports) {
    return new PortForwardException(
        "Cannot port-forward to "
            + t
            + ": the Service has no port "
            + t.port()
            + " (its ports: "
            + ports
            + "). Use one of the Service's ports, not a container port.");
  }

  public static PortForwardException noReadyPod(
      ForwardTarget t, String selector, List<String> pods) {
    return new PortForwardException(
        "Cannot port-forward to "
            + t
            + ": no Ready pod matches the Service's selector "
            + selector
            + (pods.isEmpty() ? " (no pod matches at all)" : "; pods: " + String.join(", ", pods))
            + ". Wait until the pod is Ready; kubectl -n "
            + t.namespace()
            + " describe pod shows why it is not.");
  }

  public static PortForwardException namedPortMissing(
      ForwardTarget t, String pod, String portName) {
    return new PortForwardException(
        "Cannot port-forward to "
            + t
            + ": the Service's target port '"
            + portName
            + "' is not a named container port of pod '"
            + pod
            + "'. Check the pod's containers[].ports.");
  }

  public static PortForwardException couldNotOpen(
      String what, int localPort, Duration tried, Throwable cause) {
    return new PortForwardException(
        "Could not open a port-forward to "
            + what
            + " on local port "
            + (localPort == 0 ? "(any)" : localPort)
            + " within "
            + MonitoredDuration.humanText(tried)
            + ": "
            + cause.getMessage()
            + (localPort == 0
                ? ""
                : ". If the port is taken by another process, choose another local port."),
        cause);
  }
}
