#!/usr/bin/env bash
# `npm run notebooks`: execute every notebook in notebooks/ headless with the tslab TypeScript kernel; any cell
# error fails. Runs exactly what notebooks/README.md tells users (no PATH of our own): the kernel registered by
# `npm run notebooks:kernel` (Jupyter starts this project's tslab by its absolute path), `infoplane` resolved by
# Node from the repository's node_modules (npm links the package to itself: devDependency "infoplane": "file:.").
# Needs: jupyter-notebook, jupyter-nbconvert, python3-ipykernel (Debian) and `npm install` + `npm run build`.
# INFOPLANE_QUICK=1 (the default here) shortens training; run with INFOPLANE_QUICK=0 for the full experiments.
# Executed copies go to $NOTEBOOK_OUT (default: a temporary folder); the committed notebooks are not modified.
set -euo pipefail
cd "$(dirname "$0")/.."
export INFOPLANE_QUICK="${INFOPLANE_QUICK:-1}"
# `npm run` puts node_modules/.bin on PATH; a user's shell that starts Jupyter does not: take it off again, so
# that these runs fail where a user's would (a kernel that needs a bare `tslab` on PATH).
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v '/node_modules/\.bin$' | paste -sd: -)
export PATH
out="${NOTEBOOK_OUT:-$(mktemp -d)}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
command -v jupyter >/dev/null || { echo "jupyter is missing: apt-get install -y jupyter-notebook jupyter-nbconvert python3-ipykernel" >&2; exit 1; }
[ -f dist/index.js ] || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }
node -e "require.resolve('infoplane', {paths: ['notebooks']})" 2>/dev/null || { echo "infoplane does not resolve from notebooks/: run npm install (it links the package into node_modules)" >&2; exit 1; }
# The kernel must start this project's tslab whatever PATH Jupyter has: check what is registered.
python=$(command -v python3 || true)
for p in "${PYTHON:-}" python3 /usr/bin/python3; do [ -n "$p" ] && "$p" -c 'import jupyter_client' 2>/dev/null && { python=$p; break; }; done
kernel=$("$python" -c 'import json; from jupyter_client.kernelspec import KernelSpecManager as K; print(K().get_kernel_spec("tslab").argv[0])' 2>/dev/null || true)
if [ "$kernel" != "$(pwd -P)/node_modules/tslab/bin/tslab" ]; then
  echo "the tslab kernel is not registered for this project (kernel.json starts '${kernel:-nothing}'): run npm run notebooks:kernel" >&2
  exit 1
fi
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then echo "no notebooks to run"; exit 0; fi
failed=0
for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  if (cd notebooks && jupyter nbconvert --to notebook --execute "$(basename "$nb")" --output-dir "$out" \
        --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.kernel_name=tslab >"$out/$(basename "$nb").log" 2>&1); then
    echo "notebook ok: $nb ($(( $(date +%s) - start )) s)"
  else
    echo "notebook FAILED: $nb (log below)"; tail -40 "$out/$(basename "$nb").log"; failed=$((failed + 1))
  fi
done
echo "notebooks: $(( ${#notebooks[@]} - failed )) passed, $failed failed"
[ "$failed" -eq 0 ]
