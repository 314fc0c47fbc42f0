package dev.descent.compare.ui;

import dev.descent.plot.SeriesCsv;
import dev.descent.plot.Smoothing;
import dev.descent.run.RunService;
import dev.descent.run.SeriesData;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.List;

/**
 * The comparison as CSV at full resolution, one run at a time (a comparison of many long runs is never held
 * in memory as one text): {@code run_id,run} then the points API's columns.
 */
final class ComparisonExport {

    private final RunService runs;

    ComparisonExport(RunService runs) {
        this.runs = runs;
    }

    void write(Writer out, Collection<ComparedRun> compared, String series, Smoothing smoothing) throws IOException {
        SeriesCsv csv = new SeriesCsv(out, List.of("run_id", "run"));
        for (ComparedRun c : compared) {
            SeriesData data = runs.readSeries(c.id(), series);
            double[] smoothed = smoothing.smooth(data.values());
            String leading = c.id() + "," + SeriesCsv.text(c.run.name());
            for (int i = 0; i < data.size(); i++) {
                double epoch = data.epochs()[i];
                csv.point(leading, data.iterations()[i], Double.isNaN(epoch) ? null : epoch, data.values()[i],
                        data.timestamps()[i], smoothed[i]);
            }
        }
        csv.flush();
    }

    String toText(Collection<ComparedRun> compared, String series, Smoothing smoothing) {
        StringWriter out = new StringWriter();
        try {
            write(out, compared, series, smoothing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
