#!/usr/bin/env bash
# Runs the first container of a Deployment on the real API server as a local process, the way a kubelet
# would start it, so a test can prove what the chart deploys without a node: everything comes from the
# Deployment the API server holds (args, env with secretKeyRef/configMapKeyRef/fieldRef, envFrom,
# volumes and their mount paths, runAsUser/runAsGroup, readOnlyRootFilesystem); the service account
# token is a TokenRequest token for the pod's service account. It runs in a private mount namespace:
# each volume is mounted at its mountPath (overlays make missing parent directories, visible to no one
# else), the root file system is read-only when the container asks for it, and the process has only
# KUBERNETES_SERVICE_HOST/PORT and the container's environment.
#   scripts/deploy/run-container.sh NAMESPACE DEPLOYMENT [--image-env K=V]... [--image-mount SRC:DEST]... -- ENTRYPOINT...
# ENTRYPOINT stands for the image's entrypoint (the container's command replaces it when set), the
# --image-* options for the image's environment and files. KUBECONFIG: an administrator's.
# Only the volume and env sources the chart uses are understood; anything else fails loudly.
set -euo pipefail
fail() { echo "run-container: $*" >&2; exit 2; }
[ $# -ge 4 ] || fail "usage: run-container.sh NAMESPACE DEPLOYMENT [--image-env K=V]... [--image-mount SRC:DEST]... -- ENTRYPOINT..."
ns="$1" name="$2"
shift 2
image_env=() image_mounts=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  case "$1" in
    --image-env) image_env+=("$2"); shift 2 ;;
    --image-mount) image_mounts+=("$2"); shift 2 ;;
    *) fail "unknown option $1" ;;
  esac
done
[ "${1:-}" = "--" ] || fail "missing -- ENTRYPOINT"
shift
entrypoint=("$@")
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
kubectl -n "$ns" get deployment "$name" -o json > "$stage/deployment.json"
pod() { jq -r ".spec.template.spec | $1" "$stage/deployment.json"; }
container() { jq -c ".spec.template.spec.containers[0] | $1" "$stage/deployment.json"; }
data() { # kind name key -> the decoded value
  if [ "$1" = secret ]; then kubectl -n "$ns" get secret "$2" -o json | jq -er --arg k "$3" '.data[$k]' | base64 -d
  else kubectl -n "$ns" get configmap "$2" -o json | jq -ej --arg k "$3" '.data[$k]'; fi
}
keys() { kubectl -n "$ns" get "$1" "$2" -o json | jq -r '.data // {} | keys[]'; }
items() { # kind name items-json dir: the items (or every key) as files
  local key
  if [ "$3" = null ]; then
    for key in $(keys "$1" "$2"); do data "$1" "$2" "$key" > "$4/$key"; done
  else
    jq -r '.[] | "\(.key) \(.path)"' <<<"$3" | while read -r key path; do
      mkdir -p "$(dirname "$4/$path")"; data "$1" "$2" "$key" > "$4/$path"; done
  fi
}
field() { # a downward API fieldPath
  case "$1" in
    metadata.namespace) printf %s "$ns" ;;
    spec.serviceAccountName) pod '.serviceAccountName // "default"' | tr -d '\n' ;;
    *) fail "fieldRef $1 is not supported" ;;
  esac
}

