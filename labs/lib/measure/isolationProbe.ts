/** Reads the isolation facts of one running instance: on the host from the process that holds it, inside through execInInstance. */
import { apps } from "../../../model/catalog/apps";
import type { AppInstance } from "../../../model/deployment";
import { execInInstance, type InstanceEngines } from "../instanceExec";
import { checked } from "../shell";
import { localLabHost, type LabHost } from "../labHost";
import { insideViewCommand, instanceProcesses, isolationOf } from "./isolation";
import { parsePsTable, type PsProcess } from "./procParsers";
import type { Isolation } from "./resultsSchema";

/** /proc/PID/status of each process; one that ended since the process table was read is left out. */
async function withStatus(host: LabHost, processes: readonly PsProcess[]): Promise<{ process: PsProcess; status: string }[]> {
  const found: { process: PsProcess; status: string }[] = [];
  for (const process of processes) {
    try {
      found.push({ process, status: await host.readFile(`/proc/${process.pid}/status`) });
    } catch (error) {
      if (await host.fileExists(`/proc/${process.pid}`)) throw error;
    }
  }
  return found;
}

/** `holderPid`: the container's main process or the domain's QEMU process. */
export async function measureIsolation(engines: InstanceEngines, instance: AppInstance, holderPid: number, host: LabHost = localLabHost()): Promise<Isolation> {
  const processes = parsePsTable((await checked(host.run(["ps", "-eo", "pid,ppid,comm,args"]))).stdout);
  const inside = await execInInstance(engines, instance, insideViewCommand);
  if (inside.exitCode !== 0) throw new Error(`listing devices and processes inside ${instance.name} failed (exit ${inside.exitCode}): ${inside.stderr.trim()}`);
  const holder = instance.kind === "vm" ? "the domain's QEMU process" : "the container's main process";
  const through = instance.kind === "vm" ? "the QEMU guest agent's guest-exec" : "docker exec";
  return isolationOf({
    uidMap: await host.readFile(`/proc/${holderPid}/uid_map`),
    hostProcesses: await withStatus(host, instanceProcesses(processes, holderPid)),
    appCommand: apps[instance.app].command,
    insideView: inside.stdout,
    hostView: (await checked(host.run(insideViewCommand))).stdout,
    method: `/proc/PID/uid_map of ${holder}; the host's process table (ps) from it down, with each process's NSpid; inside through ${through} and on the host: /sys/bus/pci/devices/*/{vendor,device}, /proc/*/comm and /proc/cpuinfo's model name`,
  });
}
