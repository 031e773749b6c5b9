package io.github.milvusmonitored.junit;

import io.milvus.grpc.ConnectRequest;
import io.milvus.grpc.ConnectResponse;
import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.GetVersionResponse;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.Status;
import io.milvus.shaded.io.grpc.Grpc;
import io.milvus.shaded.io.grpc.InsecureServerCredentials;
import io.milvus.shaded.io.grpc.Server;
import io.milvus.shaded.io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A gRPC server on a free port answering the two Milvus calls a {@code MilvusClientV2} makes to
 * connect and to read the server version; counts the connections it accepted.
 *
 * <p>It is built with the gRPC the SDK carries: from 2.6.22 the SDK jar relocates gRPC to {@code
 * io.milvus.shaded.io.grpc}, and its generated service base class extends that copy.
 */
final class FakeMilvusServer implements AutoCloseable {

  static final String VERSION = "v2.6.15";

  private final Server server;
  private final int port;
  private final AtomicInteger connects = new AtomicInteger();

  FakeMilvusServer() {
    try {
      server =
          Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
              .addService(
                  new MilvusServiceGrpc.MilvusServiceImplBase() {
                    @Override
                    public void connect(
                        ConnectRequest request, StreamObserver<ConnectResponse> response) {
                      connects.incrementAndGet();
                      response.onNext(
                          ConnectResponse.newBuilder()
                              .setStatus(Status.newBuilder().setCode(0))
                              .setIdentifier(1)
                              .build());
                      response.onCompleted();
                    }

                    @Override
                    public void getVersion(
                        GetVersionRequest request, StreamObserver<GetVersionResponse> response) {
                      response.onNext(
                          GetVersionResponse.newBuilder()
                              .setStatus(Status.newBuilder().setCode(0))
                              .setVersion(VERSION)
                              .build());
                      response.onCompleted();
                    }
                  })
              .build()
              .start();
      port = server.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  int connects() {
    return connects.get();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
