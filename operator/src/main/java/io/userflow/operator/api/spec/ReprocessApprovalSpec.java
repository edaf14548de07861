package io.userflow.operator.api.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** What is approved: one plan of one Reprocess in the same namespace. Immutable, as an approval given is. */
@ValidationRule(value = "self == oldSelf", message = ReprocessApprovalSpec.IMMUTABLE)
public class ReprocessApprovalSpec {
  public static final String IMMUTABLE = "spec is immutable; an approval of another plan is a new ReprocessApproval";

  @Required
  @Pattern(Patterns.OBJECT_NAME)
  @JsonPropertyDescription("Name of the Reprocess in the same namespace.")
  public String reprocessRef;

  @Required
  @Pattern(Patterns.PLAN_HASH)
  @JsonPropertyDescription("The Reprocess's status.planHash this approves: only that plan runs; a plan that "
      + "changed before it starts is shown and asked for again.")
  public String planHash;
}
