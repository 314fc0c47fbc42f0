package dev.descent.plot;

import java.util.List;
import java.util.Locale;

/**
 * The colours of lines, for every chart: the browser draws what it is sent and picks none itself. Twenty
 * colours that stay distinguishable from each other on light and dark backgrounds (Tableau 10 and its
 * companions), then lighter and darker variations of them.
 */
public final class Palette {

    public static final List<String> COLORS = List.of(
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf", "#393b79", "#e6550d", "#31a354", "#ad494a", "#6b6ecf", "#e7969c",
            "#3182bd", "#fd8d3c", "#74c476", "#a55194");

    private Palette() {
    }

    /** The n-th colour: the palette in order, then variations of it. */
    public static String color(int n) {
        int index = Math.floorMod(n, COLORS.size());
        int round = Math.floorMod(n, Integer.MAX_VALUE) / COLORS.size();
        return round == 0 ? COLORS.get(index) : variation(COLORS.get(index), round);
    }

    /** A colour for a key when the palette is used up: a variation chosen by hashing, stable for the key. */
    public static String hashed(long key) {
        int hash = Long.hashCode(key * 0x9E3779B97F4A7C15L);
        String base = COLORS.get(Math.floorMod(hash, COLORS.size()));
        double factor = 0.55 + 0.1 * Math.floorMod(hash >>> 8, 10);
        return shade(base, factor == 1.0 ? 1.35 : factor);
    }

    private static String variation(String base, int round) {
        return shade(base, round % 2 == 1 ? 0.65 : 1.35);
    }

    /** Darker ({@code factor < 1}) or lighter ({@code factor > 1}) than {@code hex}. */
    public static String shade(String hex, double factor) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return String.format(Locale.ROOT, "#%02x%02x%02x",
                channel(rgb >> 16, factor), channel(rgb >> 8, factor), channel(rgb, factor));
    }

    private static int channel(int value, double factor) {
        int c = value & 0xff;
        return (int) Math.round(factor <= 1 ? c * factor : c + (255 - c) * (factor - 1));
    }
}
