package io.github.milvusmonitored.lab;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the lab and keeps it running until Ctrl-C, printing its kubeconfig: to try the library,
 * kubectl or the command line against a real control plane by hand.
 *
 * <pre>{@code
 * lab/build.sh && ./mvnw -B -q -Plab -pl lab -am install -DskipTests \
 *   && ./mvnw -B -q -Plab -pl lab exec:java -Dexec.mainClass=io.github.milvusmonitored.lab.LabMain
 * }</pre>
 */
public final class LabMain {

  private LabMain() {}

  public static void main(String[] args) throws InterruptedException {
    Path home = Path.of(System.getProperty("lab.home", "lab")).toAbsolutePath();
    Lab lab = Lab.start(home);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  lab.close();
                  stopped.countDown();
                },
                "lab-stop"));
    System.out.println("lab up; kubeconfig: " + lab.kubeconfig());
    System.out.println(
        "  " + lab.programs().path("kubectl") + " --kubeconfig " + lab.kubeconfig() + " get nodes");
    System.out.println("Ctrl-C stops it.");
    stopped.await();
  }
}
