package io.github.milvusmonitored.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

  @Test
  void results_come_back_in_input_order_and_nulls_are_kept() {
    List<Integer> inputs = IntStream.range(0, 20).boxed().toList();

    List<String> results =
        Concurrently.map(
            inputs,
            i -> {
              sleep(20 - i); // later inputs finish first
              return i % 5 == 0 ? null : "r" + i;
            });

    List<String> expected = new ArrayList<>();
    inputs.forEach(i -> expected.add(i % 5 == 0 ? null : "r" + i));
    assertThat(results).containsExactlyElementsOf(expected);
  }

  @Test
  void the_calls_overlap() throws Exception {
    CountDownLatch all = new CountDownLatch(Concurrently.PARALLELISM);
    Set<String> threads = ConcurrentHashMap.newKeySet(); // thread names, all the same

    List<Integer> results =
        Concurrently.map(
            IntStream.range(0, Concurrently.PARALLELISM).boxed().toList(),
            i -> {
              threads.add(Thread.currentThread().getName());
              all.countDown();
              try {
                // Only returns when every call has started: a one-at-a-time runner would time out
                // here.
                return all.await(10, TimeUnit.SECONDS) ? i : null;
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(results)
        .as("every call saw all of them started")
        .containsExactly(
            IntStream.range(0, Concurrently.PARALLELISM).boxed().toArray(Integer[]::new));
    assertThat(threads).containsExactly("milvus-monitored-kube-call");
  }

  @Test
  void the_first_failure_in_input_order_is_thrown_as_itself_after_every_call_ran() {
    List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
    IllegalArgumentException second = new IllegalArgumentException("second");

    assertThatThrownBy(
            () ->
                Concurrently.map(
                    List.of(1, 2, 3, 4),
                    i -> {
                      ran.add(i);
                      if (i == 2) {
                        sleep(50);
                        throw second;
                      }
                      if (i == 4) {
                        throw new IllegalStateException("fourth");
                      }
                      return i;
                    }))
        .isSameAs(second);
    assertThat(ran).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
