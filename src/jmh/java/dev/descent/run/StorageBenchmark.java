package dev.descent.run;

import dev.descent.Application;
import dev.descent.TestDatabase;
import org.postgresql.PGConnection;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Today's chunked layout against the one-row-per-point layout it replaced ({@link RowLayoutStore}), on the same
 * data, on H2 and on PostgreSQL, in one run: bytes per stored value, HTTP ingest rate (4 clients, 1,000-point
 * batches), the first read after a restart of a 1M-point series (→ 2,000 points, smoothing 0.6), and the first
 * open of a 50 runs × 100k points comparison (the server's reads). On PostgreSQL also a plain {@code COPY} of the
 * same points into a one-row-per-point table. The data is a realistic noisy loss with epoch and timestamp.
 * Run: {@code ./mvnw -Pbench verify -Dbench.skip.jmh=true -Dbench.skip.ingest=true -Dbench.skip.storage=false}.
 */
public final class StorageBenchmark {

    static final int CLIENTS = 4;
    static final int BATCH = 1_000;
    static final int INGEST = 1_000_000;
    static final int BIG = 1_000_000;
    static final int COMPARED_RUNS = Integer.getInteger("comparedRuns", 50);
    static final int COMPARED_POINTS = 100_000;
    static final String TOKEN = "bench-token";
    /** The chunks as before H2's housekeeping (H2 only): the baseline for it in the same run. */
    static final String NO_HOUSEKEEPING = "chunks-nohk";
    /**
     * The chunks with the housekeeping, but H2's default 16 kB pages and no end rows (H2 only): the baseline for
     * them, as on {@code main} until the night of 30 Nov 2026.
     */
    static final String H2_DEFAULT_PAGES = "chunks-16k";
    /**
     * The chunks as on {@code main} until 1 Dec 2026: no warm-up of the read path at start
     * ({@code descent.warm-up.enabled=false}), the baseline for it on both databases.
     */
    static final String NO_WARM_UP = "chunks-cold";
    /** H2's own page size, which the baselines ran with before Descent set one (DD008). */
    static final int H2_DEFAULT_PAGE_SIZE = 16_384;

    record Figures(String database, String layout, long values, double bytesPerValue, double runningBytesPerValue,
                   double settledBytesPerValue, double restartedBytesPerValue, double ingestRate, double firstReadMs, double firstReadServerMs,
                   double compareOpenMs) {
    }

    public static void main(String[] args) throws Exception {
        List<Figures> all = new ArrayList<>();
        String copy = "";
        List<String> databases = list(System.getProperty("databases", "h2,postgresql"));
        for (String database : databases) {
            for (String layout : list(System.getProperty("layouts", "rows,chunks-nohk,chunks-16k,chunks-cold,chunks"))) {
                if (applies(layout, database)) {
                    all.add(measure(database, layout));
                }
            }
            if (database.equals("postgresql")) {
                copy = String.format(Locale.ROOT, "PostgreSQL plain COPY of 1,000,000 points into a one-row-per-point "
                        + "table: %,.0f points/s%n", copyRate());
            }
        }
        System.out.printf(Locale.ROOT, "%n=== Descent storage benchmark (%d cores) ===%n",
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-11s %-11s %12s %12s %12s %12s %14s %18s %22s %20s %24s%n", "database",
                "layout", "values", "B/v running", "B/v settled", "B/v stopped", "B/v restarted", "HTTP ingest pts/s",
                "1M read after restart", "(server time)", "50x100k compare open");
        for (Figures f : all) {
            System.out.printf(Locale.ROOT,
                    "%-11s %-11s %,12d %12.1f %12.1f %12.1f %14.1f %,18.0f %19.0f ms %17.0f ms %21.0f ms%n",
                    f.database(), f.layout(), f.values(), f.runningBytesPerValue(), f.settledBytesPerValue(),
                    f.bytesPerValue(), f.restartedBytesPerValue(), f.ingestRate(), f.firstReadMs(),
                    f.firstReadServerMs(), f.compareOpenMs());
        }
        System.out.print(copy);

        if (!Boolean.parseBoolean(System.getProperty("smallBatches", "true"))) {
            return;
        }
        System.out.printf(Locale.ROOT, "%nSmall batches, as the Python client sends a job logging a few steps per second: "
                + "%d jobs, each %d batches of %d steps x %d series (loss + 4 metrics)%n", CLIENTS, SMALL_BATCHES,
                SMALL_STEPS, SMALL_SERIES);
        System.out.printf(Locale.ROOT, "%-11s %-11s %12s %12s %12s%n", "database", "layout", "values", "B/v running",
                "B/v settled");
        for (String database : databases) {
            for (String layout : List.of(NO_HOUSEKEEPING, H2_DEFAULT_PAGES, "chunks")) {
                if (applies(layout, database)) {
                    Sizes sizes = measureSmallBatches(database, layout);
                    long values = (long) CLIENTS * SMALL_BATCHES * SMALL_STEPS * SMALL_SERIES;
                    System.out.printf(Locale.ROOT, "%-11s %-11s %,12d %12.1f %12.1f%n", database, layout, values,
                            (double) sizes.running() / values, (double) sizes.settled() / values);
                }
            }
        }
    }

    private static List<String> list(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
    }

    /** The housekeeping and page size baselines are H2's alone. */
    private static boolean applies(String layout, String database) {
        return !(layout.equals(NO_HOUSEKEEPING) || layout.equals(H2_DEFAULT_PAGES)) || database.equals("h2");
    }

    /** A file or table right after the writes, and once it stopped changing. */
    record Sizes(long running, long settled) {
    }

    static final int SMALL_BATCHES = 1_000;
    static final int SMALL_STEPS = 10;
    static final int SMALL_SERIES = 5;

    /** A fresh H2 directory or PostgreSQL schema, and the server's arguments for it: the layout first. */
    record Setup(Path dataDir, TestDatabase.@org.jspecify.annotations.Nullable Schema schema, List<String> arguments) {
        static Setup of(String database, String layout) throws Exception {
            Path dataDir = Files.createTempDirectory("descent-storage-bench");
            List<String> arguments = new ArrayList<>(List.of(layout, "--server.port=0", "--descent.data-dir=" + dataDir,
                    "--descent.demo.enabled=false", "--descent.ingest-token=" + TOKEN, "--logging.level.root=WARN",
                    "--spring.main.banner-mode=off"));
            TestDatabase.Schema schema = null;
            if (database.equals("postgresql")) {
                schema = TestDatabase.freshSchema();
                arguments.add("--spring.datasource.url=" + schema.url());
                arguments.add("--spring.datasource.username=" + TestDatabase.user());
                arguments.add("--spring.datasource.password=" + TestDatabase.password());
            }
            if (layout.equals(NO_HOUSEKEEPING)) {
                arguments.add("--descent.h2.housekeeping.enabled=false");
            }
            if (!layout.equals("chunks") && !layout.equals(NO_WARM_UP)) {
                // The baselines as they ran before Descent chose H2's page size and added end rows (DD008).
                arguments.add("--descent.h2.page-size=" + H2_DEFAULT_PAGE_SIZE);
                arguments.add("--descent.h2.end-rows=false");
            }
            if (layout.equals(NO_WARM_UP)) {
                arguments.add("--descent.warm-up.enabled=false");
            }
            return new Setup(dataDir, schema, arguments);
        }
    }

    /** The file (or table) right after the small batches and once settled, on a fresh database. */
    private static Sizes measureSmallBatches(String database, String layout) throws Exception {
        Setup setup = Setup.of(database, layout);
        Path dataDir = setup.dataDir();
        TestDatabase.Schema schema = setup.schema();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Child app = Child.start(setup.arguments());
        try {
            String base = "http://localhost:" + app.port() + "/api/v1/runs";
            List<Long> ids = new ArrayList<>();
            for (int r = 0; r < CLIENTS; r++) {
                ids.add(createRun(http, base, "small-" + r));
            }
            perRun(ids, runId -> {
                Random random = new Random(runId);
                long t = 1_764_300_000_000L;
                for (int b = 0; b < SMALL_BATCHES; b++) {
                    StringBuilder body = new StringBuilder(200 * SMALL_STEPS).append("{\"points\":[");
                    for (int i = b * SMALL_STEPS; i < (b + 1) * SMALL_STEPS; i++) {
                        t += 300 + random.nextInt(40);
                        double loss = loss(i * 30L, random);
                        body.append(i == b * SMALL_STEPS ? "" : ",").append("{\"iteration\":").append(i)
                                .append(",\"epoch\":").append(i / 500.0).append(",\"loss\":").append(loss)
                                .append(",\"metrics\":{\"val_loss\":").append(loss + 0.1 * random.nextGaussian())
                                .append(",\"accuracy\":").append(1 - loss / 3 + 0.01 * random.nextGaussian())
                                .append(",\"lr\":").append(1e-3 * Math.pow(0.99, i / 100))
                                .append(",\"grad_norm\":").append(Math.abs(1 + 0.3 * random.nextGaussian()))
                                .append("},\"timestamp\":").append(t).append('}');
                    }
                    postPoints(http, base + "/" + runId + "/points", body.append("]}").toString());
                }
            });
            if (schema != null) {
                long bytes = postgresBytes(schema, layout);
                return new Sizes(bytes, bytes);
            }
            Path file = dataDir.resolve("descent.mv.db");
            return new Sizes(Files.size(file), settledSize(file));
        } finally {
            app.close();
            deleteDirectory(dataDir);
        }
    }

    /** A measured H2 file goes once measured: a full run leaves over a GB of them otherwise. */
    private static void deleteDirectory(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Figures measure(String database, String layout) throws Exception {
        Setup setup = Setup.of(database, layout);
        Path dataDir = setup.dataDir();
        TestDatabase.Schema schema = setup.schema();
        List<String> arguments = setup.arguments();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Child app = Child.start(arguments);
        double ingestRate;
        long bigRun;
        List<Long> compared = new ArrayList<>();
        long values;
        long runningBytes;
        long settledBytes;
        long restartedBytes;
        try {
            String base = "http://localhost:" + app.port() + "/api/v1/runs";
            post(http, base, "warm-up", 4, 200_000 / 4);
            // The bodies are built before the clock starts, as the COPY baseline's rows are: on this 2-core
            // machine the client's JSON formatting otherwise took CPU from the server being measured.
            Map<Long, List<String>> ingest = new LinkedHashMap<>();
            for (long runId : createRuns(http, base, "ingest", CLIENTS)) {
                ingest.put(runId, bodies(runId, INGEST / CLIENTS));
            }
            long start = System.nanoTime();
            perRun(List.copyOf(ingest.keySet()), runId -> {
                for (String body : ingest.get(runId)) {
                    postPoints(http, base + "/" + runId + "/points", body);
                }
            });
            ingestRate = INGEST / ((System.nanoTime() - start) / 1e9);
            bigRun = post(http, base, "big", 1, BIG).getFirst();
            compared.addAll(post(http, base, "compared", COMPARED_RUNS, COMPARED_POINTS));
            values = 200_000L + INGEST + BIG + (long) COMPARED_RUNS * COMPARED_POINTS;
            // The file as the running server has it, right after the last batch.
            runningBytes = schema == null ? Files.size(dataDir.resolve("descent.mv.db")) : postgresBytes(schema, layout);
            // And once the running server's file stops changing (H2's housekeeping works while nobody writes).
            settledBytes = schema == null ? settledSize(dataDir.resolve("descent.mv.db")) : runningBytes;

        } finally {
            app.close();
        }
        long bytes = schema == null ? Files.size(dataDir.resolve("descent.mv.db")) : postgresBytes(schema, layout);

        // The restarted server logs each request's time as Tomcat measures it, from its first byte read to its
        // last written: the read's server time, beside the client's.
        Path accessLog = Files.createTempDirectory("descent-storage-bench-access");
        List<String> restarted = new ArrayList<>(arguments);
        restarted.addAll(List.of("--server.tomcat.accesslog.enabled=true",
                "--server.tomcat.accesslog.directory=" + accessLog, "--server.tomcat.accesslog.prefix=access",
                "--server.tomcat.accesslog.suffix=.log", "--server.tomcat.accesslog.file-date-format=",
                "--server.tomcat.accesslog.rotate=false", "--server.tomcat.accesslog.buffered=false",
                "--server.tomcat.accesslog.pattern=%r %s %D"));
        app = Child.start(restarted);
        // H2: the file once the restarted server is up, which compacts it when it starts (H2StartupCompaction).
        restartedBytes = schema == null ? Files.size(dataDir.resolve("descent.mv.db")) : bytes;
        double firstRead;
        double firstReadServer;
        double compareOpen;
        try {
            String base = "http://localhost:" + app.port() + "/api/v1/runs";
            // The JIT warms on other series, which stay out of the cache of the measured ones.
            for (long warm = 1; warm <= 4; warm++) {
                get(http, base + "/" + warm + "/points?series=loss&maxPoints=2000&smoothing=0.6");
            }
            long start = System.nanoTime();
            get(http, base + "/" + bigRun + "/points?series=loss&maxPoints=2000&smoothing=0.6");
            firstRead = (System.nanoTime() - start) / 1e6;
            firstReadServer = serverMillis(accessLog.resolve("access.log"), "/runs/" + bigRun + "/points?");
            int perRun = Math.max(400, 12_000 / COMPARED_RUNS * 4);
            start = System.nanoTime();
            try (ExecutorService readers = Executors.newFixedThreadPool(2)) {
                List<Future<?>> done = new ArrayList<>();
                for (long run : compared) {
                    done.add(readers.submit(() -> get(http, base + "/" + run + "/points?series=loss&maxPoints="
                            + perRun + "&smoothing=0.6")));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
            compareOpen = (System.nanoTime() - start) / 1e6;
        } finally {
            app.close();
            deleteDirectory(dataDir);
            deleteDirectory(accessLog);
        }
        return new Figures(database, layout, values, (double) bytes / values, (double) runningBytes / values,
                (double) settledBytes / values, (double) restartedBytes / values, ingestRate, firstRead, firstReadServer,
                compareOpen);
    }

    /**
     * Descent in its own JVM, as a restarted server is: {@code main} with the layout as first argument. It is
     * stopped like a server (SIGTERM, a clean shutdown), so H2 closes its file before it is measured.
     */
    record Child(Process process, int port) {
        static Child start(List<String> arguments) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-cp", System.getProperty("java.class.path"), Server.class.getName()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("BENCH-PORT ")) {
                    int port = Integer.parseInt(line.substring(11).strip());
                    Thread.ofPlatform().daemon().start(() -> {
                        try {
                            // what the server logs at WARN and above goes unseen, unless it is an error
                            lines.lines().filter(l -> l.contains("ERROR") || l.contains("Exception"))
                                    .forEach(l -> System.out.println("server: " + l));
                        } catch (java.io.UncheckedIOException e) {
                            // the server was stopped: Process closes its output, which ends the drain
                        }
                    });
                    return new Child(process, port);
                }
                if (line.contains("ERROR") || line.contains("Exception")) {
                    System.out.println(line);
                }
            }
            throw new IllegalStateException("the benchmark's server exited before listening");
        }

        void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** The server process: the layout, then Spring arguments. */
    public static final class Server {
        public static void main(String[] args) {
            Class<?>[] sources = args[0].equals("rows")
                    ? new Class<?>[]{Application.class, RowLayoutStore.Config.class} : new Class<?>[]{Application.class};
            ConfigurableApplicationContext app = SpringApplication.run(sources,
                    java.util.Arrays.copyOfRange(args, 1, args.length));
            System.out.println("BENCH-PORT " + app.getEnvironment().getRequiredProperty("local.server.port"));
        }
    }

    /**
     * The time Tomcat took for the first request whose line contains {@code path}, from its access log
     * ({@code %r %s %D}: %D is in microseconds), once the line is there (Tomcat writes it as the request ends);
     * NaN if it is not there within 10 s.
     */
    private static double serverMillis(Path accessLog, String path) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(accessLog)) {
                for (String line : Files.readAllLines(accessLog)) {
                    if (line.contains(path) && line.contains(" 200 ")) {
                        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).strip()) / 1e3;
                    }
                }
            }
            Thread.sleep(10);
        }
        // Not worth losing a whole run over: the client's time stays, the table says NaN.
        System.out.println("No line for " + path + " in " + accessLog + " after 10 s: "
                + (Files.exists(accessLog) ? Files.readAllLines(accessLog) : "no such file"));
        return Double.NaN;
    }

    /** The file's size once it stayed the same for 3 s (at most a minute). */
    private static long settledSize(Path file) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long size = Files.size(file);
        int unchanged = 0;
        while (unchanged < 12 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            long now = Files.size(file);
            unchanged = now == size ? unchanged + 1 : 0;
            size = now;
        }
        return size;
    }

    /** Bytes the points take in PostgreSQL: the table with its indexes and TOAST. */
    private static long postgresBytes(TestDatabase.Schema schema, String layout) throws Exception {
        try (Connection c = DriverManager.getConnection(schema.url(), TestDatabase.user(), TestDatabase.password());
             Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
            try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + schema.name() + "."
                    + (layout.equals("rows") ? "point_rows" : "series_chunk") + "')")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double copyRate() throws Exception {
        TestDatabase.Schema schema = TestDatabase.freshSchema();
        StringBuilder rows = new StringBuilder(80 * INGEST);
        Random random = new Random(1);
        for (int i = 0; i < INGEST; i++) {
            rows.append(i % CLIENTS).append("\tloss\t").append(i).append('\t').append(i / 5000.0).append('\t')
                    .append(loss(i, random)).append('\t').append(1_764_300_000_000L + i * 300L).append('\n');
        }
        try (Connection c = DriverManager.getConnection(schema.url(), TestDatabase.user(), TestDatabase.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE copied (run_id BIGINT NOT NULL, series VARCHAR(250) NOT NULL,
                        iteration BIGINT NOT NULL, epoch DOUBLE PRECISION, point_value DOUBLE PRECISION NOT NULL,
                        recorded_at BIGINT NOT NULL, PRIMARY KEY (run_id, series, iteration))""");
            }
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY copied FROM STDIN", new StringReader(rows.toString()));
            return INGEST / ((System.nanoTime() - start) / 1e9);
        }
    }

    static double loss(long i, Random random) {
        return 0.2 + 2.3 * Math.exp(-i / 300_000.0) + 0.05 * random.nextGaussian();
    }

    /** {@code runs} new runs, {@code points} each, posted by up to 4 concurrent clients; returns their ids. */
    private static List<Long> post(HttpClient http, String base, String prefix, int runs, int points) throws Exception {
        List<Long> ids = createRuns(http, base, prefix, runs);
        perRun(ids, runId -> {
            for (String body : bodies(runId, points)) {
                postPoints(http, base + "/" + runId + "/points", body);
            }
        });
        return ids;
    }

    private static List<Long> createRuns(HttpClient http, String base, String prefix, int runs) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            ids.add(createRun(http, base, prefix + "-" + r));
        }
        return ids;
    }

    /** A run's batches of {@link #BATCH} points as the client sends them: a noisy loss with epoch and timestamp. */
    private static List<String> bodies(long runId, int points) {
        Random random = new Random(runId);
        long t = 1_764_300_000_000L;
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < points; from += BATCH) {
            StringBuilder body = new StringBuilder(100 * BATCH).append("{\"points\":[");
            for (int i = from; i < Math.min(points, from + BATCH); i++) {
                t += 300 + random.nextInt(40);
                body.append(i == from ? "" : ",").append("{\"iteration\":").append(i)
                        .append(",\"epoch\":").append(i / 5000.0).append(",\"loss\":")
                        .append(loss(i, random)).append(",\"timestamp\":").append(t).append('}');
            }
            batches.add(body.append("]}").toString());
        }
        return batches;
    }

    /** What one job posts to its run. */
    interface Job {
        void post(long runId) throws Exception;
    }

    /** Each run's job on a client thread of its own, {@link #CLIENTS} at a time; fails if one failed. */
    private static void perRun(List<Long> ids, Job job) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(Math.min(CLIENTS, ids.size()))) {
            List<Future<?>> done = new ArrayList<>();
            for (long runId : ids) {
                done.add(clients.submit(() -> {
                    job.post(runId);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    private static void postPoints(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = send(http, url, body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static long createRun(HttpClient http, String base, String name) throws Exception {
        String body = send(http, base, "{\"project\":\"bench\",\"name\":\"" + name + "\"}").body();
        int at = body.indexOf("\"id\":") + 5;
        return Long.parseLong(body.substring(at, body.indexOf(',', at)).trim());
    }

    private static HttpResponse<String> send(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
