#!/bin/sh
# Builds the .deb with CPack, unpacks it into a scratch root (dpkg-deb -x, no root needed) and
# checks what a user gets: the files, the package's dependencies, and that the installed
# `stills --version` and `stills --help` run.
#   deb.sh CPACK BUILD_DIR VERSION APP_ID
set -eu
cpack=$1 build=$2 version=$3 app_id=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cd "$build"
"$cpack" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
deb="$work/out/stills_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { ls -l "$work/out"; fail "no $deb"; }
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
for other in "$work"/out/*.deb; do
    case "$other" in
    "$deb") ;;
    */stills-infer_*) echo "also built $(basename "$other") (the caption worker)" ;;
    *) fail "unexpected package $other" ;;
    esac
done

# Dependencies: the shared libraries from dpkg-shlibdeps, the Qt plugins by hand, no libtorch.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for needed in libqt6core6 libqt6gui6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite qt6-qpa-plugins libexiv2 libarchive13; do
    echo "$depends" | grep -q "$needed" || fail "Depends lacks $needed"
done
echo "$depends" | grep -qi torch && fail "the gallery package must not depend on libtorch"
recommends=$(dpkg-deb -f "$deb" Recommends)
echo "$recommends" | grep -q libqt6sql6-psql || fail "Recommends lacks libqt6sql6-psql"

root="$work/root"
dpkg-deb -x "$deb" "$root"
for file in usr/bin/stills \
    "usr/share/applications/$app_id.desktop" \
    "usr/share/metainfo/$app_id.metainfo.xml" \
    usr/share/icons/hicolor/scalable/apps/stills.svg \
    usr/share/icons/hicolor/16x16/apps/stills.png \
    usr/share/icons/hicolor/48x48/apps/stills.png \
    usr/share/icons/hicolor/256x256/apps/stills.png \
    usr/share/man/man1/stills.1.gz; do
    [ -s "$root/$file" ] || fail "the package lacks /$file"
done
gzip -dc "$root/usr/share/man/man1/stills.1.gz" | grep -q '^\.TH STILLS 1' || fail "the man page is not a man page"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/$app_id.desktop" || fail "desktop-file-validate"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/$app_id.metainfo.xml" || fail "appstreamcli validate"
fi

# The installed binary runs from the scratch root.
out=$("$root/usr/bin/stills" --version) || fail "stills --version exited with $?"
echo "$out"
echo "$out" | grep -q "^stills $version" || fail "stills --version says \"$out\", not $version"
help=$("$root/usr/bin/stills" --help) || fail "stills --help exited with $?"
for word in import list thumbnails --catalog; do
    echo "$help" | grep -q -- "$word" || fail "stills --help does not mention $word"
done

# The caption worker, when built: its own package, depending on libtorch and on the gallery.
infer=$(ls "$work"/out/stills-infer_*.deb 2>/dev/null || true)
if [ -n "$infer" ]; then
    infer_depends=$(dpkg-deb -f "$infer" Depends)
    echo "stills-infer Depends: $infer_depends"
    echo "$infer_depends" | grep -q "libtorch" || fail "stills-infer does not depend on libtorch"
    echo "$infer_depends" | grep -q "stills (= $version)" || fail "stills-infer does not depend on stills $version"
    dpkg-deb -x "$infer" "$root"
    [ -x "$root/usr/bin/stills-infer" ] || fail "the stills-infer package lacks /usr/bin/stills-infer"
    out=$("$root/usr/bin/stills-infer" --version) || fail "stills-infer --version exited with $?"
    echo "$out" | grep -q "$version" || fail "stills-infer --version says \"$out\""
    # It answers a request on its pipe.
    answer=$(echo '{"op":"ping"}' | "$root/usr/bin/stills-infer") || fail "stills-infer did not answer a ping"
    echo "$answer" | grep -q '"ok":true' || fail "stills-infer answered \"$answer\" to a ping"
fi
echo "ok: the package installs into a scratch root and runs"
