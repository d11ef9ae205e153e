#!/bin/bash
# Runs each fuzzer for SECONDS on a corpus seeded from the test fixtures, after replaying the
# regression inputs kept in tests/fuzz/regressions/TARGET/ (each a crash found and fixed).
#   tests/fuzz/run-fuzzers.sh BUILD_DIR FIXTURES_DIR [SECONDS]
set -euo pipefail
build=$1
fixtures=$2
seconds=${3:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/ptscope-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Seeds: archives and inputs as they are, their pickle records, .npy files, input specs.
mkdir -p "$work"/{archive,pickle,npy,inputspec}
find "$fixtures" -maxdepth 2 -type f -name '*.pt' -size -2M -exec cp {} "$work/archive/" \;
find "$fixtures/run/npy" "$fixtures/run/inputs" -name '*.npy' -exec cp {} "$work/npy/" \; 2>/dev/null || true
/usr/bin/python3 - "$work" <<'PY'
import sys, zipfile, pathlib
work = pathlib.Path(sys.argv[1])
for i, path in enumerate(sorted((work / "archive").glob("*.pt"))):
    try:
        with zipfile.ZipFile(path) as z:
            for n in z.namelist():
                if n.endswith(".pkl") or n.endswith(".debug_pkl"):
                    (work / "pickle" / f"{i}_{n.replace('/', '_')}").write_bytes(z.read(n)[:65536])
    except Exception:
        pass
for i, spec in enumerate(["float32[1,3,224,224]:randn", "int64[2,8]:arange", "@/tmp/x.npy", "int:3", "float:-2.5e3",
                          "bool:true", "str:a:b", "none", "float32[]:2.5", "complex64[2]:randn", "uint8[0,3]"]):
    (work / "inputspec" / f"{i}").write_text(spec)
PY

status=0
for target in archive pickle npy inputspec; do
    binary="$build/fuzz_$target"
    regressions="$here/regressions/$target"
    mapfile -t kept < <(find "$regressions" -type f ! -name '.keep' 2>/dev/null | sort)
    if [ "${#kept[@]}" -gt 0 ]; then
        echo "fuzz_$target: replaying ${#kept[@]} regression inputs"
        "$binary" -runs=0 "${kept[@]}" >"$work/$target.replay.log" 2>&1 || { tail -40 "$work/$target.replay.log"; status=1; }
    fi
    echo "fuzz_$target: $seconds s"
    mkdir -p "$work/$target.crashes"
    if ! "$binary" -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=3072 -timeout=10 \
        -artifact_prefix="$work/$target.crashes/" "$work/$target" >"$work/$target.log" 2>&1; then
        tail -40 "$work/$target.log"
        echo "fuzz_$target found a crash; the input is in $(ls "$work/$target.crashes" | head -1)"
        cp "$work/$target.crashes"/* "$here/regressions/$target/" 2>/dev/null || true
        status=1
    else
        grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$work/$target.log" | tail -1
    fi
done
exit $status
