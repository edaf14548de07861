/**
 * The CRD classes. A field is described once, by its {@code @JsonPropertyDescription}: the CRD generator writes it
 * into helm/userflow/crds, where {@code kubectl explain} shows it, so a field carries no javadoc that could drift
 * from it.
 */
package io.userflow.operator.api;
