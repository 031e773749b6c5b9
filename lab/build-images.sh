#!/usr/bin/env bash
# Makes the real node's container images as OCI archives, without Docker or a registry, into a cache keyed by their
# inputs: the lab's programs (build.sh's key), the Milvus wheel (milvus.env), the C library copied into the Milvus
# image and this recipe. Each image is tagged exactly as the manifests that run it name it; the lab imports the
# archives into its containerd, so nothing is ever pulled.
#
#   lab/build-images.sh            make what is missing, then print the images folder (images.list: reference archive)
#   lab/build-images.sh --print    print the images folder of the current key (nothing is made)
set -euo pipefail
lab=$(cd "$(dirname "$0")" && pwd)
source "$lab/versions.env"
source "$lab/milvus.env"

cache=${MILVUS_MONITORED_LAB_CACHE:-$HOME/.cache/milvus-monitored/lab}
bin=$(bash "$lab/build.sh" --print)
milvus=$(bash "$lab/build-milvus.sh" --print)
libc=$(dpkg-query -W -f '${Version}' libc6 2>/dev/null || ldd --version | head -1)
key=$( (echo "bin=$bin libc=$libc"; cat "$lab/milvus.env" "$0" "$lab"/images/*.py "$lab"/images/pause/* "$lab"/images/lookup/*) \
  | sha256sum | cut -c1-16)
out="$cache/images-$key"
if [[ "${1:-}" == "--print" ]]; then echo "$out"; exit 0; fi
if [[ -f "$out/images.list" ]]; then echo "== lab images: up to date ($out)"; echo "$out"; exit 0; fi

for p in prometheus prometheus-operator prometheus-config-reloader kube-rbac-proxy coredns; do
  [[ -x "$bin/$p" ]] || { echo "lab/build-images.sh: $bin/$p is missing; run lab/build.sh first" >&2; exit 2; }
done
[[ -f "$milvus/ready" ]] || { echo "lab/build-images.sh: Milvus is not unpacked at $milvus; run lab/build-milvus.sh" >&2; exit 2; }
start=$SECONDS
rm -rf "$out.tmp"; mkdir -p "$out.tmp/specs"
list=()

# image NAME SPEC_JSON: one archive from a spec (lab/images/oci_image.py says what a spec holds).
image() {
  local ref=$1 file
  file=$(echo "$ref" | tr '/:' '__').tar
  echo "$2" > "$out.tmp/specs/$file.json"
  local t0=$SECONDS
  echo "== lab images: $ref (elapsed $((SECONDS - start)) s)"
  python3 "$lab/images/oci_image.py" "$out.tmp/specs/$file.json" "$out.tmp/$file" | sed 's/^/   /'
  echo "   made in $((SECONDS - t0)) s"
  list+=("$ref $file")
}

# What every image from an empty base carries: users root, nobody and nonroot, a writable /tmp.
passwd='root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n'
group='root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n'
base='{"path": "etc/passwd", "text": "'$passwd'"}, {"path": "etc/group", "text": "'$group'"},
  {"path": "tmp", "dir": true, "mode": 1023}'

CGO_ENABLED=0 GOFLAGS= go build -C "$lab/images/pause" -trimpath -ldflags "-s -w" -o "$out.tmp/pause"
image "$PAUSE_IMAGE" '{"name": "'$PAUSE_IMAGE'", "entrypoint": ["/pause"], "user": "65535",
  "files": [{"path": "pause", "src": "'$out.tmp/pause'"}]}'

# The lab's DNS check (lab/images/lookup), run as a pod to show that container DNS resolves inside the lab; a name no
# registry serves, so it can only come from here.
LOOKUP_IMAGE=lab.local/lookup:v1
CGO_ENABLED=0 GOFLAGS= go build -C "$lab/images/lookup" -trimpath -ldflags "-s -w" -o "$out.tmp/lookup"
image "$LOOKUP_IMAGE" '{"name": "'$LOOKUP_IMAGE'", "entrypoint": ["/lookup"], "user": "65532",
  "files": ['"$base"', {"path": "lookup", "src": "'$out.tmp/lookup'"}]}'

op=${PROMETHEUS_OPERATOR_VERSION}
image "quay.io/prometheus-operator/prometheus-operator:$op" '{"name": "quay.io/prometheus-operator/prometheus-operator:'$op'",
  "entrypoint": ["/bin/operator"], "user": "nobody", "files": ['"$base"', {"path": "bin/operator", "src": "'$bin/prometheus-operator'"}]}'
image "quay.io/prometheus-operator/prometheus-config-reloader:$op" '{"name": "quay.io/prometheus-operator/prometheus-config-reloader:'$op'",
  "entrypoint": ["/bin/prometheus-config-reloader"], "user": "nobody",
  "files": ['"$base"', {"path": "bin/prometheus-config-reloader", "src": "'$bin/prometheus-config-reloader'"}]}'
image "quay.io/prometheus/prometheus:$PROMETHEUS_VERSION" '{"name": "quay.io/prometheus/prometheus:'$PROMETHEUS_VERSION'",
  "entrypoint": ["/bin/prometheus"], "cmd": ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"],
  "user": "nobody", "workdir": "/prometheus", "files": ['"$base"', {"path": "bin/prometheus", "src": "'$bin/prometheus'"},
  {"path": "etc/prometheus/prometheus.yml", "text": "scrape_configs: []\n", "uid": 65534, "gid": 65534},
  {"path": "prometheus", "dir": true, "mode": 493, "uid": 65534, "gid": 65534}]}'
image "quay.io/brancz/kube-rbac-proxy:$KUBE_RBAC_PROXY_IMAGE_TAG" '{"name": "quay.io/brancz/kube-rbac-proxy:'$KUBE_RBAC_PROXY_IMAGE_TAG'",
  "entrypoint": ["/usr/local/bin/kube-rbac-proxy"], "user": "65532",
  "files": ['"$base"', {"path": "usr/local/bin/kube-rbac-proxy", "src": "'$bin/kube-rbac-proxy'"}]}'
image "registry.k8s.io/coredns/coredns:$COREDNS_VERSION" '{"name": "registry.k8s.io/coredns/coredns:'$COREDNS_VERSION'",
  "entrypoint": ["/coredns"], "user": "65532", "files": ['"$base"', {"path": "coredns", "src": "'$bin/coredns'"}]}'

# Milvus: the wheel's official binaries in the official image's layout (/milvus/bin, /milvus/lib, /milvus/configs,
# WORKDIR /milvus), on Debian's C library as this machine has it, with the configuration the wheel's template gives
# (embedded etcd, local storage and rocksmq under /var/lib/milvus, the chart's data mount).
python3 - "$milvus" "$out.tmp/milvus.files.json" <<'PY'
import json, os, re, sys
home, target = sys.argv[1], sys.argv[2]
values = {"etcd_data_dir": "/var/lib/milvus/etcd", "local_storage_dir": "/var/lib/milvus/data",
          "rocksmq_data_dir": "/var/lib/milvus/rdb_data", "system_log_path": ""}
def sub(m):
    v = values.get(m.group(1), m.group(3))
    if v is None:
        sys.exit("no value for the Milvus config placeholder " + m.group(1))
    return v.strip()
config = re.sub(r"\{\{\s*(\w+)(?:\((\w+)\))?\s*(?::\s*(.*?))?\s*}}", sub, open(os.path.join(home, "config.yaml.template")).read())
files = [{"path": "milvus/configs/milvus.yaml", "text": config},
         {"path": "milvus/configs/glog.conf", "src": os.path.join(home, "glog.conf")},
         {"path": "milvus/bin/milvus", "src": os.path.join(home, "bin", "milvus")},
         {"path": "var/lib/milvus", "dir": True, "mode": 0o755},
         {"path": "milvus/tools", "dir": True, "mode": 0o755}]
for name in sorted(os.listdir(os.path.join(home, "bin"))):
    if name != "milvus":
        files.append({"path": "milvus/lib/" + name, "src": os.path.join(home, "bin", name)})
for lib in ("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1"):
    files.append({"path": "lib/x86_64-linux-gnu/" + lib, "src": os.path.realpath("/lib/x86_64-linux-gnu/" + lib)})
files.append({"path": "lib64/ld-linux-x86-64.so.2", "src": os.path.realpath("/lib64/ld-linux-x86-64.so.2")})
json.dump(files, open(target, "w"))
PY
image "docker.io/milvusdb/milvus:v$MILVUS_VERSION" '{"name": "docker.io/milvusdb/milvus:v'$MILVUS_VERSION'",
  "env": ["PATH=/milvus/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LD_LIBRARY_PATH=/milvus/lib",
  "MILVUSCONF=/milvus/configs/"], "workdir": "/milvus",
  "files": ['"$base"', '"$(sed 's/^\[//; s/\]$//' "$out.tmp/milvus.files.json")"']}'

printf '%s\n' "${list[@]}" > "$out.tmp/images.list"
rm -rf "$out.tmp/specs" "$out.tmp/pause" "$out.tmp/lookup" "$out.tmp/milvus.files.json" "$out"
mv "$out.tmp" "$out"
echo "== lab images: ${#list[@]} images in $((SECONDS - start)) s ($(du -sh "$out" | cut -f1))"
echo "$out"
