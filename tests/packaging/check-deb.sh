#!/bin/bash
# check-deb.sh BUILD_DIR EXAMPLE.pt
#
# Builds the Debian package from BUILD_DIR with CPack (into a temporary folder, leaving the build
# tree as it was), checks it with lintian (any E: fails), desktop-file-validate, appstreamcli,
# update-mime-database and man, then extracts it into a temporary root and runs the programs
# from there, in an environment that knows nothing of the build tree: ptscope-cli info and run on
# EXAMPLE, ptscope --help, and the window opening EXAMPLE through the worker it must find beside
# itself (PATH holds no ptscope-cli).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 BUILD_DIR EXAMPLE.pt" >&2
    exit 2
fi
build=$(realpath "$1")
example=$(realpath "$2")
source_dir=$(realpath "$(dirname "$0")/../..")

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

for tool in cpack lintian dpkg-deb dpkg-shlibdeps file desktop-file-validate appstreamcli update-mime-database man readelf; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL: $tool is missing; packaging/install-deps.sh installs it" >&2
        exit 1
    fi
done
[ -f "$example" ] || { echo "FAIL: no example model at $example" >&2; exit 1; }
[ -f "$build/CPackConfig.cmake" ] || { echo "FAIL: $build has no CPackConfig.cmake" >&2; exit 1; }

tmp=$(mktemp -d /tmp/ptscope-check-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# --- Build the package --------------------------------------------------------------------------
if ! (cd "$tmp" && cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out") >"$tmp/cpack.log" 2>&1; then
    cat "$tmp/cpack.log" >&2
    echo "FAIL: cpack -G DEB" >&2
    exit 1
fi
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
deb="$tmp/out/ptscope_${version}_${arch}.deb"
if [ ! -f "$deb" ]; then
    ls "$tmp/out" >&2
    echo "FAIL: cpack made no ptscope_${version}_${arch}.deb" >&2
    exit 1
fi
pass "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- lintian: errors fail, everything else is shown ---------------------------------------------
lintian --info --pedantic "$deb" >"$tmp/lintian.log" 2>&1 || true
sed '/running with root privileges/d' "$tmp/lintian.log"
if grep -q '^E: ' "$tmp/lintian.log"; then
    fail "lintian reports errors"
else
    pass "lintian: no errors ($(grep -c '^W: ' "$tmp/lintian.log" || true) warnings)"
fi

# --- Control fields -----------------------------------------------------------------------------
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for package in libtorch1.13 libqt6widgets6 libqt6svg6 libqcustomplot2.1-qt6 libgvc6 libcgraph6 libopenblas0-pthread; do
    if [[ ", $depends," =~ ,\ $package[\ ,] ]]; then pass "depends on $package"; else fail "Depends lacks $package"; fi
done
if [[ "$depends" == *python* ]]; then fail "Depends names a Python package: $depends"; fi
[ "$(dpkg-deb -f "$deb" Package)" = ptscope ] || fail "package name is not ptscope"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version is not $version"

# --- Contents -----------------------------------------------------------------------------------
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/ptscope usr/bin/ptscope-cli \
    usr/share/applications/ptscope.desktop \
    usr/share/icons/hicolor/scalable/apps/ptscope.svg \
    usr/share/mime/packages/ptscope.xml \
    usr/share/metainfo/io.github.ptscope.ptscope.metainfo.xml \
    usr/share/man/man1/ptscope.1.gz usr/share/man/man1/ptscope-cli.1.gz \
    usr/share/doc/ptscope/copyright usr/share/doc/ptscope/changelog.gz; do
    [ -f "$root/$file" ] || fail "the package lacks /$file"
done
unexpected=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -v -E '/$' |
    grep -v -E '^\./usr/(bin/ptscope(-cli)?|share/(applications|icons/hicolor/scalable/apps|mime/packages|metainfo|man/man1|doc/ptscope)/[^/]+)$' || true)
[ -z "$unexpected" ] || fail "unexpected files in the package: $unexpected"
for program in ptscope ptscope-cli; do
    if readelf -d "$root/usr/bin/$program" | grep -q -E 'RPATH|RUNPATH'; then
        fail "/usr/bin/$program has an RPATH: $(readelf -d "$root/usr/bin/$program" | grep -E 'RPATH|RUNPATH')"
    fi
    if grep -q -a -F "$build" "$root/usr/bin/$program"; then
        fail "/usr/bin/$program names the build tree $build"
    fi
done
pass "contents and RPATH"

changelog_version=$(zcat "$root/usr/share/doc/ptscope/changelog.gz" | sed -n '1s/^ptscope (\([^)]*\)).*/\1/p')
[ "$changelog_version" = "$version" ] || fail "the changelog's last entry is $changelog_version, the package $version"

# --- Desktop entry, AppStream, MIME type, man pages ---------------------------------------------
desktop="$root/usr/share/applications/ptscope.desktop"
if desktop-file-validate "$desktop"; then pass "desktop-file-validate"; else fail "desktop-file-validate"; fi
grep -qx 'Exec=ptscope %f' "$desktop" || fail "the desktop entry does not run 'ptscope %f'"
grep -qx 'MimeType=application/x-torchscript;' "$desktop" || fail "the desktop entry's MimeType is not application/x-torchscript"

if appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.github.ptscope.ptscope.metainfo.xml"; then
    pass "appstreamcli validate"
else
    fail "appstreamcli validate"
fi
# The whole tree: the metainfo's launchable desktop entry and icon are where it says.
if appstreamcli validate-tree --no-net "$root"; then pass "appstreamcli validate-tree"; else fail "appstreamcli validate-tree"; fi

mkdir -p "$tmp/mime/packages"
cp "$root/usr/share/mime/packages/ptscope.xml" "$tmp/mime/packages/"
update-mime-database "$tmp/mime" 2>"$tmp/mime.log" || { cat "$tmp/mime.log" >&2; fail "update-mime-database"; }
if grep -q -v -i "not in the search path\|set by the XDG\|environment variables\|be able to find\|directories currently\|^- \|^$" "$tmp/mime.log"; then
    cat "$tmp/mime.log" >&2
    fail "update-mime-database complains about ptscope.xml"
fi
grep -qx 'application/x-torchscript application/zip' "$tmp/mime/subclasses" || fail "application/x-torchscript is not a subclass of application/zip"
for glob in '*.pt' '*.ptl'; do
    grep -q -F ":application/x-torchscript:$glob" "$tmp/mime/globs2" || fail "no glob $glob for application/x-torchscript"
done
pass "MIME type"

for page in ptscope ptscope-cli; do
    warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
        man --warnings -E UTF-8 -l -Tutf8 -Z "$root/usr/share/man/man1/$page.1.gz" 2>&1 >/dev/null || echo "man failed")
    [ -z "$warnings" ] || fail "man $page: $warnings"
