#!/usr/bin/env bash
# Runs jgrad's benchmark (plain Java, then with the Vector API) and PyTorch's (default OpenMP wait
# policy, then PASSIVE) one after the other on this machine and prints the side-by-side table.
# Needs: `mvn -B package -DskipTests` first, and PyTorch with OpenBLAS for /usr/bin/python3
# (apt-get install -y python3-torch libopenblas0-pthread).
# Usage: bench/compare.sh [OUTDIR]   (default: bench/target/compare)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench/target/compare}"
mkdir -p "$out"
jar=bench/target/jgrad-bench.jar
{ lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket)'; java -version 2>&1 | head -1
  /usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'
  readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3; } > "$out/machine.txt"
# The load average before and after each run says whether anything else competed for the cores.
load() { echo "$1: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"; }
load "before jgrad"
java -jar "$jar" --json > "$out/jgrad.json"
load "before jgrad, Vector API"
java --add-modules jdk.incubator.vector -jar "$jar" --json > "$out/jgrad-vector.json"
load "before PyTorch, default wait policy"
/usr/bin/python3 bench/pytorch/bench_torch.py --json > "$out/torch-default.json"
load "before PyTorch, OMP_WAIT_POLICY=PASSIVE"
OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch/bench_torch.py --json > "$out/torch-passive.json"
load "after"
/usr/bin/python3 bench/pytorch/compare.py --jgrad "$out/jgrad.json" --jgrad-vector "$out/jgrad-vector.json" \
    --torch "$out/torch-default.json" --torch "$out/torch-passive.json" | tee "$out/table.md"
