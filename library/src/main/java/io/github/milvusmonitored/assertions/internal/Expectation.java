package io.github.milvusmonitored.assertions.internal;

import io.github.milvusmonitored.prometheus.InstantVector;
import java.util.function.Predicate;

/**
 * What an assertion expects of an answer, in words and as a test.
 *
 * @param description words for the failure message
 * @param condition the test
 */
public record Expectation(String description, Predicate<InstantVector> condition) {}
