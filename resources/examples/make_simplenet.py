#!/usr/bin/python3
"""Writes ptscope's bundled example: the two-layer SimpleNet of the TorchScript tutorials, scripted
and traced, with an input and the outputs the Python model gave for it, so that

    ptscope-cli diff simplenet.pt simplenet_traced.pt --inputs @simplenet_input.pt
    ptscope-cli diff simplenet.pt --reference simplenet_outputs.pt --inputs @simplenet_input.pt

both say `match`. Usage: make_simplenet.py OUT/simplenet.pt (the other files go beside it)."""
import os
import sys

import torch
from torch import nn


class SimpleNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear1 = nn.Linear(10, 5)
        self.linear2 = nn.Linear(5, 2)

    def forward(self, x):
        return self.linear2(torch.relu(self.linear1(x)))


def main():
    out = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "simplenet.pt")
    folder = os.path.dirname(out)
    # CMake's Makefile generator does not make an output's folder for a custom command.
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(0)
    model = SimpleNet().eval()
    example = torch.randn(4, 10)
    torch.jit.save(torch.jit.script(model), out)
    torch.jit.save(torch.jit.trace(model, example), os.path.join(folder, "simplenet_traced.pt"))
    with torch.no_grad():
        outputs = model(example)
    torch.save(example, os.path.join(folder, "simplenet_input.pt"))
    torch.save(outputs, os.path.join(folder, "simplenet_outputs.pt"))


if __name__ == "__main__":
    main()