# Volumes, materialized under $stage/volumes/NAME.
sa="$(pod '.serviceAccountName // "default"')"
for v in $(pod '.volumes // [] | .[] | @base64'); do
  v="$(base64 -d <<<"$v")"
  vname="$(jq -r .name <<<"$v")" dir="$stage/volumes/$(jq -r .name <<<"$v")"
  mkdir -p "$dir"
  if jq -e .emptyDir <<<"$v" >/dev/null; then :
  elif jq -e .configMap <<<"$v" >/dev/null; then items configmap "$(jq -r .configMap.name <<<"$v")" "$(jq -c .configMap.items <<<"$v")" "$dir"
  elif jq -e .secret <<<"$v" >/dev/null; then items secret "$(jq -r .secret.secretName <<<"$v")" "$(jq -c .secret.items <<<"$v")" "$dir"
  elif jq -e .projected <<<"$v" >/dev/null; then
    for s in $(jq -r '.projected.sources[] | @base64' <<<"$v"); do
      s="$(base64 -d <<<"$s")"
      if jq -e .serviceAccountToken <<<"$s" >/dev/null; then
        kubectl -n "$ns" create token "$sa" --duration="$(jq -r '.serviceAccountToken.expirationSeconds // 3607' <<<"$s")s" \
          > "$dir/$(jq -r .serviceAccountToken.path <<<"$s")"
      elif jq -e .configMap <<<"$s" >/dev/null; then items configmap "$(jq -r .configMap.name <<<"$s")" "$(jq -c .configMap.items <<<"$s")" "$dir"
      elif jq -e .secret <<<"$s" >/dev/null; then items secret "$(jq -r .secret.name <<<"$s")" "$(jq -c .secret.items <<<"$s")" "$dir"
      elif jq -e .downwardAPI <<<"$s" >/dev/null; then
        jq -r '.downwardAPI.items[] | "\(.path) \(.fieldRef.fieldPath)"' <<<"$s" | while read -r path fp; do field "$fp" > "$dir/$path"; done
      else fail "projected source $(jq -c 'keys' <<<"$s") of volume $vname is not supported"; fi
    done
  else fail "volume $vname: only emptyDir, configMap, secret and projected volumes are supported"; fi
done

