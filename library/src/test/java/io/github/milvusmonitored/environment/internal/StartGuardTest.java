package io.github.milvusmonitored.environment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.milvusmonitored.environment.EnvironmentConfig;
import io.github.milvusmonitored.environment.PhaseClock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartGuardTest {

  @Test
  void the_hook_stops_further_phases_and_waits_until_the_start_has_undone_itself()
      throws Exception {
    PhaseClock clock = new PhaseClock();
    StartGuard guard = StartGuard.register(clock, Duration.ofSeconds(30));
    Thread hook = new Thread(guard::onJvmStop);
    hook.start();
    while (!guard.stopping()) {
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> clock.run("Milvus target up", "up == 1", () -> {}))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining(StartGuard.REASON);
    hook.join(300);
    assertThat(hook.isAlive()).as("the hook waits for the start's failure path").isTrue();

    guard.close();

    hook.join(TimeUnit.SECONDS.toMillis(5));
    assertThat(hook.isAlive()).isFalse();
  }

  @Test
  void a_start_that_returns_removes_its_hook() {
    StartGuard guard = StartGuard.register(new PhaseClock(), Duration.ofSeconds(1));
    guard.close();
    assertThat(Runtime.getRuntime().removeShutdownHook(guard.hook))
        .as("the guard's hook is no longer registered")
        .isFalse();
    assertThat(guard.stopping()).isFalse();
  }

  @Test
  void the_exit_waits_at_most_the_longest_phase_and_two_minutes() {
    EnvironmentConfig config =
        EnvironmentConfig.defaults().withStackReadyTimeout(Duration.ofMinutes(70));
    assertThat(EnvironmentStarter.undoBound(config)).isEqualTo(Duration.ofMinutes(72));
  }
}
