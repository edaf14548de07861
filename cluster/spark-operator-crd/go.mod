// The Kubeflow spark-operator release whose SparkApplication CRD the real API server gets in the tests: the release
// the stack chart pins (helm/userflow-stack/Chart.yaml). Its module path carries /v2 from v2.0 on. Nothing here
// is compiled; build.sh takes config/crd/bases/ from the module download, verified against go.sum.
module io.userflow/cluster/spark-operator-crd

go 1.25.0

require github.com/kubeflow/spark-operator/v2 v2.4.0
