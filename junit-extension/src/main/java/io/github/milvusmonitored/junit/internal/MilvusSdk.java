package io.github.milvusmonitored.junit.internal;

import io.github.milvusmonitored.environment.MilvusEndpoint;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The optional Milvus Java SDK: whether it is on the class path, and a client per test class when
 * it is. Nothing here touches an SDK type unless the SDK is present.
 */
final class MilvusSdk {

  static final String CLIENT_CLASS = "io.milvus.v2.client.MilvusClientV2";

  private MilvusSdk() {}

  /** Whether {@code loader} sees the SDK's {@code MilvusClientV2}. */
  static boolean isPresent(ClassLoader loader) {
    try {
      Class.forName(CLIENT_CLASS, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether {@code type} is the SDK's client (which implies the SDK is present). */
  static boolean isClientType(Class<?> type) {
    return type.getName().equals(CLIENT_CLASS) && isPresent(type.getClassLoader());
  }

  /**
   * A connected client for {@code endpoint}, as an {@link AutoCloseable} store value holding it.
   */
  static ClientHandle connect(MilvusEndpoint endpoint) {
    return new ClientHandle(MilvusClients.connect(endpoint.uri().toString()));
  }

  /** A client in a class store: closed when the class's tests are done. */
  @SuppressWarnings("deprecation") // CloseableResource keeps JUnit before 5.13 closing it too
  record ClientHandle(Object client)
      implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      MilvusClients.close(client);
    }
  }
}
