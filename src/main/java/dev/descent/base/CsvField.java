package dev.descent.base;

/**
 * A text value as one CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
 * <p>
 * A text starting with {@code = + - @}, a tab or a carriage return is prefixed with {@code '}: spreadsheets
 * run such a cell as a formula, so a run named {@code =HYPERLINK(…)} would otherwise become a live link or
 * worse in whoever opens the export (OWASP, "CSV Injection"). Numbers are written by the exporters themselves
 * and never pass through here.
 */
public final class CsvField {

    private CsvField() {
    }

    public static String of(String text) {
        String safe = startsLikeAFormula(text) ? "'" + text : text;
        boolean needsQuotes = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0
                || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return needsQuotes ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static boolean startsLikeAFormula(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
