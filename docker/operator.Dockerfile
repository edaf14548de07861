# The userflow operator: the Quarkus fast-jar of operator/ on a Java 17 runtime.
#
# Build context is the repository root, after the operator module is packaged:
#   mvn -B -pl operator -am package -DskipTests
#   docker build -f docker/operator.Dockerfile -t userflow/operator:0.1.0 .
# The tag is the chart's appVersion (helm/userflow/Chart.yaml).
FROM eclipse-temurin:17-jre-noble

ENV LANG=C.UTF-8 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"

WORKDIR /deployments
# Quarkus fast-jar layout, dependencies first so a code change rebuilds only the last layers.
COPY --chown=185:0 operator/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 operator/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --chown=185:0 operator/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 operator/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar

# Non-root, matching the chart's runAsUser; the root filesystem is read-only there, /tmp an emptyDir.
USER 185:0
EXPOSE 8080
ENTRYPOINT ["java", "-Dquarkus.http.host=0.0.0.0", "-jar", "/deployments/quarkus-run.jar"]
