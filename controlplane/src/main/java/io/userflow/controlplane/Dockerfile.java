package io.userflow.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A Dockerfile of the subset docker/*.Dockerfile use, read without Docker: one stage ({@code FROM image}), {@code ARG}
 * (its value in {@code $NAME}/{@code ${NAME}} of later instructions, a build arg over the default), {@code ENV},
 * {@code WORKDIR}, {@code COPY [--chown=uid[:gid]]}, {@code USER}, {@code EXPOSE}, {@code ENTRYPOINT} and {@code CMD}.
 * What needs Docker to run a container ({@code RUN}) or is outside the subset ({@code ADD}, ...) is refused with the
 * file and line. Pure: the builder ({@link DockerfileImage}) does the file work.
 *
 * @param path       the Dockerfile as named in messages (relative to the build context)
 * @param from       the FROM image, variables substituted
 * @param steps      what changes the file system, in order: each one layer
 * @param config     what the Dockerfile sets in the image's config; the rest is the base's
 * @param buildHints the {@code mvn} commands of the header comment, which prepare the build context
 */
public record Dockerfile(String path, String from, List<Step> steps, Config config, List<String> buildHints) {

  /** A step that is a layer of its own. */
  public sealed interface Step permits Copy, Workdir {
    int line();
  }

  /**
   * {@code COPY}: sources relative to the build context (a folder gives its contents), an absolute destination (a
   * relative one is resolved against WORKDIR; a trailing {@code /} kept: "into this folder").
   */
  public record Copy(int line, String instruction, List<String> sources, String destination, Owner owner)
      implements Step {}

  /** {@code WORKDIR}: Docker makes the folder (and its parents) when the image lacks it, as a layer. */
  public record Workdir(int line, String path) implements Step {}

  /** Numeric owner of a COPY's files and of the folders it makes (names would need the image's /etc/passwd). */
  public record Owner(int uid, int gid) {
    static final Owner ROOT = new Owner(0, 0);
  }

  /**
   * The image config the Dockerfile sets; null or empty keeps the base's. An ENTRYPOINT without a CMD clears the
   * base's CMD, as Docker does.
   */
  public record Config(Map<String, String> env, String workdir, String user, List<String> exposedPorts,
      List<String> entrypoint, List<String> cmd) {}

