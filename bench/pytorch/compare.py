#!/usr/bin/env python3
"""Prints a Markdown table of jgrad against PyTorch from the JSON files the two benchmarks wrote.

    python3 bench/pytorch/compare.py --jgrad jgrad.json [--jgrad-vector jgrad-vector.json] \
        --torch torch-default.json --torch torch-passive.json

Each --torch file is one run of bench_torch.py (e.g. with and without OMP_WAIT_POLICY=PASSIVE); each
row quotes the better PyTorch figure and says which run it was. The ratio compares the plain-Java
jgrad run; a Vector API run, if given, gets its own column and ratio.
"""
import argparse
import json

ROWS = [(f"training step, {m} {desc}, {o.upper() if o == 'sgd' else 'Adam'}", ("mlp", f"{m}/{o}", "ms_per_step"), "ms", False)
        for o in ("sgd", "adam")
        for m, desc in (("tiny", "2-4-1 sigmoid/BCE, batch 4"), ("small", "64-32-10 ReLU/CE, batch 64"),
                        ("mnist", "784-256-128-10 ReLU/CE, batch 128"), ("wide", "12288-64-1 ReLU/BCE, batch 64"))]
ROWS += [(f"square DGEMM n = {n}", ("matmul", str(n), "gflops"), "GFLOPS", True) for n in (128, 256, 512, 1024, 2048)]
ROWS += [("autograd overhead, 10,000-op scalar chain, fwd + bwd", ("overhead", "us_per_op"), "µs/op", False),
         ("bytes allocated by one Adam step after the first (1M params)", ("adam", "bytes_per_step"), "bytes", False),
         ("Adam step time per parameter (1M params)", ("adam", "ns_per_param"), "ns", False),
         ("peak RSS, mnist/sgd, 200 steps", ("memory", "peak_rss_mb"), "MB", False),
         ("peak RSS, mnist/sgd, 200 steps, JVM with -Xms32m -Xmx256m", ("memory", "peak_rss_mb_small_heap"), "MB", False)]


def get(d, path):
    for k in path:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def fmt(v):
    if v is None:
        return "—"
    if v == 0:
        return "0"
    return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"


def ratio(j, t, higher_better):
    if not j or not t:
        return "—"
    return f"{(j / t if higher_better else t / j):.2f}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jgrad", required=True)
    p.add_argument("--jgrad-vector")
    p.add_argument("--torch", action="append", required=True)
    a = p.parse_args()
    jgrad = json.load(open(a.jgrad))
    vector = json.load(open(a.jgrad_vector)) if a.jgrad_vector else None
    torches = [json.load(open(f)) for f in a.torch]
    head = "| figure | unit | jgrad | PyTorch | jgrad vs PyTorch |"
    rule = "|---|---|---:|---:|---:|"
    if vector:
        head += " jgrad, Vector API | Vector API vs PyTorch |"
        rule += "---:|---:|"
    print(head + " PyTorch run |")
    print(rule + "---|")
    for label, path, unit, higher_better in ROWS:
        j = get(jgrad, path)
        best, which = None, ""
        for t in torches:
            v = get(t, path)
            if v is not None and (best is None or (v > best if higher_better else v < best)):
                best, which = v, t["machine"].get("omp_wait_policy", "")
        if j is None and best is None:
            continue
        row = f"| {label} | {unit} | {fmt(j)} | {fmt(best)} | {ratio(j, best, higher_better)} |"
        if vector:
            jv = get(vector, path)
            row += f" {fmt(jv)} | {ratio(jv, best, higher_better)} |"
        print(row + f" {('OMP_WAIT_POLICY=' + which) if which else ''} |")


if __name__ == "__main__":
    main()
