package io.userflow.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.userflow.controlplane.Dockerfile.Copy;
import io.userflow.controlplane.Dockerfile.Owner;
import io.userflow.controlplane.Dockerfile.Workdir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Dockerfile reader on docker/'s two Dockerfiles and on small texts; the FROM table and the config options. */
class DockerfileTest {
  final Path repo = ControlPlaneBinaries.repoRoot();

  @Test
  void sparkJobsIsSparkPlusThreeCopiesOwnedBySparksUser() {
    Dockerfile df = Dockerfile.read(repo, "docker/spark-jobs.Dockerfile", Map.of());
    assertThat(df.from()).isEqualTo("apache/spark:4.1.1");
    assertThat(DockerfileImage.imageName(df.path())).isEqualTo("spark-jobs");
    Owner spark = new Owner(185, 185);
    assertThat(df.steps()).extracting(s -> (Copy) s).extracting(Copy::sources, Copy::destination, Copy::owner)
        .containsExactly(
            tuple(List.of("docker/spark-jobs-libs/target/lib/"), "/opt/spark/jars/", spark),
            tuple(List.of("core/target/userflow-core-0.1.0-SNAPSHOT.jar"),
                "/opt/spark/jars/", spark),
            tuple(List.of("jobs/target/userflow-jobs-0.1.0-SNAPSHOT.jar"),
                "/opt/userflow/userflow-jobs.jar", spark));
    assertThat(df.config().user()).isEqualTo("185");
    assertThat(df.config().entrypoint()).isNull();      // apache/spark's own
    assertThat(df.hintFor("docker/spark-jobs-libs/target/lib/"))
        .containsExactly("mvn -B -f docker/spark-jobs-libs/pom.xml dependency:copy-dependencies");
    assertThat(df.hintFor("jobs/target/userflow-jobs-0.1.0-SNAPSHOT.jar"))
        .containsExactly("mvn -B -pl jobs -am package -DskipTests");
    assertThat(df.hintFor("core/target/userflow-core-0.1.0-SNAPSHOT.jar")).hasSize(2);   // -am: no module named
  }

  @Test
  void operatorIsJavaPlusTheFastJarInFourLayers() {
    Dockerfile df = Dockerfile.read(repo, "docker/operator.Dockerfile", Map.of());
    assertThat(df.from()).isEqualTo("eclipse-temurin:17-jre-noble");
    assertThat(df.config().env()).containsExactly(Map.entry("LANG", "C.UTF-8"),
        Map.entry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"));
    assertThat(df.steps().get(0)).isEqualTo(new Workdir(12, "/deployments"));
    assertThat(df.steps().subList(1, 5)).extracting(s -> ((Copy) s).destination()).containsExactly(
        "/deployments/lib/", "/deployments/quarkus/", "/deployments/app/", "/deployments/quarkus-run.jar");
    assertThat(df.steps().subList(1, 5)).extracting(s -> ((Copy) s).owner()).containsOnly(new Owner(185, 0));
    assertThat(df.config().workdir()).isEqualTo("/deployments");
    assertThat(df.config().user()).isEqualTo("185:0");
    assertThat(df.config().exposedPorts()).containsExactly("8080/tcp");
    assertThat(df.config().entrypoint()).containsExactly("java", "-Dquarkus.http.host=0.0.0.0", "-jar",
        "/deployments/quarkus-run.jar");
    assertThat(df.hintFor("operator/target/quarkus-app/lib/"))
        .containsExactly("mvn -B -pl operator -am package -DskipTests");
  }

  @Test
  void continuationLinesJoinAndCommentsInsideThemAreDropped() {
    Dockerfile df = Dockerfile.parse("t.Dockerfile", """
        FROM base
        ENV A=1 \\
        # a comment inside
            B="two words" \\
            C='$literal'
        COPY a \\
             /x/
        """, Map.of());
    assertThat(df.config().env()).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"),
        Map.entry("C", "$literal"));
    assertThat(df.steps()).containsExactly(new Copy(6, "COPY a /x/", List.of("a"), "/x/", Owner.ROOT));
  }

  @Test
  void aBuildArgOverridesTheDefaultAndAnUndeclaredOneIsRefused() {
    String text = "FROM base\nARG V=1.0\nCOPY app-${V}.jar lib/$V/ /opt/\nENV VERSION=$V\n";
    assertThat(((Copy) Dockerfile.parse("t", text, Map.of()).steps().get(0)).sources())
        .containsExactly("app-1.0.jar", "lib/1.0/");
    Dockerfile overridden = Dockerfile.parse("t", text, Map.of("V", "2.0"));
    assertThat(((Copy) overridden.steps().get(0)).sources()).containsExactly("app-2.0.jar", "lib/2.0/");
    assertThat(overridden.config().env()).containsEntry("VERSION", "2.0");
    assertThatThrownBy(() -> Dockerfile.parse("t", text, Map.of("W", "x")))
        .hasMessageContaining("build args [W] are not declared by an ARG");
    assertThatThrownBy(() -> Dockerfile.parse("t", "FROM base\nCOPY ${NOPE} /x\n", Map.of()))
        .hasMessageContaining("t:2: $NOPE is not defined");
  }

