package dev.descent.chart;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import org.jspecify.annotations.Nullable;

/**
 * The user selected an x range by dragging, or reset the zoom by double-clicking (both bounds null).
 * {@code plotWidth} is the plot's width in CSS pixels: re-read the range downsampled to about that many
 * buckets to show every real point the screen can show.
 */
@DomEvent("loss-chart-zoom")
public class ZoomEvent extends ComponentEvent<LossChart> {

    private final @Nullable Double fromX;
    private final @Nullable Double toX;
    private final int plotWidth;

    public ZoomEvent(LossChart source, boolean fromClient,
                     @EventData("event.detail.from") @Nullable Double fromX,
                     @EventData("event.detail.to") @Nullable Double toX,
                     @EventData("event.detail.width") int plotWidth) {
        super(source, fromClient);
        this.fromX = fromX;
        this.toX = toX;
        this.plotWidth = plotWidth;
    }

    public @Nullable Double fromX() {
        return fromX;
    }

    public @Nullable Double toX() {
        return toX;
    }

    public int plotWidth() {
        return plotWidth;
    }

    public boolean isReset() {
        return fromX == null || toX == null;
    }
}
