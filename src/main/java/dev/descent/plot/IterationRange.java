package dev.descent.plot;

/** The iterations a zoomed chart shows, both inclusive; in a view's URL as {@code from} and {@code to}. */
public record IterationRange(long from, long to) {

    public IterationRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("an iteration range needs 0 <= from <= to, was " + from + ".." + to);
        }
    }
}
