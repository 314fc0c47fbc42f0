package dev.descent.metrics;

/** Compensated summation (Neumaier's variant of Kahan's), so the mean of a million losses does not drift. */
final class NeumaierSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - t) + value;
        } else {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    void reset() {
        sum = 0;
        compensation = 0;
    }

    double value() {
        return sum + compensation;
    }
}
