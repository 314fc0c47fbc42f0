package dev.descent.plot;

import java.util.Locale;
import java.util.Optional;

/** What a group's band spans around its mean line: ±1 sample standard deviation (the default) or min to max. */
public enum BandKind {
    STD("±1 std"), MINMAX("min–max");

    public final String label;

    BandKind(String label) {
        this.label = label;
    }

    /** As written in a URL: {@code std} or {@code minmax}. */
    public String param() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BandKind> parse(String text) {
        for (BandKind kind : values()) {
            if (kind.param().equalsIgnoreCase(text.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The band's lower edge at one point: mean − std (the mean itself where one member logged), or the min. */
    public double lower(GroupBand.Point p) {
        return this == MINMAX ? p.min() : Double.isNaN(p.std()) ? p.mean() : p.mean() - p.std();
    }

    public double upper(GroupBand.Point p) {
        return this == MINMAX ? p.max() : Double.isNaN(p.std()) ? p.mean() : p.mean() + p.std();
    }
}
