package dev.descent.chart;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import org.jspecify.annotations.Nullable;

/** A click on the plot that was not the end of a drag (a zoom), with the x under the cursor when known. */
@DomEvent("loss-chart-click")
public class ChartClickEvent extends ComponentEvent<LossChart> {

    private final @Nullable Double x;

    public ChartClickEvent(LossChart source, boolean fromClient, @EventData("event.detail.x") @Nullable Double x) {
        super(source, fromClient);
        this.x = x;
    }

    public @Nullable Double x() {
        return x;
    }
}
