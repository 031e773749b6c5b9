#!/usr/bin/env bash
# Unpacks the real Milvus server the lab's Milvus pods run, from the PyPI wheel pinned in milvus.env, into a cache
# keyed by the wheel's sha256. Idempotent: an unpacked server with the same key is used as it is.
#
#   lab/build-milvus.sh            download, check and unpack what is missing, then print the server's folder
#   lab/build-milvus.sh --print    print the server's folder (nothing is downloaded)
#
# The folder holds bin/ (the milvus executable and the libraries beside it, as the wheel's own launcher unpacks
# them), config.yaml.template and glog.conf. MILVUS_MONITORED_LAB_CACHE chooses the cache, as for build.sh.
set -euo pipefail
lab=$(cd "$(dirname "$0")" && pwd)
source "$lab/milvus.env"

cache=${MILVUS_MONITORED_LAB_CACHE:-$HOME/.cache/milvus-monitored/lab}
home="$cache/milvus-$MILVUS_VERSION-${MILVUS_WHEEL_SHA256:0:16}"
if [[ "${1:-}" == "--print" ]]; then echo "$home"; exit 0; fi
if [[ -f "$home/ready" ]]; then
  echo "== lab: milvus $MILVUS_VERSION up to date"
  echo "$home"; exit 0
fi

command -v python3 >/dev/null || { echo "lab/build-milvus.sh: no 'python3' on the PATH (it downloads and unpacks the wheel)" >&2; exit 2; }
start=$SECONDS
rm -rf "$home.tmp"; mkdir -p "$home.tmp/wheel"
echo "== lab: downloading $MILVUS_WHEEL from PyPI"
python3 -m pip download --quiet --no-deps --only-binary=:all: --platform manylinux2014_x86_64 \
  --python-version 3.11 "milvus==$MILVUS_VERSION" -d "$home.tmp/wheel"
wheel="$home.tmp/wheel/$MILVUS_WHEEL"
if [[ ! -f "$wheel" ]]; then
  echo "lab/build-milvus.sh: PyPI gave no $MILVUS_WHEEL (got: $(ls "$home.tmp/wheel")); milvus.env pins that file" >&2
  exit 3
fi
actual=$(sha256sum "$wheel" | cut -d' ' -f1)
if [[ "$actual" != "$MILVUS_WHEEL_SHA256" ]]; then
  echo "lab/build-milvus.sh: $MILVUS_WHEEL has sha256 $actual, but milvus.env pins $MILVUS_WHEEL_SHA256;" \
    "refusing to unpack it. If the pin is what changed, update MILVUS_WHEEL_SHA256 deliberately." >&2
  exit 3
fi
echo "== lab: unpacking milvus $MILVUS_VERSION (sha256 verified)"
python3 - "$wheel" "$home.tmp" <<'PY'
import lzma, os, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "bin"), exist_ok=True)
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        base = os.path.basename(name)
        if name.startswith("milvus/data/bin/") and base.endswith(".lzma"):
            target = os.path.join(out, "bin", base[:-5])
            with z.open(name) as raw, lzma.LZMAFile(raw) as packed, open(target, "wb") as f:
                f.write(packed.read())
            os.chmod(target, 0o755)
        elif name in ("milvus/data/config.yaml.template", "milvus/data/glog.conf"):
            with z.open(name) as src, open(os.path.join(out, base), "wb") as f:
                f.write(src.read())
PY
rm -rf "$home.tmp/wheel"
# The server must load with the libraries beside it (the wheel ships them; glibc comes from the machine).
if missing=$(LD_LIBRARY_PATH="$home.tmp/bin" ldd "$home.tmp/bin/milvus" | grep 'not found'); then
  echo "lab/build-milvus.sh: the Milvus server cannot load its libraries on this machine:" >&2
  echo "$missing" >&2
  exit 4
fi
if ! LD_LIBRARY_PATH="$home.tmp/bin" "$home.tmp/bin/milvus" 2>&1 | grep -q 'milvus run'; then
  echo "lab/build-milvus.sh: $home.tmp/bin/milvus does not run (it printed no usage)" >&2
  exit 4
fi
rm -rf "$home"; mv "$home.tmp" "$home"
echo "milvus $MILVUS_VERSION $MILVUS_WHEEL_SHA256 $(date -u +%FT%TZ)" > "$home/ready"
echo "== lab: milvus $MILVUS_VERSION ready in $((SECONDS - start)) s"
echo "$home"
