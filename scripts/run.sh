#!/usr/bin/env bash
# Sets everything up and runs minsheng on http://127.0.0.1:8080 with an SQLite file under ./var/,
# loading the demo data the first time. Extra arguments go to `minsheng serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target minsheng

mkdir -p var
db=var/minsheng.db
if [[ ! -s $db ]]; then
  build/release/minsheng demo --db "sqlite:$db"
fi
echo "demo users: admin, registrar, coordinator, supervisor, leader, deputy, handler-<department> … (password demo12345)"
echo "web app: http://127.0.0.1:8080/ (staff), http://127.0.0.1:8080/portal (public)"
exec build/release/minsheng serve --listen 127.0.0.1:8080 --db "sqlite:$db" --web-root web/dist "$@"
