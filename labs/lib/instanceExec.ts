import { performance } from "node:perf_hooks";
import { $, sleep } from "zx";
import type { AppInstance } from "../../model/deployment";
import { LabError } from "../../model/labError";

/**
 * Runs a command inside an instance the same way on both platforms and returns what it printed: `docker exec` for a
 * container, the QEMU guest agent's guest-exec for a VM (libvirt's channel to the agent in the guest; no ssh, no keys
 * in the image).
 */

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Where the instances' engines are: the stack's Docker host and libvirt URI. */
export interface InstanceEngines {
  dockerHost?: string;
  libvirtUri?: string;
}

/** The guest agent's guest-exec request for `argv`, capturing its output. */
export function guestExecRequest(argv: readonly [string, ...string[]]): string {
  return JSON.stringify({ execute: "guest-exec", arguments: { path: argv[0], arg: argv.slice(1), "capture-output": true } });
}

/** The pid guest-exec answered with. */
export function parseGuestExecPid(answer: string): number {
  const pid = (JSON.parse(answer) as { return?: { pid?: unknown } }).return?.pid;
  if (typeof pid !== "number") throw new Error(`the guest agent's answer to guest-exec has no pid: ${answer.trim()}`);
  return pid;
}

/** guest-exec-status's answer: undefined while the command runs, its result once it exited. */
export function parseGuestExecStatus(answer: string): ExecResult | undefined {
  const status = (JSON.parse(answer) as { return?: { exited?: boolean; exitcode?: number; signal?: number; "out-data"?: string; "err-data"?: string } }).return;
  if (status === undefined) throw new Error(`the guest agent's answer to guest-exec-status has no result: ${answer.trim()}`);
  if (!status.exited) return undefined;
  const decode = (data?: string) => (data === undefined ? "" : Buffer.from(data, "base64").toString("utf8"));
  return { exitCode: status.exitcode ?? 128 + (status.signal ?? 0), stdout: decode(status["out-data"]), stderr: decode(status["err-data"]) };
}

async function agentCommand(uri: string, domain: string, request: string): Promise<string> {
  const answer = await $({ nothrow: true, quiet: true, timeout: "30s", timeoutSignal: "SIGKILL" })`virsh -c ${uri} qemu-agent-command ${domain} ${request}`;
  if (!answer.ok) throw new Error(answer.stderr.trim() || `virsh qemu-agent-command ${domain} failed`);
  return answer.stdout;
}

/** Waits for the agent to answer guest-ping (it starts with the guest), then runs `argv` and waits for it to exit. */
async function execInVm(uri: string, domain: string, argv: readonly [string, ...string[]], timeoutMs: number): Promise<ExecResult> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      await agentCommand(uri, domain, JSON.stringify({ execute: "guest-ping" }));
      break;
    } catch (error) {
      if (performance.now() > deadline) {
        throw new LabError(
          `The QEMU guest agent in ${domain} does not answer: ${(error as Error).message}.`,
          "check that the VM is running (`virsh list`) and was made from the current images (`npm run images`, then `npm run up -- libvirt`): the agent and its channel are part of both.",
        );
      }
      await sleep(250);
    }
  }
  const pid = parseGuestExecPid(await agentCommand(uri, domain, guestExecRequest(argv)));
  for (;;) {
    const result = parseGuestExecStatus(await agentCommand(uri, domain, JSON.stringify({ execute: "guest-exec-status", arguments: { pid } })));
    if (result !== undefined) return result;
    if (performance.now() > deadline) throw new Error(`${argv.join(" ")} in ${domain} did not exit within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

export async function execInInstance(engines: InstanceEngines, instance: AppInstance, argv: readonly [string, ...string[]], timeoutMs = 60_000): Promise<ExecResult> {
  if (instance.kind === "vm") return execInVm(engines.libvirtUri ?? "qemu:///system", instance.name, argv, timeoutMs);
  const host = engines.dockerHost ?? "unix:///var/run/docker.sock";
  const result = await $({ nothrow: true, quiet: true, timeout: timeoutMs, timeoutSignal: "SIGKILL" })`docker -H ${host} exec ${instance.name} ${argv}`;
  return { exitCode: result.exitCode ?? 128, stdout: result.stdout, stderr: result.stderr };
}

/** The kernel release an instance runs on, read inside it with `uname -r`. */
export async function kernelReleaseInside(engines: InstanceEngines, instance: AppInstance): Promise<string | undefined> {
  const result = await execInInstance(engines, instance, ["uname", "-r"]);
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}
