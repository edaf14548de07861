package io.userflow.controlplane;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: one real control plane per test JVM, started by the first test class that asks for it and stopped when
 * the run ends (JUnit closes it with the root store; the shutdown hook covers a JVM that exits otherwise). Test
 * classes take it as a parameter ({@code @BeforeAll static void start(ControlPlane cp)}) and use namespaces of
 * their own. Its folder is {@code userflow.controlplane.dir} (default {@code target/controlplane}).
 */
public final class ControlPlaneExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ControlPlaneExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ControlPlane.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NS).getOrComputeIfAbsent(ControlPlane.class, k -> ControlPlane.start(
        ControlPlaneBinaries.build(ControlPlaneBinaries.repoRoot()),
        Path.of(System.getProperty("userflow.controlplane.dir", "target/controlplane")).toAbsolutePath()),
        ControlPlane.class);
  }
}
