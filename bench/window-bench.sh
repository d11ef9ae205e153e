#!/bin/bash
# The window's start-up time and the memory a model costs, for one or more builds of ptscope side
# by side in one run (this machine is shared and noisy: compare ratios, not absolute times).
#   bench/window-bench.sh MODEL.pt BUILD_DIR... (each holding app/ptscope and app/ptscope-cli)
# Start-up: `ptscope --help` (the process starts, links and initialises its libraries, then exits
# before any window), the median of 7 runs, builds interleaved. Memory: the window opened on
# MODEL offscreen, once its worker holds the model: the resident memory of the window's process
# and of each worker, in MiB.
set -euo pipefail
model=$(realpath "$1")
shift
builds=("$@")
export QT_QPA_PLATFORM=offscreen

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A times
for round in 1 2 3 4 5 6 7; do
    for build in "${builds[@]}"; do
        start=$(date +%s%N)
        "$build/app/ptscope" --help >/dev/null 2>&1
        end=$(date +%s%N)
        times[$build]+="$(( (end - start) / 1000 )) "
    done
done
for build in "${builds[@]}"; do
    ms=$(echo "${times[$build]}" | tr ' ' '\n' | grep . | median)
    echo "start-up  $build: $(awk "BEGIN {printf \"%.1f\", $ms / 1000}") ms (median of 7)"
done

rss() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
for build in "${builds[@]}"; do
    home=$(mktemp -d)
    HOME=$home XDG_CONFIG_HOME=$home PTSCOPE_CLI="$build/app/ptscope-cli" "$build/app/ptscope" "$model" >/dev/null 2>&1 &
    gui=$!
    sleep 12 # the model open, its graph drawn, the spare worker started
    line="window $(rss $gui) MiB"
    total=$(rss $gui)
    for child in $(pgrep -P $gui || true); do
        line+=", worker $(rss $child) MiB"
        total=$((total + $(rss $child)))
    done
    echo "memory    $build: $line; total $total MiB"
    kill $gui 2>/dev/null || true
    wait $gui 2>/dev/null || true
    rm -rf "$home"
done
