package dev.descent.ingest;

import dev.descent.base.CsvField;

import java.util.List;

/** CSV export: {@code iteration,epoch,value,timestamp,smoothed}, with a leading series column for several. */
final class Csv {

    private Csv() {
    }

    static String of(List<ApiJson.Series> series, boolean single) {
        StringBuilder out = new StringBuilder(single ? "" : "series,").append("iteration,epoch,value,timestamp,smoothed\n");
        for (ApiJson.Series s : series) {
            for (ApiJson.Point p : s.points()) {
                if (!single) {
                    out.append(CsvField.of(s.series())).append(',');
                }
                out.append(p.iteration()).append(',')
                        .append(p.epoch() == null ? "" : p.epoch().toString()).append(',')
                        .append(p.value()).append(',')
                        .append(p.timestamp()).append(',')
                        .append(p.smoothed() == null ? "" : p.smoothed().toString()).append('\n');
            }
        }
        return out.toString();
    }
}
