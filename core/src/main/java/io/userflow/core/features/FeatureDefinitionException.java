package io.userflow.core.features;

/** A feature group definition that cannot be read or does not validate; the message names the group and feature. */
public final class FeatureDefinitionException extends IllegalArgumentException {
  public FeatureDefinitionException(String message) {
    super(message);
  }

  public FeatureDefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
