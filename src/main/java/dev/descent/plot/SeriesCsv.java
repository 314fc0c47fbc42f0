package dev.descent.plot;

import dev.descent.base.CsvField;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The one CSV writer for points, used by the points API and the comparison's export: columns
 * {@code iteration,epoch,value,timestamp,smoothed} after any leading columns (series, run). A missing epoch or
 * smoothed value is an empty field; NaN and infinities are written as Java writes them, since they are data.
 * Every text field goes through {@link CsvField}, so a name cannot become a spreadsheet formula.
 */
public final class SeriesCsv {

    public static final List<String> POINT_COLUMNS = List.of("iteration", "epoch", "value", "timestamp", "smoothed");

    private final Writer out;
    private final StringBuilder row = new StringBuilder(96);

    public SeriesCsv(Writer out, List<String> leadingColumns) throws IOException {
        this.out = out;
        for (String column : leadingColumns) {
            out.write(column);
            out.write(',');
        }
        out.write(String.join(",", POINT_COLUMNS));
        out.write('\n');
    }

    /**
     * @param leading the leading fields, already written as CSV (see {@link #text}), each followed by a comma
     */
    public void point(String leading, long iteration, @Nullable Double epoch, double value, long timestamp,
                      @Nullable Double smoothed) throws IOException {
        row.setLength(0);
        row.append(leading).append(iteration).append(',');
        if (epoch != null) {
            row.append(epoch.doubleValue());
        }
        row.append(',').append(value).append(',').append(timestamp).append(',');
        if (smoothed != null) {
            row.append(smoothed.doubleValue());
        }
        row.append('\n');
        out.append(row);
    }

    /** A text field, quoted and neutralised as needed, followed by a comma: a leading column. */
    public static String text(String value) {
        return CsvField.of(value) + ",";
    }

    public void flush() throws IOException {
        out.flush();
    }
}
