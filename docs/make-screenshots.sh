#!/usr/bin/env bash
# Makes the README's screenshots from the real ptscope window under Xvfb, on models the build made:
# resnet18 and the branch pair from the test fixtures, and the bundled example.
#
#   docs/make-screenshots.sh [BUILD_DIR]      (default build/release)
#
# Writes into docs/ (beside this script), 1600x1000 each:
#   overview-resnet18.png         the Overview tab, bn1 selected in the module tree
#   graph-resnet18-expanded.png   the Graph tab, layer1.0 expanded, its first convolution selected
#   code-resnet18.png             the Code tab with layer1.0's TorchScript
#   run-resnet18.png              the Run tab after a run on a 1x3x224x224 input
#   run-simplenet.png             the bundled example after one Ctrl+R on the guessed input
#   profile-resnet18.png          the Profile tab after profiling: table and slowest nodes
#   profile-timeline-resnet18.png the profile's Timeline chart
#   profile-modules-resnet18.png  the profile's By Module treemap
#   graph-heatmap-resnet18.png    the Graph tab's heat map after profiling
#   compare-mode.png              File > Compare With Model... on branch_traced.pt against
#                                 branch_scripted.pt, per node and search on
#   compare-review.png            the same comparison's Review tab
#
# The single-model shots use ptscope's own screenshot options (hidden from --help: --screenshot,
# --tab, --select-module, --graph-expand, --graph-search, --run-input, --profile, --profile-chart,
# --heat-map), which wait for the load, layout, run or profile before saving the window. The Compare
# mode has no such option: it is driven with xdotool through its menu, file dialog and keyboard
# mnemonics, waiting for the window to settle between steps, and captured with ImageMagick.
#
# Needs Xvfb, xdotool and ImageMagick (apt-get install xvfb xdotool imagemagick); optipng or
# pngcrush, when installed, shrinks the files. The user's ptscope settings are not touched: every
# window starts with fresh settings of its own, as on a first run.
set -euo pipefail

