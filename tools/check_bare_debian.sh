#!/usr/bin/env bash
# Follow the README word for word on a bare machine: a minimal Debian 12 root made with
# debootstrap (--variant=minbase: no Python, no Qt libraries, no CA bundle beyond Debian's).
# Run as root on a Debian host:  bash tools/check_bare_debian.sh [ROOT_DIR]
# Steps: the README's apt-get line (without sudo: we are root), its test command, then its
# install command and the window under Xvfb, with a screenshot in ROOT_DIR/tmp/window.png.
# Behind a TLS-intercepting proxy, set HOST_CA=/path/to/bundle.crt so pip inside trusts it
# (a new user's machine does not need this).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
R=${1:-/tmp/foia-bare-debian}
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap
[ -x "$R/bin/bash" ] || debootstrap --variant=minbase bookworm "$R" http://deb.debian.org/debian
mountpoint -q "$R/proc" || mount -t proc proc "$R/proc"
mountpoint -q "$R/dev" || mount --bind /dev "$R/dev"
cp /etc/resolv.conf "$R/etc/resolv.conf"
rm -rf "$R/root/app" && git clone -q "$here" "$R/root/app"
line=$(grep -m1 'apt-get install' "$here/README.md" | sed 's/^sudo //')
chroot "$R" /bin/bash -c "apt-get update -qq && $line"
if [ -n "${HOST_CA:-}" ]; then cp "$HOST_CA" "$R/etc/ssl/certs/ca-certificates.crt"; fi
# The README's test command, as written (tests set QT_QPA_PLATFORM=offscreen themselves).
test_cmd=$(grep -m1 -- '-e ".\[test\]"' "$here/README.md")
chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root /bin/bash -c "cd /root/app && $test_cmd"
# The README's install-and-start command, under a virtual X server (a real xcb window).
chroot "$R" /bin/bash -c "apt-get install -y -qq xvfb x11-utils x11-apps imagemagick >/dev/null"
start_cmd=$(grep -m1 -- 'pip install -c requirements.lock \. &&' "$here/README.md")
chroot "$R" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root /bin/bash -c "
  cd /root/app && rm -rf .venv && xvfb-run -a -s '-screen 0 1280x800x24' bash -c '
    ($start_cmd > /tmp/app.log 2>&1 &)
    for i in \$(seq 1 600); do xwininfo -root -tree | grep -q \"FOIA Assist\" && break; sleep 0.5; done
    xwininfo -root -tree | grep \"FOIA Assist\" || { cat /tmp/app.log; exit 1; }
    xwd -root -silent | convert xwd:- /tmp/window.png'"
echo "README followed on a bare Debian root: tests passed and the window opened ($R/tmp/window.png)"
