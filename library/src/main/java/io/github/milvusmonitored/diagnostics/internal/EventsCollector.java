package io.github.milvusmonitored.diagnostics.internal;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes {@code events.txt}: per namespace, warnings first, then every event by time. */
public final class EventsCollector {

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final DiagnosticsContext context;

  public EventsCollector(
      KubernetesClient client, List<String> namespaces, DiagnosticsContext context) {
    this.client = client;
    this.namespaces = namespaces;
    this.context = context;
  }

  public String collect(StepRunner.StepOutput out) {
    StringBuilder text = new StringBuilder();
    for (String ns : namespaces) {
      text.append("# Namespace ").append(ns).append('\n');
      List<Event> events;
      try {
        events =
            client.v1().events().inNamespace(ns).list().getItems().stream()
                .sorted(Comparator.comparing(EventsCollector::time))
                .toList();
      } catch (RuntimeException e) {
        text.append(out.fail(DiagnosticsErrors.couldNotCollect("events of namespace " + ns, e)))
            .append("\n\n");
        continue;
      }
      context.addEvents(events);
      if (events.isEmpty()) {
        text.append("No events (the API server keeps them for one hour by default).\n\n");
        continue;
      }
      List<Event> warnings = events.stream().filter(EventsCollector::isWarning).toList();
      text.append("## Warnings (").append(warnings.size()).append(")\n");
      warnings.forEach(e -> text.append(line(e)).append('\n'));
      text.append("\n## All events by time (").append(events.size()).append(")\n");
      events.forEach(e -> text.append(line(e)).append('\n'));
      text.append('\n');
    }
    return text.toString();
  }

  static boolean isWarning(Event e) {
    return "Warning".equals(e.getType());
  }

  /** {@code time TYPE reason Kind/name (xN) message}; warnings start with "!". */
  static String line(Event e) {
    var o = e.getInvolvedObject();
    String object = o == null ? "<none>" : o.getKind() + "/" + o.getName();
    int count = e.getCount() == null ? 1 : e.getCount();
    return String.format(
        Locale.ROOT,
        "%s %-25s %-7s %-20s %-60s x%-4d %s",
        isWarning(e) ? "!" : " ",
        timeText(e),
        e.getType(),
        e.getReason(),
        object,
        count,
        e.getMessage() == null ? "" : e.getMessage().strip());
  }

  private static String timeText(Event e) {
    Instant t = time(e);
    return t.equals(Instant.EPOCH) ? "<no time>" : t.toString();
  }

  static Instant time(Event e) {
    for (String s :
        new String[] {
          e.getLastTimestamp(),
          e.getEventTime() == null ? null : e.getEventTime().getTime(),
          e.getFirstTimestamp(),
          e.getMetadata() == null ? null : e.getMetadata().getCreationTimestamp()
        }) {
      if (s != null && !s.isBlank()) {
        try {
          return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException ignored) {
          // try the next field
        }
      }
    }
    return Instant.EPOCH;
  }
}
