#!/bin/bash
# Runs each fuzzer for SECONDS on a corpus seeded from the test fixtures, after replaying the
# regression inputs kept in tests/fuzz/regressions/TARGET/ (each a crash found and fixed).
#   tests/fuzz/run-fuzzers.sh BUILD_DIR FIXTURES_DIR [SECONDS]
# The wire corpus is what the real worker writes for a few fixtures: PTSCOPE_CLI names the CLI
# (default build/release/app/ptscope-cli in the repository); without it those seeds are skipped.
set -euo pipefail
build=$1
fixtures=$2
seconds=${3:-60}
here=$(cd "$(dirname "$0")" && pwd)
cli=${PTSCOPE_CLI:-$here/../../build/release/app/ptscope-cli}
work=$(mktemp -d /tmp/ptscope-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Seeds: archives and inputs as they are, their pickle records, .npy files, input specs.
mkdir -p "$work"/{archive,pickle,npy,inputspec,wire}
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

# Wire seeds: the documents the worker writes (model facts, graph variants, layouts of the default
# view and of one with the top-level modules collapsed, the requests themselves), and each layout
# merged with its graph and view, so the readers' success paths and the layout-to-view match run.
if [ -x "$cli" ]; then
    /usr/bin/python3 - "$work" "$fixtures" "$cli" <<'PY' || echo "wire seeds: the worker failed; going on without its documents"
import json, pathlib, signal, subprocess, sys
work, fixtures, cli = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
out = work / "wire"
signal.alarm(300)
names = ["simplenet_scripted", "branch_scripted", "loop_scripted", "nested_scripted", "lstm_scripted", "resnet18_scripted"]
for name in names:
    model = fixtures / f"{name}.pt"
    if not model.is_file():
        continue
    docs = work / f"wire-{name}"
    docs.mkdir()
    worker = subprocess.Popen([cli, "worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    next_id = 0
    def ask(request):
        global next_id
        next_id += 1
        request = {"id": next_id, **request}
        line = json.dumps(request)
        (out / f"{name}_request{next_id}.json").write_text(line)
        worker.stdin.write(line + "\n")
        worker.stdin.flush()
        while True:
            reply = worker.stdout.readline()
            if not reply:
                raise SystemExit(f"{name}: the worker quit")
            reply = json.loads(reply)
            if reply.get("id") == next_id:
                return reply.get("ok", False)
    def copy(file, seed):
        if file.is_file():
            (out / f"{name}_{seed}").write_bytes(file.read_bytes())
            return json.loads(file.read_text())
        return None
    ask({"cmd": "open", "path": str(model), "info_file": str(docs / "info.json")})
    copy(docs / "info.json", "info.json")
    graph = None
    for variant in ["inlined", "as-saved", "frozen", "optimized"]:
        ask({"cmd": "graph", "variant": variant, "output_file": str(docs / f"graph-{variant}.json")})
        doc = copy(docs / f"graph-{variant}.json", f"graph-{variant}.json")
        if variant == "inlined":
            graph = doc
    if graph is not None:
        top = sorted({n["scope"].split(".")[0] for n in graph["graph"]["nodes"] if n["scope"]})
        views = {"default": {"collapsedScopes": [], "showConstants": False, "scopeTypes": {}},
                 "collapsed": {"collapsedScopes": top, "showConstants": True, "scopeTypes": {s: "Type" for s in top}}}
        for label, view in views.items():
            (out / f"{name}_view-{label}.json").write_text(json.dumps(view))
            ask({"cmd": "layout", "variant": "inlined", "view": view, "output_file": str(docs / f"layout-{label}.json")})
            layout = copy(docs / f"layout-{label}.json", f"layout-{label}.json")
            if layout is not None:
                (out / f"{name}_graph-layout-{label}.json").write_text(json.dumps({**graph, **layout, **view}))
    worker.stdin.close()
    worker.wait(timeout=60)
PY
fi

status=0
for target in archive pickle npy inputspec wire; do
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