fail() {
    echo "make-screenshots: $*" >&2
    exit 1
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
build=${1:-build/release}
[[ $build = /* ]] || build=$PWD/$build
[[ -d $build ]] || build=$repo/${1:-build/release}
gui=$build/app/ptscope
cli=$build/app/ptscope-cli
fixtures=$build/tests/fixtures
example=$build/resources/examples
out=${PTSCOPE_SCREENSHOTS_OUT:-$here}

[[ -x $gui && -x $cli ]] || fail "no ptscope and ptscope-cli in $build/app: build first (cmake --build --preset release)"
for f in "$fixtures/resnet18_scripted.pt" "$fixtures/branch_traced.pt" "$fixtures/branch_scripted.pt" \
    "$example/simplenet.pt"; do
    [[ -f $f ]] || fail "missing $f: the build makes it (cmake --build $build)"
done
for tool in Xvfb xdotool import convert compare identify timeout; do
    command -v "$tool" >/dev/null || fail "$tool not found: apt-get install xvfb xdotool imagemagick"
done

# The screen: a first window takes 85% of it, so 1882x1176 gives the 1600x1000 window a first run
# of ptscope opens, with its docks laid out for that size.
readonly width=1600 height=1000 screen=1882x1176x24
resnet=$fixtures/resnet18_scripted.pt
input='float32[1,3,224,224]'

tmp=$(mktemp -d /tmp/ptscope-screenshots.XXXXXX)
xvfb_pid=
app_pid=
cleanup() {
    if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null || true; fi
    if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# --- the X server -------------------------------------------------------------------------------

Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 1 100); do
    [[ -s $tmp/display ]] && break
    kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
    sleep 0.1
done
[[ -s $tmp/display ]] || fail "Xvfb did not report a display within 10 s"
DISPLAY=:$(head -1 "$tmp/display")
export DISPLAY
export QT_QPA_PLATFORM=xcb LANG=C.UTF-8 LC_ALL=C.UTF-8
unset QT_SCALE_FACTOR QT_SCREEN_SCALE_FACTORS QT_AUTO_SCREEN_SCALE_FACTOR QT_STYLE_OVERRIDE
export XDG_RUNTIME_DIR=$tmp/runtime
mkdir -m 700 "$XDG_RUNTIME_DIR"

# Fresh settings for the next window (QSettings, recent files, remembered inputs and tab).
fresh_settings() {
    local dir=$tmp/settings-$1
    mkdir -p "$dir/config" "$dir/data" "$dir/cache"
    export XDG_CONFIG_HOME=$dir/config XDG_DATA_HOME=$dir/data XDG_CACHE_HOME=$dir/cache
}

# Copies a finished screenshot into docs/, checking its size, shrinking it when a tool is there.
publish() {
    local from=$1 name=$2 size
    size=$(identify -format '%wx%h' "$from" 2>/dev/null) || fail "$name: $from is not an image"
    [[ $size == "${width}x${height}" ]] || fail "$name: the window was $size, not ${width}x${height}"
    convert "$from" -strip "$tmp/strip.png"
    if command -v optipng >/dev/null; then
        optipng -quiet -o2 "$tmp/strip.png"
    elif command -v pngcrush >/dev/null; then
        pngcrush -q "$tmp/strip.png" "$tmp/crushed.png" && mv "$tmp/crushed.png" "$tmp/strip.png"
    fi
    mv "$tmp/strip.png" "$out/$name"
    echo "  $out/$name ($(($(stat -c %s "$out/$name") / 1024)) KiB)"
}

# --- single-model tabs: ptscope's own screenshot options -----------------------------------------

# shot NAME SECONDS [ptscope options...] MODEL
shot() {
    local name=$1 seconds=$2
    shift 2
    fresh_settings "${name%.png}"
    echo "$name"
    local log=$tmp/${name%.png}.log status=0
    timeout "$seconds" "$gui" --screenshot "$tmp/$name" --window-size "${width}x${height}" "$@" >"$log" 2>&1 ||
        status=$?
    ((status != 124)) || fail "$name: ptscope did not save the window within $seconds s; its log: $(tail -5 "$log")"
    ((status == 0)) || fail "$name: ptscope ended with status $status; its log: $(tail -5 "$log")"
    # The options warn rather than fail when they find nothing to select, expand or show.
    if grep -E '^(No (module|tab|graph variant|output)|Nothing in the graph matches|Could not write)' "$log"; then
        fail "$name: ptscope could not set the window up as asked (above)"
    fi
    [[ -s $tmp/$name ]] || fail "$name: ptscope wrote no image"
    publish "$tmp/$name" "$name"
}

# The run and the profile the window does must work from the command line first: the window shows
# a failure in a banner and saves the screenshot all the same.
"$cli" run "$resnet" --input "$input" >"$tmp/cli-run.log" 2>&1 ||
    fail "ptscope-cli run $resnet --input $input failed: $(cat "$tmp/cli-run.log")"
"$cli" profile "$resnet" --input "$input" --warmup 1 --runs 1 >"$tmp/cli-profile.log" 2>&1 ||
    fail "ptscope-cli profile $resnet failed: $(cat "$tmp/cli-profile.log")"

echo "Writing screenshots into $out"
shot overview-resnet18.png 120 --tab overview --select-module bn1 "$resnet"
shot graph-resnet18-expanded.png 120 --tab graph --graph-expand layer1.0 --graph-search layer1.0.conv1 "$resnet"
shot code-resnet18.png 120 --tab code --select-module layer1.0 "$resnet"
shot run-resnet18.png 180 --tab run --run-input "$input" --select-output 0 "$resnet"
shot profile-resnet18.png 300 --profile --run-input "$input" --profile-chart 'Top Nodes' "$resnet"
shot profile-timeline-resnet18.png 300 --profile --run-input "$input" --profile-chart Timeline "$resnet"
shot profile-modules-resnet18.png 300 --profile --run-input "$input" --profile-chart 'By Module' "$resnet"
shot graph-heatmap-resnet18.png 300 --profile --run-input "$input" --heat-map "$resnet"

# --- driving the window with xdotool ------------------------------------------------------------

# Pixels that differ between two captures (a blinking text cursor is a few dozen).
pixels_changed() {
    compare -metric AE "$1" "$2" null: 2>&1 | awk '{ printf "%d\n", $1 }' || true
}

capture() {
    import -window "$window" "$1" 2>/dev/null || fail "cannot capture the ptscope window"
}

# wait_settled WHAT SECONDS [REFERENCE]: until the window stops changing (1.5 s with fewer than
# 200 pixels changing), and, given a reference capture, after it has changed from that.
wait_settled() {
    local what=$1 seconds=$2 reference=${3:-} changed=yes still=0 now previous=$tmp/settle-prev.png
    [[ -n $reference ]] && changed=
    capture "$previous"
    local deadline=$((SECONDS + seconds))
    while ((SECONDS < deadline)); do
        sleep 0.3
        kill -0 "$app_pid" 2>/dev/null || fail "$what: ptscope quit; its log: $(tail -5 "$tmp/app.log")"
        capture "$tmp/settle-now.png"
        if [[ -z $changed ]] && (($(pixels_changed "$reference" "$tmp/settle-now.png") >= 200)); then
            changed=yes
        fi
        now=$(pixels_changed "$previous" "$tmp/settle-now.png")
        if ((now < 200)); then
            still=$((still + 1))
        else
            still=0
        fi
        mv "$tmp/settle-now.png" "$previous"
        [[ -n $changed ]] && ((still >= 5)) && return 0
    done
    fail "$what: the window did not settle within $seconds s"
}

# wait_for_window NAME_REGEX SECONDS: prints the id of the visible window with that title.
wait_for_window() {
    local deadline=$((SECONDS + $2)) id
    while ((SECONDS < deadline)); do
        id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) || true
        [[ -n $id ]] && echo "$id" && return 0
        sleep 0.2
    done
    return 1
}

wait_gone() {
    local deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 || return 0
        sleep 0.2
    done
    return 1
}

# open_window MODEL: starts ptscope on MODEL with fresh settings and waits for it to be drawn.
open_window() {
    local model=$1 name
    name=$(basename "$model")
    fresh_settings "window-${name%.pt}"
    "$gui" "$model" >"$tmp/app.log" 2>&1 &
    app_pid=$!
    window=$(wait_for_window "^ptscope — ${name//./\\.}\$" 90) ||
        fail "ptscope did not open $model within 90 s; its log: $(tail -5 "$tmp/app.log")"
    local size
    size=$(xdotool getwindowgeometry "$window" | sed -n 's/.*Geometry: //p')
    [[ $size == "${width}x${height}" ]] || xdotool windowsize --sync "$window" "$width" "$height"
    xdotool windowfocus --sync "$window"
    wait_settled "opening $name" 60
}

close_window() {
    xdotool windowfocus --sync "$window" key ctrl+q
    local deadline=$((SECONDS + 15))
    while kill -0 "$app_pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
}

keys() {
    xdotool windowfocus --sync "$window"
    xdotool key --delay 60 "$@"
}

# Pixels of the Compare mode's mismatch banner (its background colour).
banner_pixels() {
    convert "$1" -alpha off +transparent 'srgb(252,226,224)' -alpha extract -format '%[fx:round(mean*w*h)]' info:
}

# The bundled example: one Ctrl+R runs it on the input the Run tab guesses.
echo run-simplenet.png
open_window "$example/simplenet.pt"
capture "$tmp/before-run.png"
keys ctrl+r
wait_settled "running the example (Ctrl+R)" 60 "$tmp/before-run.png"
capture "$tmp/run-simplenet.png"
publish "$tmp/run-simplenet.png" run-simplenet.png
close_window

# The Compare mode: the traced branch model (its trace kept one side of the if) against the scripted
# one, on all-ones inputs on which they agree, with the search looking for one where they do not.
echo compare-mode.png
open_window "$fixtures/branch_traced.pt"
xdotool windowfocus --sync "$window" key --delay 300 alt+f c # File > &Compare With Model...
dialog=$(wait_for_window '^Compare With Model$' 20) ||
    fail "File > Compare With Model... did not open its file dialog"
capture "$tmp/before-b.png"
xdotool windowfocus --sync "$dialog"
xdotool type --delay 10 "$fixtures/branch_scripted.pt"
xdotool key Return
wait_gone '^Compare With Model$' 20 || fail "the file dialog did not take $fixtures/branch_scripted.pt"
wait_settled "opening model B" 60 "$tmp/before-b.png"
# &Inputs: the specs, replacing the Run tab's; &Trials, then Tab to atol, rtol, Per node and Search,
# which Space turns on (Alt+S is taken by the Settings menu); three Tabs on is the Compare button.
keys alt+i ctrl+a
xdotool type --delay 10 'float32[1,4]:ones'
keys alt+t Tab Tab Tab Tab space Tab Tab Tab
capture "$tmp/before-compare.png"
keys space
wait_settled "comparing" 180 "$tmp/before-compare.png"
capture "$tmp/compare-mode.png"
if (($(banner_pixels "$tmp/compare-mode.png") < 5000)); then
    cp "$tmp/compare-mode.png" /tmp/ptscope-compare-failed.png
    fail "the comparison shows no mismatch banner; the window is in /tmp/ptscope-compare-failed.png"
fi
publish "$tmp/compare-mode.png" compare-mode.png

# The Review tab: from Compare &with, Shift+Tab steps back through the central tab bar to the side
# tab bar (Comparison, Review), found as the first focus change in the top right of the window;
# Right shows Review, whose banner-free panel confirms it.
echo compare-review.png
keys alt+w
found=
capture "$tmp/focus-prev.png"
for _ in $(seq 1 20); do
    keys shift+Tab
    sleep 0.2
    capture "$tmp/focus-now.png"
    box=$(convert "$tmp/focus-prev.png" "$tmp/focus-now.png" -compose difference -composite -threshold 0 \
        -format '%@' info: 2>/dev/null) || box=
    mv "$tmp/focus-now.png" "$tmp/focus-prev.png"
    if [[ $box =~ ^([0-9]+)x([0-9]+)\+([0-9]+)\+([0-9]+)$ ]]; then
        bw=${BASH_REMATCH[1]} bh=${BASH_REMATCH[2]} bx=${BASH_REMATCH[3]} by=${BASH_REMATCH[4]}
        if ((bw > 0 && bx > width / 2 && by > height / 15 && by + bh < height / 6)); then
            keys Right
            wait_settled "showing the Review tab" 30 "$tmp/focus-prev.png"
            capture "$tmp/compare-review.png"
            if (($(banner_pixels "$tmp/compare-review.png") == 0)); then
                found=yes
                break
            fi
            capture "$tmp/focus-prev.png"
        fi
    fi
done
[[ -n $found ]] || fail "could not reach the Compare mode's Review tab from the keyboard"
publish "$tmp/compare-review.png" compare-review.png
close_window

echo "Done: 11 screenshots in $out"
