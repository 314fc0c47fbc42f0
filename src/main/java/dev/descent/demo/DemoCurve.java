package dev.descent.demo;

import dev.descent.run.NewPoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plausible training curve: noisy exponential decay toward a floor, with optional spike and plateau,
 * a validation loss every 10th step and a warm-up-then-cosine learning rate.
 */
record DemoCurve(double start, double floor, double decaySteps, double noise, int stepsPerEpoch,
                 int totalSteps, long spikeAt, long plateauFrom, double peakLr, long seed) {

    static final int VALIDATION_EVERY = 10;

    /** Points of one step; deterministic for a given seed and step, so a resumed run continues smoothly. */
    List<NewPoint> pointsAt(long step, long timestamp) {
        Random random = new Random(seed * 1_000_003L + step);
        double progress = plateauFrom >= 0 ? Math.min(step, plateauFrom) : step;
        double clean = floor + (start - floor) * Math.exp(-progress / decaySteps);
        double loss = Math.max(1e-6, clean * (1 + noise * random.nextGaussian()));
        if (step == spikeAt) {
            loss *= 6;
        }
        double epoch = (double) step / stepsPerEpoch;
        List<NewPoint> points = new ArrayList<>(3);
        points.add(new NewPoint("loss", step, epoch, loss, timestamp));
        points.add(new NewPoint("lr", step, epoch, learningRate(step), timestamp));
        if (step % VALIDATION_EVERY == 0) {
            double validation = clean * 1.08 + 0.02 + clean * noise * 0.3 * random.nextGaussian();
            points.add(new NewPoint("val_loss", step, epoch, Math.max(1e-6, validation), timestamp));
        }
        return points;
    }

    double learningRate(long step) {
        long warmup = Math.max(1, totalSteps / 20);
        if (step < warmup) {
            return peakLr * (step + 1) / warmup;
        }
        double t = (double) (step - warmup) / Math.max(1, totalSteps - warmup);
        return peakLr * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, t)));
    }
}
