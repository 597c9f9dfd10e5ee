#!/usr/bin/env bash
# The main job: install, build, evaluate the bundled CNC example, write its files under out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/bin/eqroi run configs/examples/cnc_replacement.toml --out-dir out
