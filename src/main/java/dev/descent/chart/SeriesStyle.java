package dev.descent.chart;

/**
 * How one line looks.
 *
 * @param color    any CSS colour, including Lumo custom properties such as {@code var(--lumo-primary-color)}
 * @param dashed   drawn dashed (a smoothed line) rather than solid
 * @param readout  not drawn at all, only shown in the cursor readout (e.g. the epoch of each step)
 * @param axis     which y-axis the line is measured on: the left one (loss) or the right one (e.g. the
 *                 learning rate, orders of magnitude smaller)
 */
public record SeriesStyle(String id, String label, String color, boolean dashed, boolean readout, YAxis axis) {

    public enum YAxis { LEFT, RIGHT }

    public static SeriesStyle line(String id, String label, String color) {
        return new SeriesStyle(id, label, color, false, false, YAxis.LEFT);
    }

    public static SeriesStyle dashed(String id, String label, String color) {
        return new SeriesStyle(id, label, color, true, false, YAxis.LEFT);
    }

    public static SeriesStyle readout(String id, String label) {
        return new SeriesStyle(id, label, "transparent", false, true, YAxis.LEFT);
    }

    public SeriesStyle onRightAxis() {
        return new SeriesStyle(id, label, color, dashed, readout, YAxis.RIGHT);
    }
}
