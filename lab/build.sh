#!/usr/bin/env bash
# Builds the control-plane lab's programs from the Go module proxy into a cache keyed by their
# versions and wrapper modules. Idempotent: a program already built for the same key is not rebuilt.
#
#   lab/build.sh            build what is missing, unpack the lab's real Milvus (build-milvus.sh), then print the
#                           bin folder
#   lab/build.sh --print    print the bin folder of the current key (nothing is built)
#
# MILVUS_MONITORED_LAB_CACHE chooses the cache (default ~/.cache/milvus-monitored/lab).
set -euo pipefail
lab=$(cd "$(dirname "$0")" && pwd)
source "$lab/versions.env"

cache=${MILVUS_MONITORED_LAB_CACHE:-$HOME/.cache/milvus-monitored/lab}
# The key: the pinned versions, the wrapper modules and the recipe below (bump it when flags change).
recipe=1
key=$( (echo "recipe=$recipe"; cat "$lab/versions.env" "$lab"/go/*/go.mod "$lab"/go/*/go.sum) | sha256sum | cut -c1-16)
bin="$cache/$key/bin"
if [[ "${1:-}" == "--print" ]]; then echo "$bin"; exit 0; fi

command -v go >/dev/null || { echo "lab/build.sh: no 'go' on the PATH; the lab needs Go 1.26 or newer" >&2; exit 2; }
mkdir -p "$bin" "$cache/$key/stamps"
export CGO_ENABLED=0 GOFLAGS=-mod=readonly
start=$SECONDS

# build NAME WRAPPER PACKAGE LDFLAGS [TAGS]: one program, skipped when its stamp exists.
build() {
  local name=$1 wrapper=$2 pkg=$3 ldflags=$4 tags=${5:-}
  if [[ -f "$cache/$key/stamps/$name" && -x "$bin/$name" ]]; then
    echo "== lab: $name up to date"; return
  fi
  local t0=$SECONDS
  echo "== lab: building $name from $pkg (elapsed $((SECONDS - start)) s)"
  (cd "$lab/go/$wrapper" && go build -trimpath ${tags:+-tags "$tags"} -ldflags "-s -w $ldflags" -o "$bin/$name.tmp" "$pkg")
  mv "$bin/$name.tmp" "$bin/$name"
  echo "$name $(date -u +%FT%TZ) $((SECONDS - t0))s" > "$cache/$key/stamps/$name"
  echo "== lab: built $name in $((SECONDS - t0)) s"
}

build etcd etcd go.etcd.io/etcd/server/v3 ""

k8s_minor=${KUBERNETES_VERSION#v1.}; k8s_minor=${k8s_minor%%.*}
k8s_ld=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ld+=" -X $p.gitVersion=$KUBERNETES_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$k8s_minor"
  k8s_ld+=" -X $p.gitTreeState=clean -X $p.buildDate=2000-01-01T00:00:00Z"
done
# kubelet and kube-proxy run the lab's real node (lab/build-node.sh adds its containerd images).
for p in kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy; do
  build "$p" kubernetes "k8s.io/kubernetes/cmd/$p" "$k8s_ld"
done

# kwok's go.mod has no replace directives: its own module builds it.
if [[ -f "$cache/$key/stamps/kwok" && -x "$bin/kwok" ]]; then
  echo "== lab: kwok up to date"
else
  t0=$SECONDS; echo "== lab: building kwok $KWOK_VERSION (elapsed $((SECONDS - start)) s)"
  GOFLAGS= GOBIN="$bin" go install -trimpath -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$KWOK_VERSION" \
    "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  echo "kwok $(date -u +%FT%TZ) $((SECONDS - t0))s" > "$cache/$key/stamps/kwok"
  echo "== lab: built kwok in $((SECONDS - t0)) s"
fi
# The lab applies kwok's PortForward and Logs CRDs; they come from the same kwok module.
if [[ ! -f "$cache/$key/share/kwok.x-k8s.io_portforwards.yaml" ]]; then
  kwok_dir=$(GOFLAGS= go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)",*/\1/p')
  mkdir -p "$cache/$key/share"
  cp "$kwok_dir"/kustomize/crd/bases/kwok.x-k8s.io_{portforwards,logs}.yaml "$cache/$key/share/"
fi

common=github.com/prometheus/common/version
prom_ld="-X $common.Version=${PROMETHEUS_VERSION#v} -X $common.Branch=HEAD -X $common.Revision=lab"
op_ld="-X $common.Version=${PROMETHEUS_OPERATOR_VERSION#v} -X $common.Branch=HEAD -X $common.Revision=lab"
build prometheus monitoring github.com/prometheus/prometheus/cmd/prometheus "$prom_ld" remove_all_sd,enable_kubernetes_sd
build prometheus-operator monitoring github.com/prometheus-operator/prometheus-operator/cmd/operator "$op_ld"
build prometheus-config-reloader monitoring github.com/prometheus-operator/prometheus-operator/cmd/prometheus-config-reloader "$op_ld"

# The real node's cluster DNS and the operator pod's kube-rbac-proxy (their images: build-images.sh).
if [[ -f "$cache/$key/stamps/coredns" && -x "$bin/coredns" ]]; then
  echo "== lab: coredns up to date"
else
  t0=$SECONDS; echo "== lab: building coredns $COREDNS_VERSION (elapsed $((SECONDS - start)) s)"
  GOFLAGS= GOBIN="$bin" go install -trimpath -ldflags "-s -w -X github.com/coredns/coredns/coremain.GitCommit=lab" \
    "github.com/coredns/coredns@$COREDNS_VERSION"
  echo "coredns $(date -u +%FT%TZ) $((SECONDS - t0))s" > "$cache/$key/stamps/coredns"
  echo "== lab: built coredns in $((SECONDS - t0)) s"
fi
build kube-rbac-proxy kube-rbac-proxy github.com/brancz/kube-rbac-proxy/cmd/kube-rbac-proxy \
  "-X k8s.io/component-base/version.gitVersion=$KUBE_RBAC_PROXY_VERSION"

cp "$lab/versions.env" "$cache/$key/versions.env"
# The real Milvus server of the lab's standalone Milvus pods (PyPI's wheel, sha256-pinned in milvus.env).
bash "$lab/build-milvus.sh" >&2
# The real node's container images, made from the programs above and that Milvus (no registry, no Docker).
bash "$lab/build-images.sh" >&2
echo "== lab: all programs ready in $((SECONDS - start)) s"
echo "$bin"
