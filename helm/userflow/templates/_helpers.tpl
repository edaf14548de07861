{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "userflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "userflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "userflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "userflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "userflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "userflow.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: userflow
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "userflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "userflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Watched namespaces as a comma-separated list; the release namespace when none are given. */}}
{{- define "userflow.watchNamespaces" -}}
{{- if .Values.watchNamespaces }}
{{- join "," (uniq .Values.watchNamespaces) }}
{{- else }}
{{- .Release.Namespace }}
{{- end }}
{{- end }}

{{/* The operator's API calls by scope (rbac-rules.yaml), parsed once. */}}
{{- define "userflow.rbacRules" -}}
{{- .Files.Get "rbac-rules.yaml" }}
{{- end }}

{{/* The Spark pods of pipelines: Spark labels drivers and executors with spark-role. */}}
{{- define "userflow.sparkPods" -}}
matchExpressions:
  - key: spark-role
    operator: In
    values: [driver, executor]
{{- end }}

{{/* Egress rules every component that talks to Kubernetes needs: cluster DNS and the API server. */}}
{{- define "userflow.dnsAndApiServerEgress" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- ports:
    {{- range .Values.networkPolicy.apiServer.ports }}
    - port: {{ . }}
      protocol: TCP
    {{- end }}
  {{- with .Values.networkPolicy.apiServer.cidrs }}
  to:
    {{- range . }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  {{- end }}
{{- end }}
