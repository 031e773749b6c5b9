#!/usr/bin/env bash
# Regenerates this wrapper module for the Kubernetes version in ../../versions.env: requires
# k8s.io/kubernetes at that version, replaces every staging module it names with the matching v0.x
# release, copies its godebug line, and records the six programs the lab runs as tools.
set -euo pipefail
cd "$(dirname "$0")"
source ../../versions.env
k8s="$KUBERNETES_VERSION"; staging="v0.${k8s#v1.}"
gomod=$(go mod download -json "k8s.io/kubernetes@$k8s" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
head -n 4 go.mod > go.mod.new && mv go.mod.new go.mod
echo "go 1.26.0" >> go.mod
grep -E '^godebug ' "$gomod" >> go.mod || true
for m in $(grep -oE '^\s+k8s.io/[a-z0-9-]+ => ./staging' "$gomod" | awk '{print $1}'); do
  go mod edit -replace "$m=$m@$staging"
done
for t in kube-apiserver kube-controller-manager kube-scheduler kubectl kubelet kube-proxy; do
  go get -tool "k8s.io/kubernetes/cmd/$t@$k8s"
done
go mod tidy
