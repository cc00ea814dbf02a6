import { appNames } from "../../../model/catalog/apps";
import { tunedInitMarkers } from "../../../model/bootProfile";
import { guestAgentChannel } from "../../../model/engineNames";
import { seedFileNames, seedVolumeLabel } from "../../../model/seed";
import type { Catalog } from "./catalog";
import { shellQuote } from "./quoting";

/** The shell words that start an app as its catalog user (and that user's group) with its catalog environment. */
export function appLaunchWords(spec: Catalog["apps"][keyof Catalog["apps"]]): string[] {
  const environment = Object.entries(spec.environment).map(([name, value]) => `${name}=${value}`);
  const user = shellQuote(spec.user);
  // Not every user's group has the user's name (Debian's nobody is in nogroup): the shell asks at boot.
  const asUser = spec.user === "root" ? [] : ["setpriv", `--reuid=${user}`, `--regid="$(id -g ${user})"`, "--init-groups"];
  return [...asUser, ...["env", ...environment, ...spec.command].map(shellQuote)];
}

/**
 * PID 1 of the tuned profile (model/bootProfile.ts): what systemd, the seed unit and the app unit do in the typical
 * profile, reduced to what the one app needs. It finds the seed disk, applies host name and hosts, starts the app, and
 * while the app starts gives the NIC its address (every app listens on all addresses and reaches the others only when
 * asked), then starts the QEMU guest agent on its virtio channel, and reaps whatever ends. The initramfs has moved
 * /dev, /proc, /sys and /run into the root. It writes the markers the host times the phases by to the console; if the
 * app exits, the VM powers off.
 */
export function tunedInitScript(catalog: Catalog): string {
  const launches = appNames.map((app) => `  ${app}) ${appLaunchWords(catalog.apps[app]).join(" ")} > "$app_log" 2>&1 & ;;`);
  return `#!/bin/sh
set -u
say() { echo "$*" > /dev/console; }
fail() { say "lab-init: $*"; echo o > /proc/sysrq-trigger; sleep 60; }
start_guest_agent() {
  modprobe virtio_console || { say "lab-init: cannot load virtio_console, no guest agent"; return; }
  for _ in $(seq 1 100); do
    for port in /sys/class/virtio-ports/*; do
      if [ -e "$port/name" ] && [ "$(cat "$port/name")" = "${guestAgentChannel}" ]; then
        qemu-ga --method=virtio-serial --path="/dev/\${port##*/}" &
        return
      fi
    done
    sleep 0.05
  done
  say "lab-init: no ${guestAgentChannel} channel, no guest agent"
}
say "${tunedInitMarkers.started}"
modprobe virtio_net &
nic_driver=$!
device=""
for _ in $(seq 1 100); do
  device=$(blkid -L ${seedVolumeLabel}) && break
  sleep 0.05
done
[ -n "$device" ] || fail "no disk labelled ${seedVolumeLabel}"
seed=/run/lab-seed
mkdir -p "$seed"
mount -t iso9660 -o ro "$device" "$seed" || fail "cannot mount the seed disk $device"
app=$(cat "$seed/${seedFileNames.app}")
cat "$seed/${seedFileNames.hostname}" > /proc/sys/kernel/hostname
cp "$seed/${seedFileNames.hosts}" /etc/hosts
address=$(sed -n 's/^Address=//p' "$seed/${seedFileNames.network}")
umount "$seed"
ip link set lo up
# Into a file, not onto the console: every line on an emulated serial port costs boot time.
app_log="/var/log/lab-$app.log"
say "${tunedInitMarkers.appExec} $app"
case "$app" in
${launches.join("\n")}
  *) fail "the seed names app '$app', which this image cannot run" ;;
esac
app_pid=$!
wait "$nic_driver" || fail "cannot load virtio_net"
ip address add "$address" dev eth0 || fail "cannot give eth0 the address $address"
ip link set eth0 up
start_guest_agent
while kill -0 "$app_pid" 2>/dev/null; do wait; done
fail "$app exited"
`;
}
