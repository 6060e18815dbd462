#!/usr/bin/env bash
# Installs the servers the Registry's cluster deployment and its tests run, where they are missing:
#   postgresql  PostgreSQL 15 server binaries and PostGIS (Debian packages postgresql-15, postgresql-15-postgis-3; the
#               tests compare the Registry's geodesy with PostGIS geography; no cluster is created or started)
#   redis       redis-server (Debian package redis-server; the package's own service is not needed)
#   azurite     the Azure Storage emulator from npm, into tests/.tools/node_modules (pinned in tests/.tools)
#   gdal        GDAL's ogrinfo and ogr2ogr (Debian package gdal-bin; a test reads the OGC API with them)
#   chromium    headless Chromium (Debian package chromium; the browser tests of the map and statistics pages)
# Usage: deploy/prerequisites.sh [postgresql] [redis] [azurite] [gdal] [chromium]   (no argument: the three servers)
# Debian packages need root (or passwordless sudo). Safe to run concurrently: installs are serialized by a lock.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(postgresql redis azurite)

have_postgresql() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null; }
have_postgis() { compgen -G '/usr/share/postgresql/*/extension/postgis.control' >/dev/null; }
have_redis() { command -v redis-server >/dev/null; }
have_azurite() { [ -x "$root/tests/.tools/node_modules/.bin/azurite-table" ]; }
have_gdal() { command -v ogrinfo >/dev/null && command -v ogr2ogr >/dev/null; }
have_chromium() { command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else
    echo "prerequisites: '$*' needs root; run this script as root or install the package yourself." >&2
    return 1
  fi
}

apt_install() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # The packages' own services are not wanted: the Registry starts its servers itself on free ports.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "$@"
}

lock="${TMPDIR:-/tmp}/registry-prerequisites-$(id -u).lock"
exec 9>"$lock"
flock 9

packages=()
for item in "${wanted[@]}"; do
  case "$item" in
    postgresql)
      have_postgresql || packages+=(postgresql-15)
      have_postgis || packages+=(postgresql-15-postgis-3) ;;
    redis) have_redis || packages+=(redis-server) ;;
    azurite) ;;
    gdal) have_gdal || packages+=(gdal-bin) ;;
    chromium) have_chromium || packages+=(chromium) ;;
    *) echo "prerequisites: unknown item '$item' (postgresql, redis, azurite, gdal, chromium)" >&2; exit 2 ;;
  esac
done
if [ ${#packages[@]} -gt 0 ]; then
  echo "prerequisites: installing ${packages[*]}" >&2
  apt_install "${packages[@]}"
fi

for item in "${wanted[@]}"; do
  if [ "$item" = azurite ] && ! have_azurite; then
    if ! command -v npm >/dev/null; then
      echo "prerequisites: installing nodejs and npm for Azurite" >&2
      apt_install nodejs npm
    fi
    echo "prerequisites: installing Azurite into tests/.tools" >&2
    (cd "$root/tests/.tools" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

for item in "${wanted[@]}"; do
  case "$item" in
    postgresql) have_postgresql || { echo "prerequisites: PostgreSQL binaries still missing" >&2; exit 1; } ;;
    redis) have_redis || { echo "prerequisites: redis-server still missing" >&2; exit 1; } ;;
    azurite) have_azurite || { echo "prerequisites: Azurite still missing" >&2; exit 1; } ;;
    gdal) have_gdal || { echo "prerequisites: GDAL (ogrinfo, ogr2ogr) still missing" >&2; exit 1; } ;;
    chromium) have_chromium || { echo "prerequisites: Chromium still missing" >&2; exit 1; } ;;
  esac
done
