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
ENTRYPOINT ["java", "-jar", "/app/descent.jar"]
