#!/usr/bin/python3
"""Writes ptscope's bundled example: the two-layer SimpleNet, scripted."""
import sys

import torch
from torch import nn


class SimpleNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 5)
        self.fc2 = nn.Linear(5, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "simplenet.pt"
    torch.manual_seed(0)
    model = SimpleNet().eval()
    torch.jit.save(torch.jit.script(model), out)


if __name__ == "__main__":
    main()
