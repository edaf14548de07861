package io.userflow.jobs.features;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.features.DeclaredGroups;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where Silver takes the pipeline's event declaration: the text the operator passes ({@code --events}), or the
 * {@code events:} section of a local definition file ({@code --features}, the file Gold reads too). Neither: today's
 * contract.
 */
public final class EventOptions {
  @ArgGroup(exclusive = true)
  Source source;

  static final class Source {
    @Option(names = JobOptions.EVENTS, paramLabel = "JSON", description = "The pipeline's event declaration"
        + " (declared fields, accepted event types; docs/EVENTS.md) as JSON or YAML; absent: today's contract")
    String text;

    @Option(names = "--features", paramLabel = "FILE",
        description = "A definition file (docs/FEATURES.md); Silver reads its events: section")
    Path file;
  }

  /** The declaration; a problem is an IllegalArgumentException naming the field. */
  public EventDeclaration events() {
    if (source == null) {
      return EventDeclaration.defaults();
    }
    return source.text != null ? EventDeclaration.parse(source.text)
        : DeclaredGroups.parse(FeatureOptions.read(source.file), List.of()).events();
  }
}
