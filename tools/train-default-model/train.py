"""Trains Umbra's default model: a small StyleGAN of cartoon portraits, on CPU.

A mapping network z -> w, and a generator from a learned constant 4x4 input whose
layers are modulated (and demodulated) by w, as StyleGAN2 does, so that style mixing
by layer range means something. Hinge loss, a spectral-norm discriminator,
DiffAugment, and an exponential moving average of the generator's weights, which is
what gets saved.

Run by hand, never by the tests (see README.md beside this file):
    /usr/bin/python3 tools/train-default-model/train.py portraits-64.npy out/ --minutes 95

Writes out/<snapshot>.pt checkpoints (the EMA generator, its mean w, kimg) at a few
points of the run; export.py turns them into the weights the worker loads.
"""

import argparse
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

Z_DIM = 128
W_DIM = 128
MAPPING_LAYERS = 4
# Channels at each resolution, narrowing where convolutions cost the most (32² and 64²):
# about 120 MFLOP a frame, which the worker's wasm forward pass renders at about 90 frames/s
# here. The first model (32, 32, 32, 16, 16; 64 MFLOP) was too narrow for eyes and mouths.
CHANNELS = {4: 64, 8: 64, 16: 32, 32: 32, 64: 16}


class ModulatedConv(nn.Module):
    """A conv whose input channels are scaled by a style from w, then (optionally)
    demodulated so each output channel has unit expected variance. Written as scale,
    plain conv, rescale: exactly StyleGAN2's weight demodulation, and batched."""

    def __init__(self, cin, cout, kernel, demodulate=True):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cout, cin, kernel, kernel) / math.sqrt(cin * kernel * kernel))
        self.affine = nn.Linear(W_DIM, cin)
        nn.init.zeros_(self.affine.weight)
        nn.init.ones_(self.affine.bias)
        with torch.no_grad():
            self.affine.weight.normal_(0, 1 / math.sqrt(W_DIM))
        self.bias = nn.Parameter(torch.zeros(cout))
        self.demodulate = demodulate
        self.padding = kernel // 2

    def forward(self, x, w):
        s = self.affine(w)
        x = x * s[:, :, None, None]
        x = F.conv2d(x, self.weight, padding=self.padding)
        if self.demodulate:
            d = torch.rsqrt((s * s) @ (self.weight * self.weight).sum(dim=(2, 3)).t() + 1e-8)
            x = x * d[:, :, None, None]
        return x + self.bias[None, :, None, None]


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        layers = [nn.Linear(Z_DIM, W_DIM)] + [nn.Linear(W_DIM, W_DIM) for _ in range(MAPPING_LAYERS - 1)]
        # He initialisation for leaky ReLU, so w keeps unit scale through the layers. With
        # PyTorch's default, w shrank to a few hundredths and every z gave the same face.
        for layer in layers:
            nn.init.kaiming_normal_(layer.weight, a=0.2, nonlinearity="leaky_relu")
            nn.init.zeros_(layer.bias)
        self.mapping = nn.ModuleList(layers)
        self.const = nn.Parameter(torch.randn(1, CHANNELS[4], 4, 4))
        convs = [ModulatedConv(CHANNELS[4], CHANNELS[4], 3)]
        for res in (8, 16, 32, 64):
            convs.append(ModulatedConv(CHANNELS[res // 2], CHANNELS[res], 3))
            convs.append(ModulatedConv(CHANNELS[res], CHANNELS[res], 3))
        self.convs = nn.ModuleList(convs)
        self.to_rgb = ModulatedConv(CHANNELS[64], 3, 1, demodulate=False)

    @property
    def num_ws(self):
        return len(self.convs) + 1

    def map(self, z):
        x = z * torch.rsqrt((z * z).mean(dim=1, keepdim=True) + 1e-8)
        for layer in self.mapping:
            x = F.leaky_relu(layer(x), 0.2)
        return x

    def synthesize(self, ws):
        """ws: (batch, num_ws, W_DIM), one w per modulated layer (style mixing picks them per layer)."""
        x = self.const.expand(ws.shape[0], -1, -1, -1)
        for i, conv in enumerate(self.convs):
            # Each new resolution starts by doubling: layers 1, 3, 5, 7.
            if i % 2 == 1:
                x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = F.leaky_relu(conv(x, ws[:, i]), 0.2)
        return torch.tanh(self.to_rgb(x, ws[:, -1]))

    def forward(self, z):
        w = self.map(z)
        return self.synthesize(w[:, None, :].expand(-1, self.num_ws, -1))


class MinibatchStd(nn.Module):
    """Appends how much the features vary across groups of 4 images as one more channel,
    so the discriminator can tell a batch of near-identical faces from real variety
    (StyleGAN's remedy for a generator that makes one face for every z)."""

    GROUP = 4

    def forward(self, x):
        b, c, h, w = x.shape
        group = min(self.GROUP, b)
        y = x.reshape(group, -1, c, h, w)
        y = torch.sqrt(y.var(dim=0, unbiased=False) + 1e-8).mean(dim=[1, 2, 3])
        return torch.cat([x, y.reshape(-1, 1, 1, 1).repeat(group, 1, h, w)], dim=1)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        sn = spectral_norm
        self.body = nn.Sequential(
            sn(nn.Conv2d(3, 16, 3, padding=1)), nn.LeakyReLU(0.2),
            sn(nn.Conv2d(16, 32, 4, 2, 1)), nn.LeakyReLU(0.2),  # 32
            sn(nn.Conv2d(32, 64, 4, 2, 1)), nn.LeakyReLU(0.2),  # 16
            sn(nn.Conv2d(64, 64, 4, 2, 1)), nn.LeakyReLU(0.2),  # 8
            sn(nn.Conv2d(64, 128, 4, 2, 1)), nn.LeakyReLU(0.2),  # 4
            MinibatchStd(),
        )
        self.head = sn(nn.Linear(129 * 16, 1))

    def forward(self, x):
        return self.head(self.body(x).flatten(1))


def diff_augment(x, policy):
    """DiffAugment (Zhao et al. 2020): differentiable augmentations applied alike to real
    and generated images so the discriminator cannot memorise. `policy` names them.
    Colour is off by default: the first model, trained with it, gave nearly every seed
    the same orange face; random brightness and saturation on both sides seem to keep the
    discriminator from holding the generator to the dataset's skin tones."""
    b = x.shape[0]
    if "color" in policy:
        x = x + (torch.rand(b, 1, 1, 1) - 0.5)
        mean = x.mean(dim=1, keepdim=True)
        x = (x - mean) * (torch.rand(b, 1, 1, 1) * 2) + mean
        mean = x.mean(dim=[1, 2, 3], keepdim=True)
        x = (x - mean) * (torch.rand(b, 1, 1, 1) + 0.5) + mean
    if "translation" in policy:
        # By up to 1/8 of the image, zero-padded.
        shift = x.shape[2] // 8
        tx, ty = torch.randint(-shift, shift + 1, (2,))
        x = torch.roll(F.pad(x, (shift, shift, shift, shift)), shifts=(int(ty), int(tx)), dims=(2, 3))[:, :, shift:-shift, shift:-shift]
    if "cutout" in policy:
        # A square of half the size, somewhere.
        size = x.shape[2] // 2
        cx, cy = torch.randint(0, x.shape[2] - size + 1, (2,))
        mask = torch.ones_like(x[:, :1])
        mask[:, :, int(cy):int(cy) + size, int(cx):int(cx) + size] = 0
        x = x * mask
    return x


def save(path, g_ema, w_avg, kimg, seconds):
    torch.save({"generator": g_ema.state_dict(), "w_avg": w_avg.clone(), "kimg": kimg, "seconds": seconds}, path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset", help="uint8 .npy of shape (n, 64, 64, 3) from make-dataset.mjs")
    parser.add_argument("out", help="folder for the checkpoints")
    parser.add_argument("--minutes", type=float, default=95)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="1 when anything else runs: 2 threads on a busy machine were 10x slower")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--augment", default="translation", help="DiffAugment policy: any of color, translation, cutout, comma-separated")
    # Fractions of the run at which a checkpoint is kept, besides the last ("default").
    parser.add_argument("--snapshots", default="0.05,0.2,0.5")
    args = parser.parse_args()

    if args.batch % MinibatchStd.GROUP:
        raise SystemExit(f"--batch must be a multiple of {MinibatchStd.GROUP} (the discriminator compares groups of that many)")
    policy = set(p for p in args.augment.split(",") if p)
    unknown = policy - {"color", "translation", "cutout"}
    if unknown:
        raise SystemExit(f"unknown augmentations: {', '.join(sorted(unknown))}")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    data = torch.from_numpy(np.load(args.dataset)).permute(0, 3, 1, 2).float().div(127.5).sub(1)
    print(f"dataset {tuple(data.shape)}, {args.threads} thread(s), {args.minutes} min", flush=True)

    g, d = Generator(), Discriminator()
    g_ema = Generator()
    g_ema.load_state_dict(g.state_dict())
    g_ema.requires_grad_(False)
    mapping_params = list(g.mapping.parameters())
    other_params = [p for n, p in g.named_parameters() if not n.startswith("mapping.")]
    # The mapping network learns at a tenth of the rate (StyleGAN uses a hundredth, with its equalised learning rate).
    opt_g = torch.optim.Adam([{"params": other_params}, {"params": mapping_params, "lr": 2e-5}], lr=2e-4, betas=(0.0, 0.99))
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.0, 0.99))
    w_avg = torch.zeros(W_DIM)
    print(f"generator: {sum(p.numel() for p in g.parameters())} parameters", flush=True)

    marks = sorted(float(f) for f in args.snapshots.split(",") if f)
    started = time.time()
    budget = args.minutes * 60
    step = 0
    while True:
        elapsed = time.time() - started
        if elapsed >= budget:
            break
        real = data[torch.randint(0, data.shape[0], (args.batch,))]
        # Discriminator: hinge loss on augmented real and generated images.
        z = torch.randn(args.batch, Z_DIM)
        with torch.no_grad():
            fake = g(z)
        loss_d = F.relu(1 - d(diff_augment(real, policy))).mean() + F.relu(1 + d(diff_augment(fake, policy))).mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # Generator.
        z = torch.randn(args.batch, Z_DIM)
        w = g.map(z)
        fake = g.synthesize(w[:, None, :].expand(-1, g.num_ws, -1))
        loss_g = -d(diff_augment(fake, policy)).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        with torch.no_grad():
            w_avg.lerp_(w.mean(dim=0), 0.005)
            for p_ema, p in zip(g_ema.parameters(), g.parameters()):
                p_ema.lerp_(p, 0.001 if step > 500 else 0.01)
        step += 1
        kimg = step * args.batch / 1000
        if step % 50 == 0:
            rate = step * args.batch / (time.time() - started)
            print(f"step {step} kimg {kimg:.1f} loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f} {rate:.0f} img/s", flush=True)
        while marks and elapsed >= marks[0] * budget:
            name = f"kimg-{int(round(kimg)):04d}"
            save(os.path.join(args.out, f"{name}.pt"), g_ema, w_avg, kimg, elapsed)
            print(f"saved {name}", flush=True)
            marks.pop(0)
    save(os.path.join(args.out, "default.pt"), g_ema, w_avg, step * args.batch / 1000, time.time() - started)
    print(f"saved default after {step} steps ({step * args.batch / 1000:.0f} kimg) in {(time.time() - started) / 60:.1f} min; "
          f"final loss_d {loss_d.item():.3f} loss_g {loss_g.item():.3f}", flush=True)


if __name__ == "__main__":
    main()
