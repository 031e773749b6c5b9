package io.github.milvusmonitored.junit.internal;

/**
 * One effective configuration value as text, with its origin.
 *
 * @param key the key
 * @param text the value as written (empty for "not set", e.g. no kubeconfig)
 * @param source where it came from
 */
public record ConfigValue(ConfigKey key, String text, ConfigSource source) {}
