#!/usr/bin/python3
"""Saves the models the profiling benchmark times (random weights, fixed seed; nothing is
downloaded): torchvision's resnet18 and resnet50, and a BERT-base-sized transformer encoder.

    /usr/bin/python3 bench/make-bench-models.py [--out /tmp/ptscope-bench-models]
"""

import argparse
import os
from pathlib import Path

import torch
import torch.nn as nn
import torchvision


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model=768, nhead=12, dim_feedforward=3072, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=6, enable_nested_tensor=False)

    def forward(self, x):
        return self.encoder(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="/tmp/ptscope-bench-models")
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    models = {
        "resnet18": torchvision.models.resnet18,
        "resnet50": torchvision.models.resnet50,
        "transformer_encoder": Encoder,
    }
    for name, make in models.items():
        torch.manual_seed(0)
        model = make().eval()
        path = out / f"{name}.pt"
        torch.jit.save(torch.jit.script(model), str(path))
        print(path)


if __name__ == "__main__":
    main()
