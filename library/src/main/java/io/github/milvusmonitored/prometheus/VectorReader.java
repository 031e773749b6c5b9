package io.github.milvusmonitored.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a successful instant-vector answer in one streaming pass, without building a JSON tree:
 * instant queries are what waiting assertions send several times a second. Anything else (an error
 * envelope, another result type, a native histogram) yields empty and the caller takes the general
 * path.
 */
final class VectorReader {

  private static final JsonFactory JSON = new JsonFactory();

  private VectorReader() {}

  /** The vector of a successful answer, or empty when the general path must read it. */
  static Optional<InstantVector> read(String query, String body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      boolean success = false;
      List<Sample> samples = null;
      List<String> warnings = List.of();
      List<String> infos = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "status" -> success = "success".equals(p.getText());
          case "data" -> samples = data(p);
          case "warnings" -> warnings = strings(p);
          case "infos" -> infos = strings(p);
          default -> p.skipChildren();
        }
        if ("data".equals(field) && samples == null) {
          return Optional.empty();
        }
      }
      return success && samples != null
          ? Optional.of(new InstantVector(query, samples, warnings, infos))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The samples of a vector result, or null for any other result type. */
  private static List<Sample> data(JsonParser p) throws IOException {
    String type = null;
    List<Sample> samples = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("resultType".equals(field)) {
        type = p.getText();
      } else if ("result".equals(field) && p.currentToken() == JsonToken.START_ARRAY) {
        samples = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
          Sample s = sample(p);
          if (s == null) {
            return null;
          }
          samples.add(s);
        }
      } else {
        p.skipChildren();
      }
    }
    return "vector".equals(type) ? samples : null;
  }

  private static Sample sample(JsonParser p) throws IOException {
    TreeMap<String, String> labels = new TreeMap<>();
    Instant at = null;
    double value = Double.NaN;
    boolean hasValue = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if ("metric".equals(field)) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          labels.put(name, p.getText());
        }
      } else if ("value".equals(field)) {
        p.nextToken();
        at = Instant.ofEpochMilli(Math.round(p.getDoubleValue() * 1000.0));
        p.nextToken();
        value = SampleValues.parse(p.getText());
        p.nextToken();
        hasValue = true;
      } else {
        return null; // a native histogram sample: leave it to the general path
      }
    }
    return hasValue ? new Sample(Labels.wrap(labels), at, value) : null;
  }

  private static List<String> strings(JsonParser p) throws IOException {
    List<String> out = new ArrayList<>();
    while (p.nextToken() == JsonToken.VALUE_STRING) {
      out.add(p.getText());
    }
    return out;
  }
}
