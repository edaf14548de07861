package io.userflow.deploy.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.userflow.deploy.RepoPaths;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs airflow/tests (standard-library unittest; Airflow is not installed here) as part of mvn test. */
class AirflowDagsTest {

  @Test
  void pythonDagTestsPass() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "airflow/tests", "-v")
        .directory(RepoPaths.root().toFile())
        .redirectErrorStream(true);
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = pb.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean finished = process.waitFor(2, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("python3 -m unittest finished in time:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("python3 -m unittest discover -s airflow/tests:%n%s", output).isZero();
    assertThat(output).contains("OK");
  }
}
