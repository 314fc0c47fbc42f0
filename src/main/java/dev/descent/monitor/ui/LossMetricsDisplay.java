package dev.descent.monitor.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.descent.base.ui.Formats;
import dev.descent.metrics.LossMetrics;

import java.util.Locale;

/**
 * The metric cards: current (or "NaN since iteration N" with the last finite value), min (with iteration), signed
 * improvement from the first loss, convergence rate, and the estimate with its interval or where the target was
 * reached.
 */
class LossMetricsDisplay extends Div {

    final Card current = new Card("Current Loss");
    final Card min = new Card("Min Loss");
    final Card improvement = new Card("Improvement");
    final Card rate = new Card("Convergence rate");
    final Card convergence = new Card("Est. Convergence");
    final Span divergence = new Span();

    LossMetricsDisplay() {
        addClassName("metric-cards");
        divergence.addClassName("divergence-note");
        divergence.setVisible(false);
        add(current, min, improvement, rate, convergence, divergence);
    }

    void show(LossMetrics m, double targetLoss) {
        current.set(Formats.current(m.currentLoss(), m.nonFiniteSince()), m.pointCount() == 0 ? "no points yet"
                : Formats.currentDetail(m.currentLoss(), m.currentIteration(), m.nonFiniteSince()));
        min.set(Formats.loss(m.minLoss()), m.minLossIteration() == null ? null : "at iteration " + m.minLossIteration());
        improvement.set(Formats.percent(m.improvementFromFirst()), m.lossImprovement() == null ? "from the first loss"
                : "from the first loss; " + Formats.percent(m.lossImprovement()) + " from the worst");
        rate.set(Formats.loss(m.convergenceRate()), m.convergenceRateUnit().equals(LossMetrics.PER_EPOCH)
                ? "loss per epoch" : "loss per iteration");
        showConvergence(m, targetLoss);
        if (m.firstNonFiniteIteration() != null) {
            divergence.setText("Diverged at iteration " + m.firstNonFiniteIteration() + " ("
                    + Formats.count(m.nonFiniteCount()) + " NaN/∞ values)");
            divergence.setVisible(true);
        } else {
            divergence.setVisible(false);
        }
    }

    private void showConvergence(LossMetrics m, double targetLoss) {
        String target = "target loss " + Formats.loss(targetLoss);
        var reached = m.targetReachedAt();
        var interval = m.estimatedConvergenceInterval();
        if (reached != null) {
            convergence.set("reached", target + " reached at "
                    + (reached.epoch() == null ? "" : "epoch " + epoch(reached.epoch()) + " (")
                    + "iteration " + reached.iteration() + (reached.epoch() == null ? "" : ")"));
            return;
        }
        Double low = interval == null ? null : interval.low();
        Double high = interval == null ? null : interval.high();
        switch (m.convergenceStatus()) {
            case LossMetrics.CONVERGING -> convergence.set("epoch " + epoch(m.estimatedConvergenceEpoch()),
                    target + "; fits of the recent quarter to three quarters of the run give epoch " + epoch(low)
                            + (high == null ? " or later, without a bound" : " to " + epoch(high)));
            case LossMetrics.UNCERTAIN -> convergence.set("not before epoch " + epoch(low),
                    target + "; the loss may still fall or not: too noisy to say when");
            case LossMetrics.NOT_CONVERGING -> convergence.set("not converging",
                    "the fit says with confidence that the loss is not falling toward the " + target);
            default -> convergence.set("—", m.currentLoss() == null ? "no finite loss yet"
                    : m.convergenceRateUnit().equals(LossMetrics.PER_ITERATION)
                    ? "the run logs no epochs, so no epoch can be estimated"
                    : "too few points yet, or the model needs losses > 0");
        }
    }

    private static String epoch(@org.jspecify.annotations.Nullable Double e) {
        if (e == null) {
            return "—";
        }
        return e == Math.rint(e) && Math.abs(e) < 1e9 ? Long.toString((long) (double) e)
                : String.format(Locale.ROOT, Math.abs(e) < 10 ? "%.2f" : "%.1f", e);
    }

    /** One card: a label, a big value and a small explanation (also its tooltip). */
    static final class Card extends Div {
        final Span value = new Span("—");
        final Span detail = new Span();

        Card(String label) {
            addClassName("metric-card");
            Span title = new Span(label);
            title.addClassName("metric-label");
            value.addClassName("metric-value");
            detail.addClassName("metric-detail");
            add(title, value, detail);
        }

        void set(String text, @org.jspecify.annotations.Nullable String explanation) {
            value.setText(text);
            detail.setText(explanation == null ? "" : explanation);
            if (explanation == null) {
                getElement().removeAttribute("title");
            } else {
                getElement().setAttribute("title", explanation);
            }
        }

        String value() {
            return value.getText();
        }
    }
}
