/**
 * What each Milvus release exposes: its metric families, labels and label values ({@link
 * io.github.milvusmonitored.catalogue.MetricCatalogue}), which catalogue stands for which release
 * ({@link io.github.milvusmonitored.catalogue.CatalogueCoverage}), and release numbers ({@link
 * io.github.milvusmonitored.catalogue.MilvusVersion}).
 *
 * <p>Depends on nothing but the JDK and {@code io.github.milvusmonitored.prometheus}'s PromQL
 * reading; the Milvus view of a running server ({@code metrics}), the dashboard audit and the
 * upgrade check build on it.
 */
package io.github.milvusmonitored.catalogue;
