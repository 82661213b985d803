#!/usr/bin/env bash
# Builds a self-contained device bundle: a folder that runs the device check on a bare Linux x86-64 GPU
# machine (no JDK, no Maven, no TornadoVM, no network):
#
#   scripts/device-bundle.sh OUT_DIR          then, on the GPU machine:   bash OUT_DIR/run.sh RESULT_DIR [--quick]
#
# OUT_DIR gets run.sh (scripts/device-bundle-run.sh) and payload.tar.xz: a jlinked Temurin runtime with
# only the modules needed, the TornadoVM SDK of TORNADOVM_HOME trimmed to what runs (no unit-test,
# benchmark, example, fuzz or Truffle jars; every backend's driver in its own folder, with an argfile per
# set of backends so that run.sh loads only those whose libraries the machine has), the application jar
# (built here against the SDK's tornado-api), the Pong ROM and the OpenCL ICD loader. Jars are stored
# uncompressed so that xz compresses their classes. The folder must stay within MAX_MIB (56 MiB) as it
# travels: the script prints its size and fails above that.
#
# XZ_OPT sets xz's level (default 6; a lower one is faster and a little larger).
# Needs: TORNADOVM_HOME (for an NVIDIA machine the OpenCL+PTX SDK, ../shared/tornadovm/), a JDK >= 25
# with jlink (env.sh finds it), Maven, python3, xz, and pong.bin in $SPARSEDRL_ROMS (default roms/).
# OUT_DIR must be new, or a bundle this script made earlier (it is then replaced); inside the repository
# it must be git-ignored (.device-bundle/ is). Exit 2 on bad usage, 1 when a build step fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

MAX_MIB=56
MARKER=.sparsedrl-device-bundle
# Modules of the runtime: the application's (jdeps: java.desktop for the plots, java.sql, java.management,
# jdk.unsupported, jdk.incubator.vector) and TornadoVM's (jdk.internal.vm.ci, java.logging,
# jdk.management; the PTX driver requires java.desktop).
MODULES=java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.internal.vm.ci,jdk.incubator.vector,java.desktop,java.sql
# SDK jars no run needs: TornadoVM's tests, benchmarks, examples, fuzzing and Truffle, and their libraries.
TRIM_JARS="tornado-unittests-* tornado-benchmarks-* tornado-examples-* tornado-fuzz-* tornado-matrices-*
  junit-* hamcrest-core-* jmh-core-* jopt-simple-* lucene-core-* ejml-* truffle-api-*"
