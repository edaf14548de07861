package io.userflow.deploy.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;

/** Runs Helm (in-process, through helm-java) on a chart directory. */
public final class Charts {
  public static final String RELEASE = "userflow";
  public static final String NAMESPACE = "userflow";
  /** The Kubernetes version templates render for (helm-java would otherwise assume v1.20); kind's node image. */
  public static final String KUBE_VERSION = "v1.33.1";

  private Charts() {}

  /** {@code helm lint --strict} with the chart's own values. */
  public static LintResult lintStrict(Path chart) {
    return new Helm(chart).lint().strict().call();
  }

  /** {@code helm template userflow <chart> -n userflow [--set k=v ...]}. */
  public static String template(Path chart, Map<String, Object> sets) {
    TemplateCommand command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    sets.forEach(command::set);
    return command.call();
  }

  public static String template(Path chart) {
    return template(chart, Map.of());
  }

  /** {@code helm template ... -f <valuesFile>}. */
  public static String template(Path chart, Path valuesFile) {
    return new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION).withValuesFile(valuesFile).call();
  }
}
