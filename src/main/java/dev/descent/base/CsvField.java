package dev.descent.base;

/** A text value as one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
public final class CsvField {

    private CsvField() {
    }

    public static String of(String text) {
        boolean needsQuotes = text.indexOf(',') >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
