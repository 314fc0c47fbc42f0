# syntax=docker/dockerfile:1

# Build: the Maven wrapper on a JDK 25 image. The committed frontend bundle means no Node.js is needed.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package && cp target/descent-*.jar /descent.jar

# Run: a JRE 25 image, as an unprivileged user, in production mode (vaadin-dev is not in the jar).
FROM eclipse-temurin:25-jre
RUN groupadd --system descent && useradd --system --gid descent --home-dir /app descent \
    && mkdir -p /app /data && chown descent:descent /app /data
WORKDIR /app
COPY --from=build /descent.jar /app/descent.jar
USER descent
ENV DESCENT_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
# GET /health answers 200 when the database answers and, on PostgreSQL, the node hears the others. The JRE image
# has bash but no curl: bash's /dev/tcp speaks the one request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/app/descent.jar"]
