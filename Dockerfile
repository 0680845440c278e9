# Build: docker build -t cardmint .
# Run:   docker compose up (compose.yaml: MariaDB, RabbitMQ, serve, a worker), see docs/operations.md
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY sql sql
COPY src src
# The image makes its own class-data-sharing archive below, with the JVM that will use it.
RUN mvn -B -DskipTests -Dcardmint.cds.skip=true package
# Boot's layered jar: the dependencies (which rarely change) become their own image layer, so
# a code change ships only the small application layer.
RUN java -Djarmode=tools -jar target/cardmint.jar extract --layers --destination /extracted

FROM eclipse-temurin:17-jre
# A numeric user, so that Kubernetes' runAsNonRoot can verify it is not root.
RUN groupadd --system --gid 10001 cardmint \
	&& useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home cardmint \
	&& mkdir -p /data && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY jobs/examples /app/jobs/examples
# Start-up: a class-data-sharing archive of everything `serve` loads until its context is
# refreshed, made by a training start on a throw-away H2 database (README "Start-up").
RUN java -XX:ArchiveClassesAtExit=/app/cardmint.jsa -Xlog:cds=error,cds+dynamic=error -Dspring.context.exit=onRefresh \
		-jar /app/cardmint.jar serve --server.port=0 --cardmint.data-dir=/tmp/cds-training \
		--cardmint.inbox.dir=/tmp/cds-training/inbox --logging.level.root=warn \
	&& rm -rf /tmp/cds-training
USER 10001:10001
WORKDIR /data
# Memory follows the container's limit (the job holds nothing per card, bench/README.md); an
# OutOfMemoryError ends the process so the orchestrator restarts it and `serve` resumes the order.
ENV CARDMINT_DATA_DIR=/data \
	CARDMINT_INBOX_DIR=/data/inbox \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080 the API; 8081 the actuator when MANAGEMENT_SERVER_PORT=8081 (compose.yaml, docs/operations.md).
EXPOSE 8080 8081
# Liveness only: a manufacturer's SFTP server being down must not restart cardmint. The port is
# the management port when one is set, else the API port (curl ships with the Temurin image).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
	CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_SERVER_PORT:-8080}/actuator/health/liveness" || exit 1
# exec form: java is PID 1 and receives SIGTERM itself (graceful stop of running orders).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/cardmint.jsa", "-Xshare:auto", "-jar", "/app/cardmint.jar"]
CMD ["serve"]
