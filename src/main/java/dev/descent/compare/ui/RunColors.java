package dev.descent.compare.ui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One colour per run that never changes while the run stays selected: a new run takes the first palette
 * colour no selected run uses; past the 20 palette colours, a run gets a variation (lighter or darker)
 * of a palette colour chosen by hashing its id.
 */
final class RunColors {

    /** 20 colours chosen to stay distinguishable from each other on light and dark backgrounds. */
    static final List<String> PALETTE = List.of(
            "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
            "#bcbd22", "#17becf", "#393b79", "#e6550d", "#31a354", "#ad494a", "#6b6ecf", "#e7969c",
            "#3182bd", "#fd8d3c", "#74c476", "#a55194");

    private final Map<Long, String> assigned = new HashMap<>();

    /** Keeps the colours of runs still selected, frees the others, and colours the newcomers. */
    void retain(List<Long> selected) {
        assigned.keySet().retainAll(new HashSet<>(selected));
        for (long runId : selected) {
            colorOf(runId);
        }
    }

    String colorOf(long runId) {
        return assigned.computeIfAbsent(runId, this::pick);
    }

    private String pick(long runId) {
        Set<String> used = new HashSet<>(assigned.values());
        for (String color : PALETTE) {
            if (!used.contains(color)) {
                return color;
            }
        }
        int hash = Long.hashCode(runId * 0x9E3779B97F4A7C15L);
        String base = PALETTE.get(Math.floorMod(hash, PALETTE.size()));
        double factor = 0.55 + 0.1 * Math.floorMod(hash >>> 8, 10);
        return shade(base, factor == 1.0 ? 1.35 : factor);
    }

    static String shade(String hex, double factor) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int r = channel(rgb >> 16, factor);
        int g = channel(rgb >> 8, factor);
        int b = channel(rgb, factor);
        return String.format("#%02x%02x%02x", r, g, b);
    }

    private static int channel(int value, double factor) {
        int c = value & 0xff;
        return (int) Math.round(factor <= 1 ? c * factor : c + (255 - c) * (factor - 1));
    }
}
