#!/bin/sh
# Set up a fresh Debian machine for this project, then run `make TARGET...`.
#
#   sh bootstrap.sh run    # everything, then build the sample into dist/
#   sh bootstrap.sh test   # everything, then the test suite
#
# System packages are installed with apt-get (as root) only when missing.
# libharfbuzz-subset0 matters: without it WeasyPrint silently falls back to
# fontTools and a 2-page CJK brief takes ~15 s instead of ~0.3 s. After the
# install, `toolkit doctor` (run by `make setup`) fails loudly if it is absent.
set -eu
cd "$(dirname "$0")"

PACKAGES="make python3 python3-venv python3-pip
libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
fonts-noto-cjk fonts-noto-core gettext poppler-utils"
# The browser the tests of `toolkit serve` drive (Playwright, pointed at the
# system's build), and npm, which fetches axe-core for their accessibility
# checks: for the tests only, not for the main job.
case " $* " in
    *" test "*)
        PACKAGES="$PACKAGES chromium"
        # (a machine whose Node.js came with its own npm, as NodeSource's
        # does, keeps it: Debian's npm would fight that nodejs)
        command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm" ;;
esac

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done

if [ -n "$missing" ]; then
    echo "bootstrap: installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then
        echo "bootstrap: these Debian packages are missing and installing them needs root:$missing" >&2
        echo "bootstrap: run 'sudo sh bootstrap.sh $*' or install them first" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi

exec make "$@"
