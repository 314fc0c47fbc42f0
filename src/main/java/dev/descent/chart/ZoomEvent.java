package dev.descent.chart;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import org.jspecify.annotations.Nullable;

/** The user selected an x range (drag) or reset the zoom (double-click: both bounds null). */
@DomEvent("loss-chart-zoom")
public class ZoomEvent extends ComponentEvent<LossChart> {

    private final @Nullable Double fromX;
    private final @Nullable Double toX;

    public ZoomEvent(LossChart source, boolean fromClient,
                     @EventData("event.detail.from") @Nullable Double fromX,
                     @EventData("event.detail.to") @Nullable Double toX) {
        super(source, fromClient);
        this.fromX = fromX;
        this.toX = toX;
    }

    public @Nullable Double fromX() {
        return fromX;
    }

    public @Nullable Double toX() {
        return toX;
    }

    public boolean isReset() {
        return fromX == null || toX == null;
    }
}
