#!/usr/bin/env python3
"""PyTorch peer of jgrad's benchmark command: the same MLP configs, DGEMM sizes, scalar-chain
overhead, Adam step and peak memory, in float64, printing the same JSON keys with --json.

PyTorch is a peer to measure against, never a dependency of jgrad. On Debian (Debian's torch
calls the system BLAS; without OpenBLAS installed that is the slow reference BLAS):
    apt-get install -y python3-torch libopenblas0-pthread
    /usr/bin/python3 bench/pytorch/bench_torch.py --json
Run it with and without OMP_WAIT_POLICY=PASSIVE and quote the better figures: with the default
policy PyTorch's OpenMP threads and OpenBLAS's threads can fight over the cores.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(os.cpu_count() or 1)

MODELS = {
    # name: (widths, hidden activation, loss, batch)
    "tiny": ([2, 4, 1], "sigmoid", "bce", 4),
    "small": ([64, 32, 10], "relu", "ce", 64),
    "mnist": ([784, 256, 128, 10], "relu", "ce", 128),
    "wide": ([12288, 64, 1], "relu", "bce_logits", 64),
}
SECTIONS = ["mlp", "matmul", "overhead", "adam", "memory"]
SIZES = [128, 256, 512, 1024, 2048]


def nanos_per_call(fn, quick):
    """Warm up, then the median over timed repeats of a batch of calls sized to ~0.25 s."""
    # 5 s of warm-up, as jgrad's bench (its JIT needs 4-5 s on two cores); PyTorch needs less.
    warmup, repeats, repeat_s = (0.0, 2, 0.0) if quick else (5.0, 7, 0.25)
    start, warm = time.perf_counter(), 0
    while True:
        fn()
        warm += 1
        if time.perf_counter() - start >= warmup and warm >= 2:
            break
    estimate = (time.perf_counter() - start) / warm
    calls = max(1, min(1_000_000, int(repeat_s / estimate)))
    per_call = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(calls):
            fn()
        per_call.append((time.perf_counter() - t) / calls)
    return statistics.median(per_call) * 1e9


class Step:
    """A model (weights as nn.Linear initialises them), its optimizer and one fixed batch."""

    def __init__(self, name, optimizer, seed=42):
        widths, hidden, loss, batch = MODELS[name]
        torch.manual_seed(seed)
        layers = []
        for i in range(len(widths) - 1):
            layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
            if i + 2 < len(widths):
                layers.append(torch.nn.Sigmoid() if hidden == "sigmoid" else torch.nn.ReLU())
        if loss == "bce":
            layers.append(torch.nn.Sigmoid())
        self.model = torch.nn.Sequential(*layers)
        out = widths[-1]
        if name == "tiny":
            self.x = torch.tensor([[0.0, 0], [0, 1], [1, 0], [1, 1]])
            self.target = torch.tensor([[0.0], [1], [1], [0]])
        else:
            self.x = torch.randn(batch, widths[0])
            self.target = torch.randint(0, 2, (batch, out)).double()
        self.labels = torch.randint(0, out, (batch,))
        self.loss = {"bce": torch.nn.BCELoss(), "ce": torch.nn.CrossEntropyLoss(),
                     "bce_logits": torch.nn.BCEWithLogitsLoss()}[loss]
        self.uses_labels = loss == "ce"
        params = self.model.parameters()
        self.opt = torch.optim.SGD(params, lr=0.01) if optimizer == "sgd" else torch.optim.Adam(params, lr=1e-3)
        self.last_loss = float("nan")

    def run(self):
        self.opt.zero_grad()
        y = self.model(self.x)
        loss = self.loss(y, self.labels if self.uses_labels else self.target)
        loss.backward()
        self.opt.step()
        self.last_loss = loss.item()


def mlp(models, quick):
    out = {}
    for name in models:
        for opt in ("sgd", "adam"):
            step = Step(name, opt)
            ns = nanos_per_call(step.run, quick)
            out[f"{name}/{opt}"] = {"ms_per_step": ns / 1e6, "final_loss": step.last_loss}
    return out


def matmul(sizes, quick):
    out = {}
    for n in sizes:
        a, b = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
        c = torch.empty(n, n)
        ns = nanos_per_call(lambda: torch.mm(a, b, out=c), quick)
        out[str(n)] = {"gflops": 2.0 * n ** 3 / ns}
    return out


def chain(ops):
    x = torch.tensor(0.5, requires_grad=True)
    y = x
    for i in range(ops):
        r = i % 3
        if r == 0:
            y = y * 0.9
        elif r == 1:
            y = y + 0.1
        else:
            y = torch.tanh(y)
    y.backward()
    return x.grad.item()


def overhead(quick):
    ops = 300 if quick else 10_000
    return {"us_per_op": nanos_per_call(lambda: chain(ops), quick) / ops / 1e3, "ops": ops}


def adam(quick):
    params = 1_000_000
    torch.manual_seed(7)
    w = torch.randn(1000, params // 1000, requires_grad=True)
    (w * torch.randn(1000, params // 1000)).sum().backward()
    opt = torch.optim.Adam([w], lr=1e-3)
    opt.step()
    # Python cannot count the bytes one step allocates; only the time is comparable.
    return {"bytes_per_step": None, "ns_per_param": nanos_per_call(opt.step, quick) / params, "params": params}


def high_water_kb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def memory(quick):
    steps = 3 if quick else 200
    kb = None
    if high_water_kb() >= 0:
        text = subprocess.run([sys.executable, os.path.abspath(__file__), f"--peak-child={steps}"],
                              check=True, capture_output=True, text=True).stdout
        kb = int(text.strip())
    return {"config": "mnist/sgd", "steps": steps, "peak_rss_mb": None if kb is None else kb / 1024.0}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.add_argument("--quick", action="store_true", help="a few repeats without warm-up")
    p.add_argument("--only", default=",".join(SECTIONS), help="sections: " + ",".join(SECTIONS))
    p.add_argument("--models", default=",".join(MODELS), help="MLP configs: " + ",".join(MODELS))
    p.add_argument("--sizes", default=None, help="square DGEMM sizes")
    p.add_argument("--peak-child", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.peak_child:
        step = Step("mnist", "sgd")
        for _ in range(a.peak_child):
            step.run()
        print(high_water_kb())
        return
    sections = a.only.split(",")
    sizes = [int(s) for s in a.sizes.split(",")] if a.sizes else ([128, 256] if a.quick else SIZES)
    r = {"machine": {"runtime": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(),
                     "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "default"),
                     "python": platform.python_version(), "cores": os.cpu_count()}}
    log = lambda s: print(s, file=sys.stderr, flush=True)
    if "mlp" in sections:
        log(f"bench_torch: training steps {a.models}")
        r["mlp"] = mlp(a.models.split(","), a.quick)
    if "matmul" in sections:
        log(f"bench_torch: matmul n = {sizes}")
        r["matmul"] = matmul(sizes, a.quick)
    if "overhead" in sections:
        log("bench_torch: scalar chain overhead")
        r["overhead"] = overhead(a.quick)
    if "adam" in sections:
        log("bench_torch: Adam step over 1000000 parameters")
        r["adam"] = adam(a.quick)
    if "memory" in sections:
        log("bench_torch: peak memory, mnist/sgd in a child process")
        r["memory"] = memory(a.quick)
    if a.json:
        print(json.dumps(r))
    else:
        print(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
