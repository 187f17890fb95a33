#!/usr/bin/env bash
# Execute every notebook in notebooks/ headless with the tslab TypeScript kernel; any cell error fails.
# Needs: jupyter-notebook, jupyter-nbconvert, python3-ipykernel (Debian) and `npm ci` (tslab is a devDependency).
# INFOPLANE_QUICK=1 (the default here) shortens training; run with INFOPLANE_QUICK=0 for the full experiments.
# Executed copies go to $NOTEBOOK_OUT (default: a temporary folder); the committed notebooks are not modified.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export INFOPLANE_QUICK="${INFOPLANE_QUICK:-1}"
out="${NOTEBOOK_OUT:-$(mktemp -d)}"
mkdir -p "$out" && out="$(cd "$out" && pwd)"
command -v jupyter >/dev/null || { echo "jupyter is missing: apt-get install -y jupyter-notebook jupyter-nbconvert python3-ipykernel" >&2; exit 1; }
tslab install --python=/usr/bin/python3 >/dev/null
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
    echo "notebook FAILED: $nb (log below)"; tail -40 "$out/$(basename "$nb").log"; failed=1
  fi
done
echo "notebooks: $(( ${#notebooks[@]} - failed )) passed, $failed failed"
exit $failed
