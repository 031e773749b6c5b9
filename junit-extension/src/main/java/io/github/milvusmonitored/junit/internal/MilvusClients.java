package io.github.milvusmonitored.junit.internal;

import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The only class that touches the Milvus SDK; loaded only when {@link MilvusSdk#isPresent} said
 * yes.
 */
final class MilvusClients {

  private MilvusClients() {}

  static Object connect(String uri) {
    try {
      return new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
    } catch (RuntimeException e) {
      throw new ParameterResolutionException(ExtensionErrors.milvusClientFailed(uri, e), e);
    }
  }

  static void close(Object client) {
    ((MilvusClientV2) client).close();
  }
}
