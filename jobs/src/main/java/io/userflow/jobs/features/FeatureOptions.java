package io.userflow.jobs.features;

import io.userflow.core.contract.JobOptions;
import io.userflow.core.features.DeclaredGroups;
import io.userflow.core.features.FeatureGroups;
import io.userflow.core.layout.TableLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a stage takes the pipeline's declared feature groups from: the text the operator passes, or a file of a local
 * run. Neither: the default tables only.
 */
public final class FeatureOptions {
  @ArgGroup(exclusive = true)
  Source source;

  static final class Source {
    @Option(names = JobOptions.FEATURE_GROUPS, paramLabel = "YAML|JSON",
        description = "Declared feature groups as text (groups: [...]; docs/FEATURES.md)")
    String text;

    @Option(names = "--features", paramLabel = "FILE",
        description = "A file of declared feature groups (groups: [...]; docs/FEATURES.md), written beside the default tables")
    Path file;
  }

  /** The declared groups, checked against the event fields and the layout's table names. */
  public DeclaredGroups declared(TableLayout layout) {
    String text = source == null ? null : source.text != null ? source.text : read(source.file);
    return text == null ? DeclaredGroups.none()
        : DeclaredGroups.parse(text, FeatureGroups.SILVER_FIELDS, layout.allTables());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the feature definition " + file + ": " + e, e);
    }
  }
}
