#!/usr/bin/env bash
# Install (first time) and launch the desktop app on ./data.db.
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_POSTGRES=0 bash scripts/setup-system.sh
bash scripts/venv.sh
exec .venv/bin/timeline-app "$@"