done

# --- The programs, from the extracted root, knowing nothing of the build tree --------------------
mkdir -p "$tmp/home" "$tmp/runtime" "$tmp/emptybin"
chmod 700 "$tmp/runtime"
clean_env=(env -i "HOME=$tmp/home" "XDG_CONFIG_HOME=$tmp/home/.config" "XDG_RUNTIME_DIR=$tmp/runtime"
           "PATH=$tmp/emptybin" "LANG=C.UTF-8" "QT_QPA_PLATFORM=offscreen")
cli="$root/usr/bin/ptscope-cli"
gui="$root/usr/bin/ptscope"

# Every verb ptscope-cli has is in its man page.
verbs=$("${clean_env[@]}" "$cli" --help | sed -n '/^Subcommands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p')
[ -n "$verbs" ] || fail "ptscope-cli --help lists no verbs"
for verb in $verbs; do
    zcat "$root/usr/share/man/man1/ptscope-cli.1.gz" | grep -q "^\.SS $verb\b" || fail "man ptscope-cli has no section for '$verb'"
done
pass "man pages (verbs: $(echo $verbs))"

out=$("${clean_env[@]}" "$cli" --version) || fail "ptscope-cli --version"
[ "$out" = "ptscope-cli $version" ] || fail "ptscope-cli --version says '$out', the package is $version"

if out=$("${clean_env[@]}" "$cli" info "$example" 2>&1); then
    if grep -q '__torch__.SimpleNet' <<<"$out" && grep -q 'linear2' <<<"$out"; then
        pass "ptscope-cli info"
    else
        echo "$out" >&2
        fail "ptscope-cli info: unexpected output"
    fi
else
    echo "$out" >&2
    fail "ptscope-cli info exited with $?"
fi

if out=$("${clean_env[@]}" "$cli" run "$example" --input 'float32[1,10]' 2>&1); then
    if grep -q -E '^  0 +float32 \[1, 2\]' <<<"$out"; then
        pass "ptscope-cli run"
    else
        echo "$out" >&2
        fail "ptscope-cli run: unexpected output"
    fi
else
    echo "$out" >&2
    fail "ptscope-cli run exited with $?"
fi

if out=$("${clean_env[@]}" "$gui" --help 2>&1) && grep -q 'Usage: .*ptscope' <<<"$out"; then
    pass "ptscope --help"
else
    echo "$out" >&2
    fail "ptscope --help"
fi

# The window opens the example in its worker and draws its graph. PATH has no ptscope-cli and
# PTSCOPE_CLI is unset, so it only works if ptscope finds the ptscope-cli beside it.
shot="$tmp/window.png"
if out=$(timeout 180 "${clean_env[@]}" "$gui" --screenshot "$shot" --tab graph --window-size 1000x700 "$example" 2>&1) \
    && [ -s "$shot" ]; then
    pass "ptscope opened the example through its worker"
else
    echo "$out" >&2
    fail "ptscope --screenshot did not open the example (worker not found beside it?)"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "all package checks passed"
