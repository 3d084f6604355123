#!/usr/bin/env bash
# Installs the Debian 12 packages minsheng needs (skipped when they are all there already), then builds the
# web app into web/dist (skipped when it is newer than its sources) and installs the end-to-end tests'
# npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  lld   # links the large sanitized test binaries about 3x faster than GNU ld (CMakeLists.txt)
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libsodium-dev libpq-dev libicu-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15
  wrk curl unzip jq   # unzip: the tests read the exported .xlsx; jq: bench/scale.sh
  chromium fonts-wqy-microhei   # the browser for the e2e tests, and a CJK font for their screenshots
  poppler-utils   # issue 12, bulletins: the e2e test reads the printed PDF (pdfinfo, pdftotext, pdftoppm)
)
# Node.js and npm for the web app, from Debian only when no node is installed already.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

source scripts/lib/packages.sh
install_missing_packages "${packages[@]}"

# The web app: npm ci and vite build, unless web/dist is newer than every source file.
web_is_built() {
  [[ -f web/dist/index.html ]] || return 1
  local newer
  newer=$(find web/src web/public web/index.html web/package.json web/package-lock.json web/vite.config.js web/scripts \
    -newer web/dist/index.html -print -quit 2>/dev/null || true)
  [[ -z $newer ]]
}
if ! web_is_built; then
  echo "building the web app (web/dist)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
fi

# The end-to-end tests' packages (playwright-core), once their lock file exists.
if [[ -f tests/e2e/package-lock.json ]]; then
  if [[ ! -f tests/e2e/node_modules/.package-lock.json || tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]]; then
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
