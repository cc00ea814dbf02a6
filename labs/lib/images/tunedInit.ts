import { appNames, tunedCommandOf } from "../../../model/catalog/apps";
import { tunedInitMarkers } from "../../../model/bootProfile";
import { guestAgentChannel } from "../../../model/engineNames";
import { seedFileNames, seedVolumeLabel } from "../../../model/seed";
import type { Catalog } from "./catalog";
import { shellQuote } from "./quoting";

/** The shell words that start an app the tuned profile's way, as its catalog user (and that user's group) with its catalog environment. */
export function appLaunchWords(spec: Catalog["apps"][keyof Catalog["apps"]]): string[] {
  const environment = Object.entries(spec.environment).map(([name, value]) => `${name}=${value}`);
  const user = shellQuote(spec.user);
  // Not every user's group has the user's name (Debian's nobody is in nogroup): the shell asks at boot.
  const asUser = spec.user === "root" ? [] : ["setpriv", `--reuid=${user}`, `--regid="$(id -g ${user})"`, "--init-groups"];
  return [...asUser, ...["env", ...environment, ...tunedCommandOf(spec)].map(shellQuote)];
}

/**
 * PID 1 of the tuned profile (model/bootProfile.ts): what systemd, the seed unit and the app unit do in the typical
 * profile, reduced to what the one app needs. It finds the seed disk, applies host name and hosts, starts the app, and
 * while the app starts gives the NIC its address (every app listens on all addresses and reaches the others only when
 * asked), then starts the QEMU guest agent on its virtio channel, and reaps whatever ends. The initramfs has moved
 * /dev, /proc, /sys and /run into the root. It writes the markers the host times the phases by to the console; if the
 * app exits, the VM powers off.
 * An app with a tuned start (the catalog's tunedStart) gets it prepared at the VM's first boot.
 * Under emulation each program it starts costs 60–100 ms of the one vCPU, so the path to the app's exec reads the seed
 * with the shell's own read, and what the app does not need to start (the guest agent, unmounting the seed) runs at
 * the lowest priority, after the app's own start.
 */
export function tunedInitScript(catalog: Catalog): string {
  const launches = appNames.map((app) => `  ${app}) ${appLaunchWords(catalog.apps[app]).join(" ")} > "$app_log" 2>&1 & ;;`);
  const preparations = appNames.flatMap((app) => {
    const start = catalog.apps[app].tunedStart;
    if (start === undefined) return [];
    const creates = shellQuote(start.creates);
    return [`  ${app}) [ -s ${creates} ] || { say "lab-init: preparing ${app}'s start (first boot)"; ${start.prepare.map(shellQuote).join(" ")} > "$app_log" 2>&1 && sync; } || { rm -f ${creates}; fail "cannot prepare ${app}'s start, see $app_log"; } ;;`];
  });
  return `#!/bin/sh
set -u
say() { echo "$*" > /dev/console; }
fail() { say "lab-init: $*"; echo o > /proc/sysrq-trigger; sleep 60; }
copy() { while IFS= read -r line; do printf '%s\\n' "$line"; done < "$1" > "$2"; }
start_guest_agent() {
  nice -n 19 modprobe virtio_console || { say "lab-init: cannot load virtio_console, no guest agent"; return; }
  for port in /sys/class/virtio-ports/*; do
    [ -e "$port/name" ] || continue
    read -r name < "$port/name"
    if [ "$name" = "${guestAgentChannel}" ]; then
      nice -n 19 qemu-ga --method=virtio-serial --path="/dev/\${port##*/}" &
      return
    fi
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
# /mnt is in every Debian root; /run is an empty tmpfs here.
seed=/mnt
mount -t iso9660 -o ro "$device" "$seed" || fail "cannot mount the seed disk $device"
read -r app < "$seed/${seedFileNames.app}"
read -r hostname < "$seed/${seedFileNames.hostname}"
echo "$hostname" > /proc/sys/kernel/hostname
copy "$seed/${seedFileNames.hosts}" /etc/hosts
address=""
while IFS= read -r line; do
  case "$line" in Address=*) address=\${line#Address=} ;; esac
done < "$seed/${seedFileNames.network}"
# Into a file, not onto the console: every line on an emulated serial port costs boot time.
app_log="/var/log/lab-$app.log"
# Made at the first boot and kept on the VM's disk (synced: samples power the VM off).
case "$app" in
${preparations.join("\n")}
esac
say "${tunedInitMarkers.appExec} $app"
case "$app" in
${launches.join("\n")}
  *) fail "the seed names app '$app', which this image cannot run" ;;
esac
app_pid=$!
wait "$nic_driver" || fail "cannot load virtio_net"
printf 'address add %s dev eth0\\nlink set eth0 up\\nlink set lo up\\n' "$address" | ip -batch - || fail "cannot give eth0 the address $address"
nice -n 19 umount "$seed"
start_guest_agent
while kill -0 "$app_pid" 2>/dev/null; do wait; done
fail "$app exited"
`;
}
