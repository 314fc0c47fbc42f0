package dev.descent.monitor.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.descent.base.ui.Formats;
import dev.descent.metrics.LossMetrics;

import java.util.Locale;

/** The metric cards: current, min (with iteration), improvement, convergence rate, estimated convergence. */
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
        current.set(Formats.loss(m.currentLoss()), m.pointCount() == 0 ? "no points yet" : null);
        min.set(Formats.loss(m.minLoss()), m.minLossIteration() == null ? null : "at iteration " + m.minLossIteration());
        improvement.set(m.lossImprovement() == null ? "—"
                : String.format(Locale.ROOT, "%.2f %%", m.lossImprovement()), "from the worst loss seen");
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
        Double estimate = m.estimatedConvergenceEpoch();
        if (m.currentLoss() == null) {
            convergence.set("—", "no finite loss yet");
        } else if (m.currentLoss() <= targetLoss) {
            convergence.set("reached", target + " reached" + (estimate == null ? "" : " at epoch " + epoch(estimate)));
        } else if (estimate != null) {
            convergence.set("epoch " + epoch(estimate), target);
        } else if (m.convergenceRate() >= 0) {
            convergence.set("not converging", "the loss is not falling over the last window; " + target);
        } else {
            convergence.set("—", m.convergenceRateUnit().equals(LossMetrics.PER_ITERATION)
                    ? "the run logs no epochs, so no epoch can be estimated"
                    : "the estimator does not apply to this data (log-linear needs losses > 0)");
        }
    }

    private static String epoch(double e) {
        return e == Math.rint(e) ? Long.toString((long) e) : String.format(Locale.ROOT, "%.1f", e);
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
