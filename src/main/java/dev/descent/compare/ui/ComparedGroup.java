package dev.descent.compare.ui;

import dev.descent.plot.BandKind;
import dev.descent.plot.GroupBand;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * A group of compared runs drawn as one colour: its mean line and band (three lines of the chart), and the latest
 * point of its band for the table.
 */
final class ComparedGroup {

    final String key;
    final String color;
    final List<Long> members;
    private final String id;
    GroupBand.@Nullable Point last;

    ComparedGroup(int index, String key, String color, List<Long> members) {
        this.id = "group-" + index;
        this.key = key;
        this.color = color;
        this.members = List.copyOf(members);
    }

    String meanId() {
        return id;
    }

    String upperId() {
        return id + "-upper";
    }

    String lowerId() {
        return id + "-lower";
    }

    /** "0.001 (3 runs)": the legend's entry. */
    String label() {
        return key + " (" + members.size() + (members.size() == 1 ? " run)" : " runs)");
    }

    /** The band's latest iteration, e.g. "0.4210 ± 0.0123 (n = 3) at 5000", or "0.4210 … 0.4400" for min–max. */
    String lastText(BandKind band) {
        GroupBand.Point p = last;
        if (p == null) {
            return "—";
        }
        String spread = band == BandKind.MINMAX
                ? String.format(java.util.Locale.ROOT, " (%.4g … %.4g)", p.min(), p.max())
                : Double.isNaN(p.std()) ? "" : String.format(java.util.Locale.ROOT, " ± %.4g", p.std());
        return String.format(java.util.Locale.ROOT, "%.4g", p.mean()) + spread + " (n = " + p.n() + ") at " + p.iteration();
    }
}
