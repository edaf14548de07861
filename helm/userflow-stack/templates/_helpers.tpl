{{/* Name of a stack component's objects and Service: <release>-<component>. */}}
{{- define "stack.name" -}}
{{- printf "%s-%s" .root.Release.Name .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* In-cluster host name of a component's Service. */}}
{{- define "stack.host" -}}
{{- printf "%s.%s.svc" (include "stack.name" .) .root.Release.Namespace }}
{{- end }}

{{- define "stack.selectorLabels" -}}
app.kubernetes.io/name: {{ .component }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "stack.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "stack.selectorLabels" . }}
app.kubernetes.io/part-of: userflow
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Pod-level hardening shared by every stack pod; uid is the image's own non-root user. */}}
{{- define "stack.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/*
Container hardening. The third-party images write below their install folders at start-up, so their
root filesystem stays writable; everything else is locked down.
*/}}
{{- define "stack.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "stack.catalogJdbcUrl" -}}
{{- printf "jdbc:postgresql://%s:5432/%s" (include "stack.host" (dict "root" . "component" "postgres")) .Values.postgres.database }}
{{- end }}

{{- define "stack.warehouse" -}}
{{- printf "s3a://%s/" .Values.s3.bucket }}
{{- end }}

{{/*
Trino's catalog file for the userflow Iceberg catalog: this stack's JDBC catalog, or with catalog.type rest the
Iceberg REST server the pipeline uses (docs/DEPLOY.md). Secrets are read from the environment.
*/}}
{{- define "stack.trinoCatalog" -}}
connector.name=iceberg
{{- if eq .Values.catalog.type "rest" }}
{{- $rest := .Values.catalog.rest }}
iceberg.catalog.type=rest
iceberg.rest-catalog.uri={{ $rest.uri }}
iceberg.rest-catalog.warehouse={{ $rest.warehouse }}
{{- with $rest.prefix }}
iceberg.rest-catalog.prefix={{ . }}
{{- end }}
{{- if $rest.credentialSecret }}
iceberg.rest-catalog.security=OAUTH2
iceberg.rest-catalog.oauth2.credential=${ENV:CATALOG_CREDENTIAL}
{{- with $rest.oauth2ServerUri }}
iceberg.rest-catalog.oauth2.server-uri={{ . }}
{{- end }}
{{- end }}
iceberg.rest-catalog.vended-credentials-enabled={{ $rest.vendedCredentials }}
{{- else }}
iceberg.catalog.type=jdbc
iceberg.jdbc-catalog.catalog-name={{ .Values.catalog.name }}
iceberg.jdbc-catalog.driver-class=org.postgresql.Driver
iceberg.jdbc-catalog.connection-url={{ include "stack.catalogJdbcUrl" . }}
iceberg.jdbc-catalog.connection-user=${ENV:CATALOG_USER}
iceberg.jdbc-catalog.connection-password=${ENV:CATALOG_PASSWORD}
iceberg.jdbc-catalog.default-warehouse-dir={{ include "stack.warehouse" . }}
{{- end }}
fs.native-s3.enabled=true
s3.endpoint=http://{{ include "stack.host" (dict "root" . "component" "s3") }}:9000
s3.region=us-east-1
s3.path-style-access=true
{{- if not (include "stack.vendedCredentials" .) }}
s3.aws-access-key=${ENV:AWS_ACCESS_KEY_ID}
s3.aws-secret-key=${ENV:AWS_SECRET_ACCESS_KEY}
{{- end }}
{{- end }}

{{/* "true" when a REST catalog vends each table's storage credentials: then Trino holds no S3 key of its own. */}}
{{- define "stack.vendedCredentials" -}}
{{- if and (eq .Values.catalog.type "rest") .Values.catalog.rest.vendedCredentials }}true{{ end }}
{{- end }}
