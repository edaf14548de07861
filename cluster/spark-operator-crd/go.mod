// The Kubeflow spark-operator release whose CRDs the real API server gets in the tests and whose controller the
// one-node cluster runs: the release the stack chart pins (helm/userflow-stack/Chart.yaml). Its module path carries
// /v2 from v2.0 on. Nothing is compiled in this module: build.sh takes config/crd/bases/ from the module download,
// verified against go.sum, and builds ./cmd/operator in a copy of that download, where the spark-operator's own
// go.mod (its replace lines) and go.sum apply.
module io.userflow/cluster/spark-operator-crd

go 1.25.0

require github.com/kubeflow/spark-operator/v2 v2.4.0
