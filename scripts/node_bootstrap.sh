#!/usr/bin/env bash
# Install the pinned Node LTS and npm (frontend/node-tools.json) into frontend/.node from
# the npm registry. Needs some npm to start with: the machine's, or Debian's.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: installing Debian's to bootstrap the pinned Node"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi
mkdir -p frontend/.node
cp frontend/node-tools.json frontend/.node/package.json
(cd frontend/.node && npm install --no-audit --no-fund --no-save --loglevel=error >/dev/null)
frontend/.node/node_modules/.bin/node --version
