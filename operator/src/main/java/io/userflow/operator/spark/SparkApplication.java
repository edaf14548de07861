package io.userflow.operator.spark;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The Kubeflow spark-operator's {@code sparkoperator.k8s.io/v1beta2} SparkApplication, typed for the fields userflow
 * uses. The spark-operator's Helm chart installs its CRD; userflow never generates or ships it.
 */
@Group(SparkApplication.GROUP)
@Version(SparkApplication.VERSION)
@Kind("SparkApplication")
@Plural("sparkapplications")
public class SparkApplication extends CustomResource<SparkApplicationSpec, SparkApplicationStatus>
    implements Namespaced {
  public static final String GROUP = "sparkoperator.k8s.io";
  public static final String VERSION = "v1beta2";
}
