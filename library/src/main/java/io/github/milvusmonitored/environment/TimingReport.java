package io.github.milvusmonitored.environment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The duration of each phase of bringing the environment up, written as JSON for CI artifacts and
 * benchmarks.
 *
 * @param phases the phases in the order they ran
 */
public record TimingReport(List<PhaseTiming> phases) {
  public TimingReport {
    phases = List.copyOf(phases);
  }

  /** The sum of all phase durations. */
  public Duration total() {
    return phases.stream().map(PhaseTiming::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** The timing of the phase named {@code name}. */
  public Optional<PhaseTiming> phase(String name) {
    return phases.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * The report as JSON: {@code
   * {"totalSeconds":..,"phases":[{"name":..,"seconds":..,"outcome":..}]}}.
   */
  public String toJson() {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("totalSeconds", total().toMillis() / 1000.0);
    ArrayNode list = root.putArray("phases");
    for (PhaseTiming p : phases) {
      list.addObject()
          .put("name", p.name())
          .put("started", p.started().toString())
          .put("seconds", p.duration().toMillis() / 1000.0)
          .put("outcome", p.outcome().name().toLowerCase(Locale.ROOT))
          .put("detail", p.detail());
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@link #toJson()} to {@code file}, creating its folder. */
  public void writeTo(Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the timing report to " + file, e);
    }
  }
}