  /** Reads {@code dockerfilePath} (relative to {@code repoRoot}, the build context). */
  public static Dockerfile read(Path repoRoot, String dockerfilePath, Map<String, String> buildArgs) {
    try {
      return parse(dockerfilePath, Files.readString(repoRoot.resolve(dockerfilePath)), buildArgs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses the text; an instruction outside the subset, an unknown variable or an unused build arg is an error. */
  public static Dockerfile parse(String path, String text, Map<String, String> buildArgs) {
    return new Parser(path, buildArgs).parse(text);
  }

  /**
   * How to make a missing COPY source: the header's command that names its module ({@code -pl <module>} or
   * {@code -f <module>/pom.xml}), else all the header's commands.
   */
  public List<String> hintFor(String source) {
    String module = source.contains("/target/") ? source.substring(0, source.indexOf("/target/")) : source;
    List<String> matching = buildHints.stream().filter(h -> h.contains(" -f " + module + "/pom.xml")
        || List.of(h.replaceFirst(".* -pl (\\S+).*", "$1").split(",")).contains(module)).toList();
    return matching.isEmpty() ? buildHints : matching;
  }

  private static final class Parser {
    private final String path;
    private final Map<String, String> buildArgs;
    private final Set<String> usedBuildArgs = new LinkedHashSet<>();
    private final Map<String, String> globalArgs = new LinkedHashMap<>();   // ARGs before FROM: FROM sees them
    private final Map<String, String> vars = new LinkedHashMap<>();          // the stage's ARGs, then ENVs
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<String> ports = new ArrayList<>();
    private String from;
    private String workdir;
    private String user;
    private List<String> entrypoint;
    private List<String> cmd;

    Parser(String path, Map<String, String> buildArgs) {
      this.path = path;
      this.buildArgs = buildArgs;
    }

    Dockerfile parse(String text) {
      List<String> hints = new ArrayList<>();
      boolean header = true;
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          if (i == 0 && line.matches("#\\s*escape\\s*=.*")) {
            throw error(1, "the escape directive is not supported (the escape character is \\ here)");
          }
          String comment = line.replaceFirst("^#\\s*", "");
          if (header && comment.startsWith("mvn ")) {
            hints.add(comment);
          }
          continue;
        }
        header = false;
        int first = i;
        StringBuilder logical = new StringBuilder();
        while (line.endsWith("\\") && i + 1 < lines.length) {   // continuation: comment lines inside are dropped
          logical.append(line, 0, line.length() - 1);
          do {
            line = lines[++i].strip();
          } while ((line.isEmpty() || line.startsWith("#")) && i + 1 < lines.length);
        }
        logical.append(line);
        instruction(first + 1, logical.toString().strip());
      }
      if (from == null) {
        throw new IllegalArgumentException(path + ": no FROM");
      }
      Set<String> unused = new LinkedHashSet<>(buildArgs.keySet());
      unused.removeAll(usedBuildArgs);
      if (!unused.isEmpty()) {
        throw new IllegalArgumentException(path + ": build args " + unused + " are not declared by an ARG");
      }
      return new Dockerfile(path, from, List.copyOf(steps), new Config(env, workdir, user, List.copyOf(ports),
          entrypoint, cmd), List.copyOf(hints));
    }

    private void instruction(int line, String text) {
      String[] kv = text.split("\\s+", 2);
      String keyword = kv[0].toUpperCase(Locale.ROOT);
      String rest = kv.length > 1 ? kv[1].strip() : "";
      if (from == null && !keyword.equals("FROM") && !keyword.equals("ARG")) {
        throw error(line, keyword + " before FROM");
      }
      switch (keyword) {
        case "ARG" -> arg(line, rest);
        case "FROM" -> from(line, rest);
        case "ENV" -> env(line, rest);
        case "WORKDIR" -> workdir(line, rest);
        case "COPY" -> copy(line, text, rest);
        case "USER" -> user = single(line, keyword, rest, vars);
        case "EXPOSE" -> expose(line, rest);
        case "ENTRYPOINT" -> entrypoint = execForm(line, rest);
        case "CMD" -> cmd = execForm(line, rest);
        case "RUN" -> throw error(line, "RUN is not supported: it runs a command in a container of the image, and"
            + " there is no Docker here to run it (this builder adds files and sets the config only)");
        default -> throw error(line, keyword + " is not supported: this builder reads FROM, ARG, ENV, WORKDIR,"
            + " COPY, USER, EXPOSE, ENTRYPOINT and CMD only (no Docker here to do the rest)");
      }
    }

    private void arg(int line, String rest) {
      for (String word : DockerfileWords.split(rest, from == null ? globalArgs : vars, at(line))) {
        int eq = word.indexOf('=');
        String name = eq < 0 ? word : word.substring(0, eq);
        String value = eq < 0 ? globalArgs.get(name) : word.substring(eq + 1);
        if (buildArgs.containsKey(name)) {
          value = buildArgs.get(name);
          usedBuildArgs.add(name);
        }
        if (value != null) {
          (from == null ? globalArgs : vars).put(name, value);
        }
      }
    }

    private void from(int line, String rest) {
      if (from != null) {
        throw error(line, "a second FROM: one stage only (no multi-stage builds here)");
      }
      from = single(line, "FROM", rest, globalArgs);
    }

    private void env(int line, String rest) {
      List<String> words = DockerfileWords.split(rest, vars, at(line));
      if (words.isEmpty()) {
        throw error(line, "ENV without a variable");
      }
      Map<String, String> set = new LinkedHashMap<>();
      if (!words.get(0).contains("=")) {             // the old form: ENV NAME value words
        set.put(words.get(0), String.join(" ", words.subList(1, words.size())));
      } else {
        for (String word : words) {
          int eq = word.indexOf('=');
          if (eq <= 0) {
            throw error(line, "ENV expects NAME=value, got '" + word + "'");
          }
          set.put(word.substring(0, eq), word.substring(eq + 1));
        }
      }
      env.putAll(set);
      vars.putAll(set);
    }

    private void workdir(int line, String rest) {
      if (user != null && !user.equals("0") && !user.startsWith("0:") && !user.startsWith("root")) {
        throw error(line, "WORKDIR after USER " + user + ": the owner Docker gives the folder it makes depends on"
            + " the image's /etc/passwd, which this builder does not read; put WORKDIR before USER");
      }
      workdir = absolute(single(line, "WORKDIR", rest, vars));
      steps.add(new Workdir(line, workdir));
    }

    private void copy(int line, String text, String rest) {
      Owner owner = Owner.ROOT;
      while (rest.startsWith("--")) {
        String[] flag = rest.split("\\s+", 2);
        if (!flag[0].startsWith("--chown=")) {
          throw error(line, "COPY " + flag[0].split("=")[0] + " is not supported (only --chown=uid[:gid])");
        }
        owner = owner(line, DockerfileWords.substitute(flag[0].substring("--chown=".length()), vars, at(line)));
        rest = flag.length > 1 ? flag[1].strip() : "";
      }
      List<String> words = rest.startsWith("[")
          ? DockerfileWords.json(rest, at(line)).stream().map(w -> DockerfileWords.substitute(w, vars, at(line)))
              .toList()
          : DockerfileWords.split(rest, vars, at(line));
      if (words.size() < 2) {
        throw error(line, "COPY needs a source and a destination");
      }
      List<String> sources = words.subList(0, words.size() - 1);
      for (String s : sources) {
        if (s.startsWith("/") || List.of(s.split("/")).contains("..") || s.matches(".*[*?\\[].*")) {
          throw error(line, "COPY source '" + s + "': a path inside the build context without wildcards");
        }
      }
      String dest = words.get(words.size() - 1);
      if (sources.size() > 1 && !dest.endsWith("/")) {
        throw error(line, "COPY with several sources needs a destination folder ending in /");
      }
      String resolved = absolute(dest);
      steps.add(new Copy(line, text, List.copyOf(sources), dest.endsWith("/") && !resolved.equals("/")
          ? resolved + "/" : resolved, owner));
    }

    private Owner owner(int line, String spec) {
      String[] ug = spec.split(":", 2);
      if (!ug[0].matches("\\d+") || (ug.length > 1 && !ug[1].matches("\\d+"))) {
        throw error(line, "--chown=" + spec + ": numeric uid[:gid] only (names need the image's /etc/passwd)");
      }
      int uid = Integer.parseInt(ug[0]);
      return new Owner(uid, ug.length > 1 ? Integer.parseInt(ug[1]) : uid);
    }

    private void expose(int line, String rest) {
      for (String port : DockerfileWords.split(rest, vars, at(line))) {
        if (!port.matches("\\d+(/(tcp|udp|sctp))?")) {
          throw error(line, "EXPOSE " + port + ": a port number with an optional /tcp, /udp or /sctp");
        }
        ports.add(port.contains("/") ? port : port + "/tcp");
      }
    }

    /** The exec (JSON) form as is; the shell form as Docker runs it, through /bin/sh -c. */
    private List<String> execForm(int line, String rest) {
      return rest.startsWith("[") ? DockerfileWords.json(rest, at(line)) : List.of("/bin/sh", "-c", rest);
    }

    private String single(int line, String keyword, String rest, Map<String, String> scope) {
      List<String> words = DockerfileWords.split(rest, scope, at(line));
      if (words.size() != 1) {
        throw error(line, keyword + " takes one value here, got '" + rest + "'");
      }
      return words.get(0);
    }

    /** A path against the WORKDIR before it, normalized; a trailing slash is dropped here. */
    private String absolute(String value) {
      return Path.of(value.startsWith("/") ? value : (workdir == null ? "/" : workdir) + "/" + value).normalize()
          .toString();
    }

    private Function<String, IllegalArgumentException> at(int line) {
      return message -> error(line, message);
    }

    private IllegalArgumentException error(int line, String message) {
      return new IllegalArgumentException(path + ":" + line + ": " + message);
    }
  }
}
