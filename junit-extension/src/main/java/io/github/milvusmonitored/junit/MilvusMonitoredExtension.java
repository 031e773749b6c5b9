package io.github.milvusmonitored.junit;

import io.github.milvusmonitored.junit.internal.ExtensionSupport;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The JUnit Jupiter extension behind {@link MilvusMonitored}; use the annotation rather than this
 * class.
 *
 * <pre>{@code
 * @MilvusMonitored
 * class MetricsTest {
 *   @Test
 *   void milvus_is_scraped(MilvusMetrics metrics) {
 *     assertThat(metrics.isUp()).isTrue();
 *   }
 * }
 * }</pre>
 *
 * <p>Stateless: the environment lives in the root {@link ExtensionContext.Store}, one per effective
 * configuration, started before the first class that needs it and closed when the test run ends.
 * When a test fails, the environment's diagnostics (and, for a metric assertion, an SVG chart of
 * the asserted series) are written to {@code <reportDirectory>/<class>/<test>/}, and the failure
 * carries a suppressed exception naming that folder.
 */
public final class MilvusMonitoredExtension
    implements BeforeAllCallback,
        BeforeTestExecutionCallback,
        ExecutionCondition,
        ParameterResolver,
        TestExecutionExceptionHandler {

  /** Created by JUnit through {@code @MilvusMonitored}. */
  public MilvusMonitoredExtension() {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> disabled = ExtensionSupport.disabledReason(context);
    return disabled
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(() -> ConditionEvaluationResult.enabled("@MilvusMonitored can run here"));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionSupport.startEnvironment(context);
  }

  @Override
  public void beforeTestExecution(ExtensionContext context) {
    ExtensionSupport.recordTestStart(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return ExtensionSupport.supportsParameter(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return ExtensionSupport.resolveParameter(parameter, context);
    } catch (ParameterResolutionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ParameterResolutionException(
          "Could not supply "
              + parameter.getParameter().getType().getSimpleName()
              + " ("
              + parameter.getParameter()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    ExtensionSupport.reportFailure(context, failure);
    throw failure;
  }
}
