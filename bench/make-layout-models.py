#!/usr/bin/python3
"""Saves the full-size models the layout benchmark draws (scripted, random weights, fixed seed;
nothing is downloaded): densenet121, vit_b_16, resnet50, fasterrcnn_mobilenet_v3_large_fpn and
lraspp_mobilenet_v3_large (on which one Graphviz call over the whole view crashed), plus a traced
vit_b_16, whose inlined graph has no module structure left to split it by.

    /usr/bin/python3 bench/make-layout-models.py [--out /tmp/ptscope-layout-models]
"""

import argparse
from pathlib import Path

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="/tmp/ptscope-layout-models")
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    m = torchvision.models
    scripted = {
        "densenet121": lambda: m.densenet121(),
        "vit_b_16": lambda: m.vit_b_16(),
        "resnet50": lambda: m.resnet50(),
        "fasterrcnn_mobilenet_v3_large_fpn": lambda: m.detection.fasterrcnn_mobilenet_v3_large_fpn(
            weights=None, weights_backbone=None),
        "lraspp_mobilenet_v3_large": lambda: m.segmentation.lraspp_mobilenet_v3_large(
            weights=None, weights_backbone=None),
    }
    for name, make in scripted.items():
        path = out / f"{name}.pt"
        if path.exists():
            continue
        torch.manual_seed(0)
        torch.jit.save(torch.jit.script(make().eval()), str(path))
        print(path)
    path = out / "vit_b_16_traced.pt"
    if not path.exists():
        torch.manual_seed(0)
        model = m.vit_b_16().eval()
        torch.jit.save(torch.jit.trace(model, torch.randn(1, 3, 224, 224), check_trace=False), str(path))
        print(path)


if __name__ == "__main__":
    main()
