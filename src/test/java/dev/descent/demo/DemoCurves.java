package dev.descent.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The demo runs' loss series, for tests outside this package (the convergence backtest). */
public final class DemoCurves {

    private DemoCurves() {
    }

    /** Name → {iterations, epochs, values} of the three finished demo runs' {@code loss}. */
    public static Map<String, double[][]> losses() {
        Map<String, double[][]> curves = new LinkedHashMap<>();
        curves.put("demo-baseline", loss(new DemoCurve(2.3, 0.18, 600, 0.06, 100, 3000, -1, -1, 1e-3, 1)));
        curves.put("demo-spike", loss(new DemoCurve(2.3, 0.09, 400, 0.08, 100, 3000, 1400, -1, 3e-3, 2)));
        curves.put("demo-plateau", loss(new DemoCurve(2.3, 0.35, 300, 0.04, 100, 3000, -1, 900, 1e-2, 3)));
        return curves;
    }

    private static double[][] loss(DemoCurve curve) {
        int n = curve.totalSteps();
        double[][] series = new double[3][n];
        for (int step = 0; step < n; step++) {
            var point = curve.pointsAt(step, 0).getFirst();
            series[0][step] = point.iteration();
            series[1][step] = point.epoch() == null ? Double.NaN : point.epoch();
            series[2][step] = point.value();
        }
        return series;
    }
}
