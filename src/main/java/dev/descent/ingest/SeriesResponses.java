package dev.descent.ingest;

import dev.descent.plot.SeriesCsv;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a points read to the response as it goes, one series at a time: the memory a read needs is that of
 * its largest series, however many it names (the whole answer used to be built as one string first).
 */
final class SeriesResponses {

    /** Reads one series, downsampled and smoothed as asked. */
    interface Source {
        ApiJson.Series read(String name);
    }

    private SeriesResponses() {
    }

    /** One series as {@code ApiJson.Series}, several as {@code ApiJson.SeriesList}, same shapes as before. */
    static void json(JsonMapper json, OutputStream out, long runId, List<String> names, boolean single, Source source) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            if (single) {
                generator.writePOJO(source.read(names.getFirst()));
                return;
            }
            generator.writeStartObject();
            generator.writeNumberProperty("runId", runId);
            generator.writeArrayPropertyStart("series");
            for (String name : names) {
                generator.writePOJO(source.read(name));
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** {@code iteration,epoch,value,timestamp,smoothed}, with a leading series column when not a single series. */
    static void csv(OutputStream out, List<String> names, boolean single, Source source) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        SeriesCsv csv = new SeriesCsv(writer, single ? List.of() : List.of("series"));
        for (String name : names) {
            ApiJson.Series s = source.read(name);
            String prefix = single ? "" : SeriesCsv.text(s.series());
            for (ApiJson.Point p : s.points()) {
                csv.point(prefix, p.iteration(), p.epoch(), p.value(), p.timestamp(), p.smoothed());
            }
        }
        csv.flush();
    }
}
