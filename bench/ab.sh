#!/usr/bin/env bash
# Compares two revisions of jgrad in one JVM (io.jgrad.bench.Ab): builds each one's benchmark jar in
# a temporary worktree, then runs the targets on both in alternating windows and prints medians and
# the ratio B/A. A revision is anything git understands (HEAD~1, a branch, a commit), or "." for the
# working tree as it is now. Extra JVM flags go in JAVA_OPTS, e.g.
#   JAVA_OPTS="--add-modules jdk.incubator.vector" bench/ab.sh HEAD~1 . gemm:1024x1024x1024
# Usage: bench/ab.sh REV_A REV_B TARGET...   (targets: step:mnist/sgd, gemm:784x256x128:ta:add, ...)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 3 ]; then
  sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
work=$(mktemp -d)
trap 'for w in "$work"/tree-*; do [ -d "$w" ] && git worktree remove --force "$w"; done; git worktree prune; rm -rf "$work"' EXIT
build() {  # build REV NAME: leaves $work/NAME.jar
  if [ "$1" = "." ]; then
    mvn -B -q package -DskipTests -pl bench -am >&2
    cp bench/target/jgrad-bench.jar "$work/$2.jar"
  else
    git worktree add -q --detach "$work/tree-$2" "$1"
    (cd "$work/tree-$2" && mvn -B -q package -DskipTests -pl bench -am >&2)
    cp "$work/tree-$2/bench/target/jgrad-bench.jar" "$work/$2.jar"
  fi
}
build "$1" a
build "$2" b
# The comparing code itself comes from this checkout's build; the two builds load beside it.
mvn -B -q package -DskipTests -pl bench -am >&2
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp bench/target/jgrad-bench.jar io.jgrad.bench.Ab "$work/a.jar" "$work/b.jar" "${@:3}"
