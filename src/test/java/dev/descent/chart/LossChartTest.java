package dev.descent.chart;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the chart sends to the browser: the configuration once, then only new points. */
@com.vaadin.browserless.ViewPackages(packages = "dev.descent.chart")
class LossChartTest extends BrowserlessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<PendingJavaScriptInvocation> sent() {
        UI.getCurrent().getInternals().getStateTree().runExecutionsBeforeClientResponse();
        return UI.getCurrent().getInternals().dumpPendingJavaScriptInvocations();
    }

    private static String function(PendingJavaScriptInvocation invocation) {
        String expression = invocation.getInvocation().getExpression();
        for (String name : List.of("configure", "setPoints", "appendPoints", "clearPoints", "resetZoom")) {
            if (expression.contains("." + name + "(")) {
                return name;
            }
        }
        return expression;
    }

    private static String argument(PendingJavaScriptInvocation invocation) {
        List<Object> parameters = invocation.getInvocation().getParameters();
        return JSON.writeValueAsString(parameters.get(parameters.size() - 1));
    }

    @Test
    void configuration_is_sent_once_on_attach_with_the_points_already_set() {
        LossChart chart = new LossChart();
        chart.addSeries(SeriesStyle.line("loss", "loss", "#1676f3"));
        chart.addSeries(SeriesStyle.dashed("loss (EMA)", "loss EMA", "#16a34a"));
        chart.setPoints(SeriesPoints.of("loss", new double[]{0, 1}, new double[]{2.5, Double.NaN}));

        UI.getCurrent().add(chart);
        List<PendingJavaScriptInvocation> calls = sent();

        assertThat(calls).extracting(LossChartTest::function).containsExactly("configure", "appendPoints");
        assertThat(argument(calls.get(0))).isEqualTo("""
                {"xLabel":"iteration","yLabel":"loss","xAxis":"NUMBER","yScale":"LINEAR","series":[\
                {"id":"loss","label":"loss","color":"#1676f3","dashed":false,"readout":false,"axis":"LEFT"},\
                {"id":"loss (EMA)","label":"loss EMA","color":"#16a34a","dashed":true,"readout":false,"axis":"LEFT"}],"robustRange":false,"bands":[],"syncKey":null}""");
        assertThat(argument(calls.get(1)))
                .isEqualTo("{\"seriesId\":\"loss\",\"x\":[0.0,1.0],\"y\":[2.5,null],\"nonFiniteX\":[1.0]}");
    }

    @Test
    void appending_sends_only_the_new_points() {
        LossChart chart = new LossChart();
        chart.addSeries(SeriesStyle.line("loss", "loss", "#1676f3"));
        UI.getCurrent().add(chart);
        chart.setPoints(SeriesPoints.of("loss", new double[]{0, 1, 2}, new double[]{3, 2, 1}));
        sent();

        chart.appendPoints(SeriesPoints.of("loss", new double[]{3}, new double[]{0.5}));
        List<PendingJavaScriptInvocation> calls = sent();

        assertThat(calls).extracting(LossChartTest::function).containsExactly("appendPoints");
        assertThat(argument(calls.getFirst()))
                .isEqualTo("{\"seriesId\":\"loss\",\"x\":[3.0],\"y\":[0.5],\"nonFiniteX\":[]}");
        assertThat(chart.pointCount("loss")).isEqualTo(4);
    }

    @Test
    void changing_the_scale_resends_the_configuration_but_no_points() {
        LossChart chart = new LossChart();
        chart.addSeries(SeriesStyle.line("loss", "loss", "#1676f3"));
        chart.setPoints(SeriesPoints.of("loss", new double[]{0, 1}, new double[]{1, 0.5}));
        UI.getCurrent().add(chart);
        sent();

        chart.setYScale(YScale.LOG);
        chart.setYScale(YScale.LOG);
        List<PendingJavaScriptInvocation> calls = sent();

        assertThat(calls).extracting(LossChartTest::function).containsExactly("configure");
        assertThat(argument(calls.getFirst())).contains("\"yScale\":\"LOG\"");
    }

    @Test
    void replacing_the_whole_configuration_is_one_message_then_the_new_points() {
        LossChart chart = new LossChart();
        chart.addSeries(SeriesStyle.line("loss", "loss", "#1676f3"));
        UI.getCurrent().add(chart);
        sent();

        chart.setConfig(new ChartConfig("epoch", "val_loss", XAxis.NUMBER, YScale.LOG,
                List.of(SeriesStyle.line("val_loss", "val_loss", "#ea580c"))));
        chart.setPoints(SeriesPoints.of("val_loss", new double[]{0.5}, new double[]{0.9}));
        List<PendingJavaScriptInvocation> calls = sent();

        assertThat(calls).extracting(LossChartTest::function).containsExactly("configure", "clearPoints", "setPoints");
        assertThat(argument(calls.getFirst())).contains("\"xLabel\":\"epoch\"", "\"yScale\":\"LOG\"", "\"id\":\"val_loss\"")
                .doesNotContain("\"id\":\"loss\"");
        assertThat(chart.seriesIds()).containsExactly("val_loss");
    }
}
