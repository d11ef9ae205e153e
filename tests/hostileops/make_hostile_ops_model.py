#!/usr/bin/python3
"""Script a model that calls the hostile operator library's ops, chosen by a string argument.

    /usr/bin/python3 make_hostile_ops_model.py LIBRARY.so OUT.pt
"""

import sys

import torch
from torch import Tensor

torch.ops.load_library(sys.argv[1])


class HostileOps(torch.nn.Module):
    def forward(self, x: Tensor, mode: str) -> Tensor:
        if mode == "segfault":
            return torch.ops.hostile.segfault(x)
        if mode == "abort":
            return torch.ops.hostile.abort(x)
        if mode == "exit":
            return torch.ops.hostile.exit(x)
        if mode == "print":
            return torch.ops.hostile.print(x)
        if mode == "sleep":
            return torch.ops.hostile.sleep(x)
        return x * 2


torch.jit.save(torch.jit.script(HostileOps()), sys.argv[2])
