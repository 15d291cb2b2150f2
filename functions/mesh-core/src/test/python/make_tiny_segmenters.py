#!/usr/bin/env python3
"""Writes the tiny ONNX segmenters the fast unit tests use instead of the real IS-Net (docs/model-contract.md).

tiny-segmenter.onnx: input `input` float [1,3,64,64] -> output `output` float [1,1,64,64] =
sigmoid(40 * mean over channels): with the contract's (v - 128) / 256 normalisation, bright pixels are "salient"
and dark ones are not. It also has a second, unused output, like IS-Net's side outputs.
tiny-segmenter-misnamed.onnx: the same graph with tensors named `x` and `y` (must be refused at load).

Run with Debian's python3-onnx: python3 make_tiny_segmenters.py ../resources/models
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def graph(input_name, output_name):
    scale = numpy_helper.from_array(np.array([40.0], dtype=np.float32), "scale")
    nodes = [
        helper.make_node("ReduceMean", [input_name], ["mean"], axes=[1], keepdims=1),
        helper.make_node("Mul", ["mean", "scale"], ["scaled"]),
        helper.make_node("Sigmoid", ["scaled"], [output_name]),
        helper.make_node("Identity", ["mean"], ["side_output"]),
    ]
    g = helper.make_graph(
        nodes, "tiny-segmenter",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, [1, 3, 64, 64])],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [1, 1, 64, 64]),
         helper.make_tensor_value_info("side_output", TensorProto.FLOAT, [1, 1, 64, 64])],
        initializer=[scale])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="orfeas-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    onnx.save(graph("input", "output"), f"{out}/tiny-segmenter.onnx")
    onnx.save(graph("x", "y"), f"{out}/tiny-segmenter-misnamed.onnx")
