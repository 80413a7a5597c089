"""Turns train.py's checkpoints into the weights Umbra's worker loads.

    /usr/bin/python3 tools/train-default-model/export.py out/ models/portraits/

Writes, into the model folder:
- <snapshot>.f16: every tensor of the EMA generator, then its mean w, as little-endian
  float16, in the order model.json lists them;
- model.json: sizes, layers, tensor names, shapes and offsets, and the snapshots
  (the last checkpoint is "default"; earlier ones are named by how many thousand
  images the training had seen);
- parity-z.npy and parity.npy: 4 fixed latents and what PyTorch makes of them with
  the float16 weights of "default", before quantisation: the worker's forward pass
  must match them (apps/gan-worker's portraits tests).
"""

import hashlib
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from train import CHANNELS, W_DIM, Z_DIM, Generator  # noqa: E402

# What the default model's layer groups carry, read off its mixing sheet (docs/models.md).
STYLE_GROUPS = {"coarse": "skin tone", "middle": "backdrop and clothes, sometimes the hairstyle", "fine": "almost nothing"}


def tensors_of(checkpoint):
    state = checkpoint["generator"]
    names = [n for n in state.keys()]
    return [(n, state[n].float().numpy()) for n in names] + [("w_avg", checkpoint["w_avg"].float().numpy())]


def main():
    source, target = sys.argv[1], sys.argv[2]
    os.makedirs(target, exist_ok=True)
    names = sorted(f[:-3] for f in os.listdir(source) if f.endswith(".pt"))
    # "default" first (what a new chain uses), then the training checkpoints in order.
    names = ["default"] + sorted(n for n in names if n != "default")
    snapshots = []
    layout = None
    for name in names:
        checkpoint = torch.load(os.path.join(source, f"{name}.pt"))
        tensors = tensors_of(checkpoint)
        offsets, at = [], 0
        for tensor_name, array in tensors:
            offsets.append({"name": tensor_name, "shape": list(array.shape), "offset": at})
            at += array.size
        if layout is None:
            layout = offsets
        elif layout != offsets:
            raise SystemExit(f"{name} has another layout than the first checkpoint")
        data = np.concatenate([a.reshape(-1) for _, a in tensors]).astype("<f2").tobytes()
        with open(os.path.join(target, f"{name}.f16"), "wb") as f:
            f.write(data)
        snapshots.append({
            "name": name,
            "file": f"{name}.f16",
            "kimg": round(float(checkpoint["kimg"]), 1),
            "trainingMinutes": round(float(checkpoint["seconds"]) / 60, 1),
            "sha256": hashlib.sha256(data).hexdigest(),
        })
        print(f"{name}: {len(data)} bytes, {checkpoint['kimg']:.0f} kimg")

    generator = Generator()
    manifest = {
        "format": "umbra-portraits",
        "version": 1,
        "zSize": Z_DIM,
        "wSize": W_DIM,
        "resolution": 64,
        "channels": {str(k): v for k, v in CHANNELS.items()},
        "numWs": generator.num_ws,
        # What each layer group carries on this model, as its mixing sheet shows (the studio's Style tab says it).
        "styleGroups": STYLE_GROUPS,
        "tensors": layout,
        "snapshots": snapshots,
    }
    with open(os.path.join(target, "model.json"), "w") as f:
        json.dump(manifest, f, indent=1)

    # Parity: the float16 weights, read back as the worker reads them.
    checkpoint = torch.load(os.path.join(source, "default.pt"))
    state = {n: torch.from_numpy(a.astype(np.float16).astype(np.float32)) for n, a in tensors_of(checkpoint) if n != "w_avg"}
    generator.load_state_dict(state)
    z = torch.from_numpy(np.random.default_rng(7).standard_normal((4, Z_DIM)).astype(np.float32))
    with torch.no_grad():
        out = generator(z).permute(0, 2, 3, 1).contiguous().numpy()
    np.save(os.path.join(target, "parity-z.npy"), z.numpy())
    np.save(os.path.join(target, "parity.npy"), out.astype(np.float32))
    print(f"wrote {target}/model.json and the parity fixture")


if __name__ == "__main__":
    main()