# The environment: image, then the kubelet's service variables, then the container's own.
server="$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')"
hostport="${server#https://}"
env_list=("${image_env[@]}" "KUBERNETES_SERVICE_HOST=${hostport%:*}" "KUBERNETES_SERVICE_PORT=${hostport##*:}")
for f in $(container '.envFrom // [] | .[] | @base64'); do
  f="$(base64 -d <<<"${f//\"/}")"
  if jq -e .secretRef <<<"$f" >/dev/null; then kind=secret ref="$(jq -r .secretRef.name <<<"$f")"
  elif jq -e .configMapRef <<<"$f" >/dev/null; then kind=configmap ref="$(jq -r .configMapRef.name <<<"$f")"
  else fail "envFrom $f is not supported"; fi
  for key in $(keys "$kind" "$ref"); do env_list+=("$key=$(data "$kind" "$ref" "$key")"); done
done
for e in $(container '.env // [] | .[] | @base64'); do
  e="$(base64 -d <<<"${e//\"/}")"
  var="$(jq -r .name <<<"$e")"
  if jq -e 'has("value")' <<<"$e" >/dev/null; then env_list+=("$var=$(jq -r .value <<<"$e")")
  elif jq -e .valueFrom.secretKeyRef <<<"$e" >/dev/null; then
    env_list+=("$var=$(data secret "$(jq -r .valueFrom.secretKeyRef.name <<<"$e")" "$(jq -r .valueFrom.secretKeyRef.key <<<"$e")")")
  elif jq -e .valueFrom.configMapKeyRef <<<"$e" >/dev/null; then
    env_list+=("$var=$(data configmap "$(jq -r .valueFrom.configMapKeyRef.name <<<"$e")" "$(jq -r .valueFrom.configMapKeyRef.key <<<"$e")")")
  elif jq -e .valueFrom.fieldRef <<<"$e" >/dev/null; then env_list+=("$var=$(field "$(jq -r .valueFrom.fieldRef.fieldPath <<<"$e")")")
  else fail "env $var: $(jq -c .valueFrom <<<"$e") is not supported"; fi
done

# The command line: the container's command (else the entrypoint) and its args, as the API server holds them.
mapfile -t command < <(container '.command // [] | .[]' | jq -r .)
[ ${#command[@]} -gt 0 ] || command=("${entrypoint[@]}")
mapfile -t args < <(container '.args // [] | .[]' | jq -r .)
uid="$(container '.securityContext.runAsUser // null' | grep -v null || pod '.securityContext.runAsUser // 0')"
gid="$(container '.securityContext.runAsGroup // null' | grep -v null || pod '.securityContext.runAsGroup // 0')"
fsgroup="$(pod '.securityContext.fsGroup // empty')"
readonly_root="$(container '.securityContext.readOnlyRootFilesystem // false')"
# Volume files belong to the fsGroup, readable by it (as the kubelet sets them up).
[ -z "$fsgroup" ] || { chgrp -R "$fsgroup" "$stage/volumes"; chmod -R g+rX "$stage/volumes"; }
for v in $(pod '.volumes // [] | .[] | select(.emptyDir) | .name'); do chmod 1777 "$stage/volumes/$v"; done
# Mounts as "SOURCE DEST ro|rw" lines: the image's files, then the container's volumeMounts.
{
  for m in "${image_mounts[@]}"; do echo "${m%%:*} ${m#*:} ro"; done
  container '.volumeMounts // [] | .[] | "\(.name) \(.mountPath) \(if .readOnly then "ro" else "rw" end)"' | jq -r . \
    | while read -r vname dest mode; do echo "$stage/volumes/$vname $dest $mode"; done
} > "$stage/mounts"

# In a private mount namespace: stage reachable at /mnt whatever covers /tmp, overlays for missing
# mount points, then the read-only root, then the process with only its environment and identity
# (the fsGroup as its supplementary group, as the kubelet adds it).
unshare --mount --propagation private /bin/bash -c '
  set -euo pipefail
  stage="$1" readonly_root="$2" uid="$3" gid="$4" groups="$5"; shift 5
  mount -t tmpfs tmpfs /mnt
  mkdir /mnt/stage /mnt/overlays
  mount --bind "$stage" /mnt/stage
  overlaid=" "
  while read -r src dest mode; do
    case "$src" in "$stage"/*) src="/mnt/stage${src#"$stage"}" ;; esac
    if [ ! -e "$dest" ]; then
      a="$dest"; while [ ! -e "$a" ]; do a="$(dirname "$a")"; done
      top="/$(readlink -f "$a" | cut -d/ -f2)"
      case "$overlaid" in *" $top "*) ;; *)
        o="/mnt/overlays${top}"; mkdir -p "$o/upper" "$o/work"
        mount -t overlay overlay -o "lowerdir=$top,upperdir=$o/upper,workdir=$o/work" "$top"
        overlaid="$overlaid$top " ;; esac
      if [ -d "$src" ]; then mkdir -p "$dest"; else mkdir -p "$(dirname "$dest")"; touch "$dest"; fi
    fi
    mount --bind "$src" "$dest"
    [ "$mode" = rw ] || mount -o remount,bind,ro "$dest"
  done < /mnt/stage/mounts
  if [ "$readonly_root" = true ]; then
    mount -o remount,bind,ro /
    for top in $overlaid; do mount -o remount,bind,ro "$top"; done
  fi
  if [ -n "$groups" ]; then exec setpriv --reuid "$uid" --regid "$gid" --groups "$groups" "$@"; fi
  exec setpriv --reuid "$uid" --regid "$gid" --clear-groups "$@"' \
  _ "$stage" "$readonly_root" "$uid" "$gid" "$fsgroup" env -i "${env_list[@]}" "${command[@]}" "${args[@]}" &
# The process keeps this script's place (its pid is unshare's, exec'd through to the entrypoint):
# a TERM or INT here reaches it, and the staged volumes (a token among them) are removed afterwards.
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT
status=0
wait "$child" || status=$?
if kill -0 "$child" 2>/dev/null; then wait "$child" || status=$?; fi
exit "$status"
