#!/usr/bin/python3
"""Traces the tiny TorchScript depth model the mesh-core tests load through DJL.

It honours the depth-model contract in docs/model-contract.md: float32 [1, 3, H, W] RGB normalised with the ImageNet
mean/std in, float32 [1, 1, H, W] relative depth out (larger = nearer). The "depth" is a fixed function a test can
predict: un-normalised luminance, smoothed by a 3x3 box filter. Weights are set by hand, so the file is the same on
every run. Needs Debian's python3-torch:  /usr/bin/python3 make_tiny_depth_model.py OUT.pt
"""
import sys

import torch


class TinyDepth(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))
        self.luma = torch.nn.Conv2d(3, 1, kernel_size=1, bias=False)
        self.smooth = torch.nn.Conv2d(1, 1, kernel_size=3, padding=1, bias=False, padding_mode="replicate")
        with torch.no_grad():
            self.luma.weight.copy_(torch.tensor([0.2126, 0.7152, 0.0722]).view(1, 3, 1, 1))
            self.smooth.weight.fill_(1.0 / 9.0)

    def forward(self, x):
        rgb = x * self.std + self.mean
        return self.smooth(self.luma(rgb))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tiny-depth.pt"
    model = TinyDepth().eval()
    example = torch.rand(1, 3, 24, 32)
    traced = torch.jit.trace(model, example)
    check = torch.rand(1, 3, 40, 17)
    assert torch.allclose(traced(check), model(check)), "traced model must accept any spatial size"
    traced.save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
