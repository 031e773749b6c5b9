package io.github.milvusmonitored.lab;

import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lab tests share one lab: this takes a snapshot of the lab cluster before each test and deletes
 * whatever the test left behind afterwards, so that every test meets the cluster the lab started
 * with.
 */
final class RestoresLab implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RestoresLab.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context
        .getStore(NAMESPACE)
        .put("before", ClusterSnapshot.of(LabExtension.shared(context).client()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClusterSnapshot before = context.getStore(NAMESPACE).get("before", ClusterSnapshot.class);
    Set<String> deleted = before.restore(LabExtension.shared(context).client());
    if (!deleted.isEmpty()) {
      System.out.println(
          "lab: deleted what " + context.getDisplayName() + " left behind: " + deleted);
    }
  }
}
