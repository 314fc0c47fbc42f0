"""Used by the Java PythonClientIT: sends a known series through the real client to a real server."""

import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from descent import Run  # noqa: E402

name, steps = sys.argv[1], int(sys.argv[2])
run = Run(name, project="python-client", params={"lr": 0.001}, tags=["it"], flush_interval=0.2)
for step in range(steps):
    loss = float("nan") if step == steps - 1 else 2.0 * math.exp(-step / 500.0)
    run.log(iteration=step, epoch=step / 100.0, loss=loss, val_loss=(2.5 if step % 10 == 0 else None))
sys.exit(0 if run.finish(timeout=60) else 1)
