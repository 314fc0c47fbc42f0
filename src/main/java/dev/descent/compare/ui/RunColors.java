package dev.descent.compare.ui;

import dev.descent.plot.Palette;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One colour per run that never changes while the run stays selected: a new run takes the first palette
 * colour no selected run uses; past the palette, a run gets a variation of a palette colour chosen by hashing
 * its id ({@link Palette#hashed}).
 */
final class RunColors {

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
        for (String color : Palette.COLORS) {
            if (!used.contains(color)) {
                return color;
            }
        }
        return Palette.hashed(runId);
    }
}