  @Test
  void anArgBeforeFromNamesTheImage() {
    assertThat(Dockerfile.parse("t", "ARG TAG=4.1.1\nFROM apache/spark:${TAG}\n", Map.of("TAG", "9")).from())
        .isEqualTo("apache/spark:9");
  }

  @Test
  void chownTakesNumbersAndAGroupDefaultsToTheUid() {
    Dockerfile df = Dockerfile.parse("t", "FROM b\nCOPY --chown=185 a b /opt/x/\nCOPY --chown=1:2 [\"c\", \"/y\"]\n",
        Map.of());
    assertThat(df.steps()).extracting(s -> ((Copy) s).owner()).containsExactly(new Owner(185, 185), new Owner(1, 2));
    assertThat(((Copy) df.steps().get(1)).destination()).isEqualTo("/y");
    assertThatThrownBy(() -> Dockerfile.parse("t", "FROM b\nCOPY --chown=spark:spark a /x\n", Map.of()))
        .hasMessageContaining("t:2: --chown=spark:spark: numeric uid[:gid] only");
    assertThatThrownBy(() -> Dockerfile.parse("t", "FROM b\nCOPY --from=build a /x\n", Map.of()))
        .hasMessageContaining("t:2: COPY --from is not supported");
  }

  @Test
  void aRelativeDestinationIsUnderTheWorkdir() {
    Dockerfile df = Dockerfile.parse("t", "FROM b\nWORKDIR /app\nWORKDIR lib\nCOPY a.jar ./\nCOPY b.jar c.jar\n",
        Map.of());
    assertThat(df.steps()).extracting(Dockerfile.Step::line).containsExactly(2, 3, 4, 5);
    assertThat(((Copy) df.steps().get(2)).destination()).isEqualTo("/app/lib/");
    assertThat(((Copy) df.steps().get(3)).destination()).isEqualTo("/app/lib/c.jar");
    assertThat(df.config().workdir()).isEqualTo("/app/lib");
  }

  @Test
  void runIsRefusedWithItsFileAndLine() {
    assertThatThrownBy(() -> Dockerfile.parse("docker/x.Dockerfile", """
        # header
        FROM base
        ENV A=1 \\
            B=2
        RUN apt-get install -y curl
        """, Map.of()))
        .hasMessageStartingWith("docker/x.Dockerfile:5: RUN is not supported")
        .hasMessageContaining("there is no Docker here to run it");
    assertThatThrownBy(() -> Dockerfile.parse("t", "FROM b\nADD https://x/y.tgz /opt/\n", Map.of()))
        .hasMessageStartingWith("t:2: ADD is not supported");
    assertThatThrownBy(() -> Dockerfile.parse("t", "FROM b AS build\n", Map.of())).hasMessageContaining("t:1: FROM");
    assertThatThrownBy(() -> Dockerfile.parse("t", "FROM a\nFROM b\n", Map.of())).hasMessageContaining("one stage");
  }

  @Test
  void theShellFormRunsThroughShAndAnEntrypointClearsTheBasesCmd() {
    Dockerfile df = Dockerfile.parse("t", "FROM b\nENTRYPOINT exec java -jar x.jar\nEXPOSE 80 53/udp\n", Map.of());
    assertThat(df.config().entrypoint()).containsExactly("/bin/sh", "-c", "exec java -jar x.jar");
    assertThat(DockerfileImage.configOptions(df.config())).containsExactly("--config.exposedports", "80/tcp",
        "--config.exposedports", "53/udp", "--clear=config.entrypoint", "--config.entrypoint", "/bin/sh",
        "--config.entrypoint", "-c", "--config.entrypoint", "exec java -jar x.jar", "--clear=config.cmd");
  }

  @Test
  void fromMapsToAnImagesShImageInOneTable(@TempDir Path images) throws IOException {
    Files.writeString(images.resolve("spark-version"), "4.1.1\n");
    NodeImages bases = new NodeImages(images);
    assertThat(DockerfileImage.baseFor("apache/spark:4.1.1", bases)).isEqualTo("spark");
    assertThat(DockerfileImage.baseFor("eclipse-temurin:17-jre-noble", bases)).isEqualTo("java");
    assertThatThrownBy(() -> DockerfileImage.baseFor("apache/spark:3.5.1", bases))
        .hasMessageContaining("builds Spark 4.1.1 only");
    assertThatThrownBy(() -> DockerfileImage.baseFor("alpine:3", bases))
        .hasMessageContaining("mapped: {apache/spark:4.1.1=spark, eclipse-temurin:17-jre-noble=java}");
  }
}
