package io.userflow.jobs.features;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.events.EventDeclaration;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.layout.TableLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where Gold (and the local demo and status) take what a pipeline declares: the texts the operator passes
 * ({@code --events}, {@code --feature-groups}), or one file of a local run ({@code --features}: {@code events:} and
 * {@code groups:}). Neither: today's events and the default tables only.
 */
public final class FeatureOptions {
  @ArgGroup(exclusive = true)
  Source source;

  static final class Source {
    @ArgGroup(exclusive = false)
    Texts texts;

    @Option(names = "--features", paramLabel = "FILE", description = "A definition file: declared event fields"
        + " (events:, docs/EVENTS.md) and feature groups written beside the default tables (groups:, docs/FEATURES.md)")
    Path file;
  }

  static final class Texts {
    @Option(names = JobOptions.EVENTS, paramLabel = "JSON",
        description = "The pipeline's event declaration as JSON or YAML (docs/EVENTS.md); absent: today's contract")
    String events;

    @Option(names = JobOptions.FEATURE_GROUPS, paramLabel = "JSON",
        description = "Declared feature groups as JSON or YAML (groups: [...]; docs/FEATURES.md)")
    String groups;
  }

  /** What is declared, checked against the layout's table names; a problem is an IllegalArgumentException. */
  public DeclaredGroups declared(TableLayout layout) {
    if (source == null) {
      return DeclaredGroups.none();
    }
    if (source.file != null) {
      return DeclaredGroups.parse(read(source.file), layout.allTables());
    }
    EventDeclaration events = source.texts.events == null ? EventDeclaration.defaults()
        : EventDeclaration.parse(source.texts.events);
    return DeclaredGroups.of(events, source.texts.groups, layout.allTables());
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the definition file " + file + ": " + e, e);
    }
  }
}
