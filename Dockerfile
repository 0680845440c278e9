# Build: docker build -t cardmint .   Run: docker run -p 8080:8080 -v cardmint-data:/data cardmint
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY sql sql
COPY src src
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /data cardmint && mkdir -p /data && chown cardmint /data
COPY --from=build /src/target/cardmint.jar /app/cardmint.jar
COPY jobs/examples /app/jobs/examples
USER cardmint
WORKDIR /data
# A heap limit keeps memory flat however large the order (bench/README.md): the job holds
# nothing per card, but without a limit the JVM grows its heap with the allocation rate.
ENV CARDMINT_DATA_DIR=/data CARDMINT_INBOX_DIR=/data/inbox JAVA_OPTS="-Xmx512m"
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/cardmint.jar \"$@\"", "cardmint"]
CMD ["serve"]
