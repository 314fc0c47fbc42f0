#!/usr/bin/env python3
"""Real training runs, small enough for the standard library, whose loss logs the convergence backtest replays.

Each run trains an actual model with minibatch gradient descent on a fixed synthetic dataset and logs what a
training script logs: the minibatch loss every `log_every` steps with the fractional epoch. Seeds are fixed, so
the output is the same on every machine. Writes src/test/resources/curves/<name>.csv (iteration,epoch,loss).

    python3 scripts/training-curves.py
"""
import csv
import math
import os
import random

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "curves")


def spirals(n, rng):
    data = []
    for i in range(n):
        label = i % 2
        r = (i // 2) / (n / 2) * 5 + 0.3
        t = 0.9 * (i // 2) / (n / 2) * 2 * math.pi + label * math.pi
        data.append(((r * math.cos(t) + rng.gauss(0, 0.15)) / 5, (r * math.sin(t) + rng.gauss(0, 0.15)) / 5, label))
    rng.shuffle(data)
    return data


def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z > -60 else 0.0


def bce(p, y):
    p = min(max(p, 1e-12), 1 - 1e-12)
    return -(y * math.log(p) + (1 - y) * math.log(1 - p))


class Mlp:
    """2 → hidden (tanh) → 1 (sigmoid), trained with SGD + momentum."""

    def __init__(self, hidden, rng):
        self.w1 = [[rng.gauss(0, 1) for _ in range(2)] for _ in range(hidden)]
        self.b1 = [0.0] * hidden
        self.w2 = [rng.gauss(0, 1 / math.sqrt(hidden)) for _ in range(hidden)]
        self.b2 = 0.0
        self.v = None

    def step(self, batch, lr, momentum=0.9):
        h_n = len(self.b1)
        g_w1 = [[0.0, 0.0] for _ in range(h_n)]
        g_b1 = [0.0] * h_n
        g_w2 = [0.0] * h_n
        g_b2 = 0.0
        loss = 0.0
        for x0, x1, y in batch:
            h = [math.tanh(self.w1[j][0] * x0 + self.w1[j][1] * x1 + self.b1[j]) for j in range(h_n)]
            p = sigmoid(sum(self.w2[j] * h[j] for j in range(h_n)) + self.b2)
            loss += bce(p, y)
            d = p - y
            g_b2 += d
            for j in range(h_n):
                g_w2[j] += d * h[j]
                dh = d * self.w2[j] * (1 - h[j] * h[j])
                g_b1[j] += dh
                g_w1[j][0] += dh * x0
                g_w1[j][1] += dh * x1
        m = len(batch)
        grads = [g for row in g_w1 for g in row] + g_b1 + g_w2 + [g_b2]
        params = [w for row in self.w1 for w in row] + self.b1 + self.w2 + [self.b2]
        if self.v is None:
            self.v = [0.0] * len(params)
        for i in range(len(params)):
            self.v[i] = momentum * self.v[i] - lr * grads[i] / m
            params[i] += self.v[i]
        k = 0
        for j in range(h_n):
            self.w1[j][0], self.w1[j][1] = params[k], params[k + 1]
            k += 2
        self.b1 = params[k:k + h_n]
        k += h_n
        self.w2 = params[k:k + h_n]
        self.b2 = params[k + h_n]
        return loss / m


def linear_regression_adam(rng, steps, batch, dims=20, lr=0.01, noise=0.1):
    """Least squares with Adam on y = w·x + noise: an exponential-looking decay to the noise floor."""
    true_w = [rng.gauss(0, 1) for _ in range(dims)]
    data = []
    for _ in range(4000):
        x = [rng.gauss(0, 1) for _ in range(dims)]
        data.append((x, sum(a * b for a, b in zip(true_w, x)) + rng.gauss(0, noise)))
    w = [0.0] * dims
    m1 = [0.0] * dims
    m2 = [0.0] * dims
    per_epoch = len(data) // batch
    rows = []
    for step in range(1, steps + 1):
        sample = [data[rng.randrange(len(data))] for _ in range(batch)]
        grad = [0.0] * dims
        loss = 0.0
        for x, y in sample:
            err = sum(a * b for a, b in zip(w, x)) - y
            loss += err * err
            for i in range(dims):
                grad[i] += 2 * err * x[i] / batch
        for i in range(dims):
            m1[i] = 0.9 * m1[i] + 0.1 * grad[i]
            m2[i] = 0.999 * m2[i] + 0.001 * grad[i] * grad[i]
            w[i] -= lr * (m1[i] / (1 - 0.9 ** step)) / (math.sqrt(m2[i] / (1 - 0.999 ** step)) + 1e-8)
        rows.append((step, round(step / per_epoch, 4), loss / batch))
    return rows


def logistic_regression_sgd(rng, steps, batch, dims=10, lr=0.5):
    """Logistic regression on separable data: the loss keeps falling like a power of the step, as nets' do."""
    true_w = [rng.gauss(0, 1) for _ in range(dims)]
    data = []
    for _ in range(2000):
        x = [rng.gauss(0, 1) for _ in range(dims)]
        data.append((x, 1 if sum(a * b for a, b in zip(true_w, x)) > 0 else 0))
    w = [0.0] * dims
    per_epoch = len(data) // batch
    rows = []
    for step in range(1, steps + 1):
        sample = [data[rng.randrange(len(data))] for _ in range(batch)]
        grad = [0.0] * dims
        loss = 0.0
        for x, y in sample:
            p = sigmoid(sum(a * b for a, b in zip(w, x)))
            loss += bce(p, y)
            for i in range(dims):
                grad[i] += (p - y) * x[i] / batch
        for i in range(dims):
            w[i] -= lr * grad[i]
        rows.append((step, round(step / per_epoch, 4), loss / batch))
    return rows


def train_mlp(rng, steps, batch, hidden, lr_at, log_every=1):
    data = spirals(1000, rng)
    net = Mlp(hidden, rng)
    per_epoch = len(data) // batch
    rows = []
    for step in range(1, steps + 1):
        start = ((step - 1) % per_epoch) * batch
        loss = net.step(data[start:start + batch], lr_at(step))
        if step % log_every == 0:
            rows.append((step, round(step / per_epoch, 4), loss if math.isfinite(loss) else float("nan")))
    return rows


def write(name, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["iteration", "epoch", "loss"])
        for iteration, epoch, loss in rows:
            out.writerow([iteration, epoch, repr(float(loss))])


def main():
    write("mlp-spirals-sgd", train_mlp(random.Random(1), 4000, 16, 16, lambda s: 0.3))
    write("mlp-spirals-step-decay", train_mlp(random.Random(2), 4000, 16, 16,
                                              lambda s: 0.5 if s < 1500 else 0.15 if s < 3000 else 0.05))
    write("mlp-spirals-wide-slow", train_mlp(random.Random(3), 4000, 32, 24, lambda s: 0.1, log_every=5))
    write("linear-regression-adam", linear_regression_adam(random.Random(4), 3000, 32, lr=0.002))
    write("logistic-regression-sgd", logistic_regression_sgd(random.Random(5), 4000, 32))


if __name__ == "__main__":
    main()
