# The userflow Spark jobs: apache/spark plus the jobs jar (the SparkApplications' mainApplicationFile,
# local:///opt/userflow/userflow-jobs.jar, FeaturePipeline spec.streaming.applicationFile) and the
# libraries Spark does not ship: Iceberg's Spark runtime, Kafka source, PostgreSQL JDBC, S3A.
#
# Build context is the repository root, after the jars are prepared (docs/DEPLOY.md, "Build images"):
#   mvn -B -pl jobs -am package -DskipTests
#   mvn -B -f docker/spark-jobs-libs/pom.xml dependency:copy-dependencies
#   docker build -f docker/spark-jobs.Dockerfile -t userflow/spark-jobs:0.1.0 .
# Spark's version is the root pom's spark.version.
FROM apache/spark:4.1.1

ARG USERFLOW_VERSION=0.1.0-SNAPSHOT

# On every driver and executor class path.
COPY --chown=185:185 docker/spark-jobs-libs/target/lib/ /opt/spark/jars/
COPY --chown=185:185 core/target/userflow-core-${USERFLOW_VERSION}.jar /opt/spark/jars/
# The application jar.
COPY --chown=185:185 jobs/target/userflow-jobs-${USERFLOW_VERSION}.jar /opt/userflow/userflow-jobs.jar

# The image's spark user.
USER 185
