"""A tiny real PyTorch training loop on synthetic data that streams its curves to Descent.

    sudo apt-get install python3-torch      # Debian's PyTorch; no downloads
    export DESCENT_URL=http://localhost:8080 DESCENT_TOKEN=$(cat data/ingest-token)
    PYTHONPATH=clients/python /usr/bin/python3 clients/python/examples/pytorch_train.py
"""

import math

import torch
from torch import nn

from descent import Run

torch.manual_seed(0)
features, samples = 20, 4096
true_weights = torch.randn(features, 1)
x = torch.randn(samples, features)
y = torch.tanh(x @ true_weights) + 0.05 * torch.randn(samples, 1)
x_train, y_train, x_val, y_val = x[:3584], y[:3584], x[3584:], y[3584:]

model = nn.Sequential(nn.Linear(features, 64), nn.ReLU(), nn.Linear(64, 1))
epochs, batch = 20, 64
steps_per_epoch = math.ceil(len(x_train) / batch)
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs * steps_per_epoch)
loss_fn = nn.MSELoss()

with Run("mlp-tanh-adamw", project="examples", params={"lr": 3e-3, "batch": batch, "hidden": 64},
         tags=["example", "pytorch"]) as run:
    step = 0
    for epoch in range(epochs):
        permutation = torch.randperm(len(x_train))
        for start in range(0, len(x_train), batch):
            index = permutation[start:start + batch]
            model.train()
            optimizer.zero_grad()
            loss = loss_fn(model(x_train[index]), y_train[index])
            loss.backward()
            optimizer.step()
            schedule.step()
            model.eval()
            with torch.no_grad():
                val_loss = loss_fn(model(x_val), y_val).item()
            run.log(iteration=step, epoch=epoch + start / len(x_train), loss=loss.item(),
                    val_loss=val_loss, lr=schedule.get_last_lr()[0])
            step += 1
    print(f"trained {step} steps; final val_loss {val_loss:.4f}")