# Sets of backends run.sh can choose from (TornadoVM loads every driver on its module path, and one whose
# native library cannot load stops the whole runtime).
VARIANTS="opencl ptx opencl,ptx"

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
die() { echo "device-bundle: $1" >&2; exit "${2:-1}"; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac
[ $# -eq 1 ] || die "one argument, OUT_DIR, expected (see --help)" 2
out="$1"

# shellcheck source=../env.sh
source "$root/env.sh" || die "no JDK found (see above)" 2
[ -n "${TORNADOVM_HOME:-}" ] || die "set TORNADOVM_HOME to a TornadoVM SDK (for NVIDIA: the OpenCL+PTX archive in ../shared/tornadovm/, extracted)" 2
sdk_src="$TORNADOVM_HOME"
[ -f "$sdk_src/tornado-argfile.template" ] && [ -f "$sdk_src/etc/tornado.release" ] \
  || die "$sdk_src is not a TornadoVM SDK (no tornado-argfile.template or etc/tornado.release)" 2
jdk_release="$(sparsedrl_jdk_release "$JAVA_HOME")"
[ "$jdk_release" -ge 25 ] && [ -x "$JAVA_HOME/bin/jlink" ] \
  || die "TornadoVM 5.2 needs a JDK 25 with jlink; JAVA_HOME=$JAVA_HOME is release $jdk_release" 2
for tool in python3 xz mvn; do
  command -v "$tool" >/dev/null || die "$tool is needed to build the bundle" 2
done
rom="${SPARSEDRL_ROMS}/pong.bin"
[ -f "$rom" ] || die "no Pong ROM at $rom: run scripts/install-roms.sh or set SPARSEDRL_ROMS" 2

# OUT_DIR: new, or one of our bundles; inside the repository only where git ignores it.
if [ -e "$out" ]; then
  [ -d "$out" ] || die "$out exists and is not a folder" 2
  if [ -n "$(ls -A "$out")" ] && [ ! -f "$out/$MARKER" ]; then
    die "$out is not empty and holds no bundle of this script: choose a new folder" 2
  fi
fi
out="$(realpath -m "$out")"
case "$out/" in
  "$root"/*)
    if ! git -C "$root" check-ignore -q "$out/$MARKER"; then
      die "$out is inside the repository but not git-ignored: use .device-bundle/ (ignored) or add it to .git/info/exclude" 2
    fi ;;
esac
mkdir -p "$out"

stage="$(mktemp -d "${TMPDIR:-/tmp}/sparsedrl-bundle.XXXXXX")"
trap 'rm -rf "$stage"' EXIT
step() { echo "device-bundle: $*"; }

# --- the application jar, compiled against this SDK's tornado-api (pom.xml, profile tornado-sdk) ---
step "building the application jar against $sdk_src/share/java/tornado/tornado-api-*.jar"
if ! (cd "$root" && mvn -B -ntp -q clean package -DskipTests -Dmaven.test.skip=true) > "$stage/mvn.log" 2>&1; then
  cat "$stage/mvn.log" >&2
  die "mvn package failed"
fi
mkdir -p "$stage/bundle"
jar_src="$root/agent/target/sparsedrl.jar"

# Rewrites a jar with its entries stored (uncompressed, same order and names): xz packs classes better.
store_jars() {
  python3 - "$@" <<'PY'
import os, sys, zipfile
for path in sys.argv[1:]:
    tmp = path + ".stored"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info), compress_type=zipfile.ZIP_STORED)
    os.replace(tmp, path)
PY
}
cp "$jar_src" "$stage/bundle/sparsedrl.jar"
store_jars "$stage/bundle/sparsedrl.jar"

# --- the Java runtime ---
step "jlink: $MODULES"
if ! "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress zip-0 --output "$stage/bundle/jre" > "$stage/jlink.log" 2>&1; then
  cat "$stage/jlink.log" >&2
  die "jlink failed"
fi
rm -f "$stage/bundle/jre/bin/keytool"
find "$stage/bundle/jre" -name '*.so' -exec strip --strip-unneeded {} + 2>/dev/null || true
java_new="$stage/bundle/jre/bin/java"

# --- the TornadoVM SDK, trimmed; each backend's driver in share/java/backend-NAME ---
step "TornadoVM SDK from $sdk_src"
sdk="$stage/bundle/tornadovm-sdk"
mkdir -p "$sdk"
cp -a "$sdk_src/bin" "$sdk_src/etc" "$sdk_src/lib" "$sdk_src/share" "$sdk_src"/LICENSE* "$sdk_src/tornado-argfile.template" "$sdk/"
rm -f "$sdk/tornado-argfile"
for pattern in $TRIM_JARS; do
  rm -f "$sdk"/share/java/tornado/$pattern "$sdk"/share/java/graalJars/$pattern
done
for backend in opencl ptx; do
  mkdir -p "$sdk/share/java/backend-$backend"
  if compgen -G "$sdk/share/java/tornado/tornado-drivers-$backend-*.jar" >/dev/null; then
    mv "$sdk"/share/java/tornado/tornado-drivers-"$backend"-*.jar "$sdk/share/java/backend-$backend/"
  fi
done
store_jars "$sdk"/share/java/*/*.jar

# One argfile template per set of backends, made by the SDK's own generator (module roots, native
# access and export lists differ), with its module path pointing at those backends' folders only.
mkdir -p "$sdk/etc/sparsedrl-backends"
for variant in $VARIANTS; do
  name="${variant/,/-}"
  modules=""
  for b in ${variant//,/ }; do
    [ -n "$(ls "$sdk/share/java/backend-$b" 2>/dev/null)" ] || continue 2   # this SDK lacks the backend
    modules="$modules:\${TORNADOVM_HOME}/share/java/backend-$b"
  done
  backends_line="tornado.backends=$(echo "$variant" | sed 's/\([a-z][a-z]*\)/\1-backend/g')"
  echo "$backends_line" > "$sdk/etc/tornado.backend"
  tmpl_dir="$stage/tmpl-$name"
  mkdir -p "$tmpl_dir"
  (export TORNADOVM_HOME="$sdk" PATH="$JAVA_HOME/bin:$PATH"; python3 "$sdk/bin/gen-tornado-argfile-template.py" "$variant" "$tmpl_dir" >/dev/null) \
    || die "the SDK's gen-tornado-argfile-template.py failed for $variant"
  grep -q '^--module-path \.:\${TORNADOVM_HOME}/share/java/tornado$' "$tmpl_dir/tornado-argfile.template" \
    || die "unexpected --module-path line in the $variant argfile template"
  sed "s#^--module-path \.:\(\${TORNADOVM_HOME}/share/java/tornado\)\$#--module-path \1$modules#" \
    "$tmpl_dir/tornado-argfile.template" > "$sdk/etc/sparsedrl-backends/$name.argfile"
  echo "$backends_line" > "$sdk/etc/sparsedrl-backends/$name.backend"
  # The module graph must resolve with the new runtime (no native library is loaded by --dry-run).
  sed "s#\${TORNADOVM_HOME}#$sdk#g" "$sdk/etc/sparsedrl-backends/$name.argfile" > "$stage/check.argfile"
  if ! check_out="$("$java_new" @"$stage/check.argfile" --dry-run -jar "$stage/bundle/sparsedrl.jar" 2>&1)"; then
    echo "$check_out" >&2
    die "the $variant backends do not start on the jlinked runtime (module graph above)"
  fi
  step "backends $variant: argfile etc/sparsedrl-backends/$name.argfile"
done
cp "$sdk_src/etc/tornado.backend" "$sdk/etc/tornado.backend"
[ -n "$(ls "$sdk/etc/sparsedrl-backends")" ] || die "the SDK at $sdk_src has neither an OpenCL nor a PTX driver"

# --- ROM, the OpenCL ICD loader (for a host with NVIDIA's OpenCL driver but no loader), the record ---
mkdir -p "$stage/bundle/roms" "$stage/bundle/opencl-loader"
cp "$rom" "$stage/bundle/roms/pong.bin"
loader="$(ldconfig -p 2>/dev/null | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')"
if [ -n "$loader" ] && [ -f "$loader" ]; then
  cp -L "$loader" "$stage/bundle/opencl-loader/libOpenCL.so.1"
else
  step "no libOpenCL.so.1 here: the bundle will rely on the GPU machine's OpenCL loader"
fi
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -z "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ] || commit="$commit+changes"
{
  echo "bundle_commit=$commit"
  echo "bundle_built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "bundle_jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "bundle_tornadovm=$(tr '\n' ' ' < "$sdk_src/etc/tornado.release")"
  echo "bundle_backends=$(ls "$sdk/etc/sparsedrl-backends" | sed -n 's/\.argfile$//p' | tr '\n' ' ')"
} > "$stage/bundle/BUNDLE-INFO"

# --- pack ---
step "compressing (xz)"
rm -f "$out/payload.tar.xz" "$out/payload.sha256" "$out/run.sh" "$out/$MARKER"
# xz's default level (6) unless XZ_OPT names another (CI: a faster one; the size limit holds either way).
tar -C "$stage/bundle" -cf - . | xz -T2 > "$out/payload.tar.xz.part" || die "tar/xz failed"
mv "$out/payload.tar.xz.part" "$out/payload.tar.xz"
(cd "$out" && sha256sum payload.tar.xz > payload.sha256)
cp "$root/scripts/device-bundle-run.sh" "$out/run.sh"
chmod +x "$out/run.sh"
touch "$out/$MARKER"

bytes="$(du -cb "$out"/* "$out/$MARKER" | tail -n 1 | cut -f1)"
mib="$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}')"
for part in jre tornadovm-sdk sparsedrl.jar; do
  echo "  $part: $(du -sh "$stage/bundle/$part" | cut -f1) unpacked"
done
echo "device-bundle: $out: $mib MiB ($bytes bytes; limit $MAX_MIB MiB)"
if [ "$bytes" -gt $((MAX_MIB * 1048576)) ]; then
  die "the bundle is $mib MiB, over the $MAX_MIB MiB limit"
fi
echo "device-bundle: run it with: bash $out/run.sh RESULT_DIR [--quick]"
