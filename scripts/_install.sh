# Sourced by scripts/serve and scripts/test: create .venv in the repo and install pinned packages.
# Works on a fresh Debian 12 with only Python 3.11: installs python3-venv with apt when it is missing.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

find_python() {
    for candidate in "${PYTHON:-}" python3.11 python3; do
        if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "error: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)" >&2
    return 1
}

ensure_venv() {
    local python
    python="$(find_python)"
    if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys' 2>/dev/null; then
        rm -rf .venv
        if ! "$python" -m venv .venv 2>/dev/null; then
            # Debian ships venv/ensurepip separately.
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
                echo "installing python3-venv with apt-get..." >&2
                apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
                rm -rf .venv
                "$python" -m venv .venv
            else
                echo "error: '$python -m venv' failed; install python3-venv (apt-get install python3-venv)" >&2
                return 1
            fi
        fi
    fi
}

# install_requirements FILE: pip-install FILE (pinned) and the project, skipping when nothing changed.
install_requirements() {
    local requirements="$1" stamp digest
    stamp=".venv/.installed-$(basename "$requirements" .txt)"
    digest="$(cat "$requirements" requirements.txt constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
        return 0
    fi
    echo "installing pinned packages from $requirements into .venv..." >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements" -c constraints.txt
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    echo "$digest" > "$stamp"
}

# ensure_chromium: Debian's Chromium for the browser tests (never Playwright's own download).
# Installs the `chromium` package with apt-get when it is missing and we are root; otherwise
# says so, and the browser tests skip (or fail under CI=true).
ensure_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian's chromium with apt-get (for the browser tests)..." >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
    else
        echo "warning: /usr/bin/chromium is missing; run 'apt-get install chromium' as root for the browser tests" >&2
    fi
}

# ensure_services: Debian's PostgreSQL and Redis server binaries for the scale-out tests, which start
# throwaway instances of their own (tests/_services.py); the system's own services are never used.
ensure_services() {
    local missing=()
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing Debian's ${missing[*]} with apt-get (for the scale-out tests)..." >&2
        apt-get update -qq
        # policy-rc.d 101: install the packages without starting the system's own services.
        local policy=/usr/sbin/policy-rc.d made_policy=0
        if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1; fi
        local status=0
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || status=$?
        [ "$made_policy" = 1 ] && rm -f "$policy"
        return "$status"
    else
        echo "warning: ${missing[*]} missing; run 'apt-get install ${missing[*]}' as root for the scale-out tests" >&2
    fi
}
