import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as yaml from "js-yaml";
import { $ } from "zx";
import { bridgeName } from "../../model/engineNames";
import { ConfigError, parseLabConfig, type ConfigSource, type LabConfig, type PlatformName } from "../../model/labConfig";
import { LabError } from "../../model/labError";
import { claimClashes, firstFreeSeat, maxSeat, seatSettings, stackRef, type SeatSettings, type StackClaims, type StackRef } from "../../model/participants";
import { repoRoot } from "./labEnv";
import { conflictingRoutes, portTaken } from "./preflight";
import { describeOwner, lockOwnerOfThisProcess, releaseLock, takeLockWaiting } from "./processLock";
import { stackLocksDir } from "./stackLock";

const configKey = (key: string) => `vm-container-lab:${key}`;
/** The folder of the stack files (Pulumi.yaml's stackConfigDir); tests give their own. */
export const stacksDir = path.join(repoRoot, "stacks");

export function stackFile(stackName: string, dir = stacksDir): string {
  return path.join(dir, `Pulumi.${stackName}.yaml`);
}

interface StackFile {
  config?: Record<string, unknown>;
}

function readStackFile(stackName: string, dir: string): StackFile {
  const file = stackFile(stackName, dir);
  try {
    return (yaml.load(fs.readFileSync(file, "utf8")) as StackFile | undefined) ?? {};
  } catch (error) {
    throw new LabError(`The stack file ${path.relative(repoRoot, file)} cannot be read: ${(error as Error).message}.`, `fix the file (it is YAML), or restore it with \`git checkout ${path.relative(repoRoot, file)}\`.`);
  }
}

/** A stack file's configuration as parseLabConfig reads it through pulumi.Config: strings, and objects for structured keys. */
export function configSourceOf(config: Record<string, unknown>): ConfigSource {
  return {
    get: (key) => {
      const value = config[configKey(key)];
      return value === undefined ? undefined : String(value);
    },
    getObject: <T>(key: string) => config[configKey(key)] as T | undefined,
  };
}

/** What a stack file claims on the host; nothing for a file its own `up` would refuse (it can deploy nothing). */
function fileClaims(stackName: string, dir: string): StackClaims | undefined {
  try {
    return settingsClaims(stackName, parseLabConfig(configSourceOf(readStackFile(stackName, dir).config ?? {}), stackName));
  } catch (error) {
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
}

/** The claims of every lab stack that has a stack file in stacks/. */
export function allStackClaims(dir = stacksDir): StackClaims[] {
  return fs
    .readdirSync(dir)
    .map((name) => /^Pulumi\.(.+)\.yaml$/.exec(name)?.[1])
    .filter((stack): stack is string => stack !== undefined)
    .flatMap((stack) => fileClaims(stack, dir) ?? []);
}

/** What the stack's validated configuration claims on the host. */
export function settingsClaims(stackName: string, settings: LabConfig): StackClaims {
  return settings.platform === "docker"
    ? { stack: stackName, namePrefix: settings.namePrefix, subnet: settings.containerSubnet, hostPorts: Object.values(settings.hostPorts) }
    : { stack: stackName, namePrefix: settings.namePrefix, subnet: settings.hostOnlySubnet, hostPorts: [] };
}

/** Refuses a stack whose name prefix, subnet or host ports another lab stack's file holds as well. */
export function checkStackClaims(stackName: string, settings: LabConfig, dir = stacksDir): void {
  const clashes = claimClashes(settingsClaims(stackName, settings), allStackClaims(dir));
  if (clashes.length === 0) return;
  throw new LabError(
    `Stack ${stackName} would share ${clashes.join(", ")}: two stacks deployed with the same names, subnet or ports would break each other. Nothing was created or changed.`,
    `give each stack its own values in its stacks/Pulumi.STACK.yaml; participants' stacks get theirs from \`npm run up -- PLATFORM --as NAME\`.`,
  );
}

/** A seat's subnet is routed nowhere on this host and its ports are free on 127.0.0.1. */
async function seatIsFreeOnHost(settings: SeatSettings): Promise<boolean> {
  const routes = await $({ nothrow: true, quiet: true, timeout: "10s", timeoutSignal: "SIGKILL" })`ip -j route show`;
  if (routes.ok && conflictingRoutes(routes.stdout, settings.subnet, bridgeName(settings.namePrefix)).length > 0) return false;
  for (const port of Object.values(settings.hostPorts ?? {})) if (await portTaken(port)) return false;
  return true;
}

/** The seat a stack file records; Pulumi writes it back as a string ("1") whenever it saves the file. */
function seatOf(config: Record<string, unknown> | undefined): number | undefined {
  const seat = Number(config?.[configKey("seat")]);
  return Number.isInteger(seat) ? seat : undefined;
}

/**
 * The participant's stack file, written from the platform stack's when there is none yet: the same settings, with the
 * name prefix, subnet and host ports of the first seat that no other lab stack holds and this host does not route or
 * listen on. The participant's seat on the other platform is tried first, so one person keeps one seat number.
 */
export async function ensureParticipantStack(ref: StackRef & { participant: string }, log: (line: string) => void, seats: SeatContext = hostSeats): Promise<void> {
  if (isDerived(ref.name, seats.dir)) return;
  await withSeatLock(seats.dir, () => writeParticipantStack(ref, log, seats));
}

/** Where the stack files are, and whether this host leaves a seat free; tests give their own folder and host. */
export interface SeatContext {
  dir: string;
  freeOnHost: (settings: SeatSettings) => Promise<boolean>;
}

const hostSeats: SeatContext = { dir: stacksDir, freeOnHost: seatIsFreeOnHost };

const seatLockWaitMs = 30_000;

/**
 * Whether the stack's file holds a platform already. A file `pulumi stack init` made (only an encryption salt, or a
 * few keys set by hand) is completed from the platform's, keeping what it holds.
 */
function isDerived(stackName: string, dir: string): boolean {
  return fs.existsSync(stackFile(stackName, dir)) && readStackFile(stackName, dir).config?.[configKey("platform")] !== undefined;
}

/** Participants' `up`s started together take seats one at a time, so no two get the same seat. */
async function withSeatLock(dir: string, work: () => Promise<void>): Promise<void> {
  const file = path.join(stackLocksDir, `seats-${createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 12)}.lock`);
  const owner = lockOwnerOfThisProcess("choosing a participant's seat");
  const attempt = await takeLockWaiting(file, owner, seatLockWaitMs, 100);
  if (attempt.outcome === "busy") {
    throw new LabError(`Another command has been choosing a participant's seat for over ${seatLockWaitMs / 1000} s (${describeOwner(attempt.holder)}).`, `wait until it finishes, or end it with \`kill ${attempt.holder.pid}\`, then run yours again.`);
  }
  try {
    await work();
  } finally {
    releaseLock(file, owner);
  }
}

async function writeParticipantStack(ref: StackRef & { participant: string }, log: (line: string) => void, { dir, freeOnHost }: SeatContext): Promise<void> {
  if (isDerived(ref.name, dir)) return;
  const existing = fs.existsSync(stackFile(ref.name, dir)) ? readStackFile(ref.name, dir) : {};
  const base = readStackFile(ref.platform, dir).config ?? {};
  const baseSettings = parseLabConfig(configSourceOf(base), ref.platform);
  const baseSeat = baseSettings.platform === "docker" ? { subnet: baseSettings.containerSubnet, hostPorts: baseSettings.hostPorts } : { subnet: baseSettings.hostOnlySubnet };
  const otherPlatform = ref.platform === "docker" ? "libvirt" : "docker";
  const otherName = `${ref.participant}-${otherPlatform}`;
  const preferred = fs.existsSync(stackFile(otherName, dir)) ? seatOf(readStackFile(otherName, dir).config) : undefined;
  const seat = await firstFreeSeat(ref, baseSeat, allStackClaims(dir), freeOnHost, preferred);
  if (seat === undefined) {
    throw new LabError(`No seat from 1 to ${maxSeat} is free for ${ref.participant}'s ${ref.platform} stack: every one clashes with another lab stack, a route or a listening port on this host.`, `remove the stacks of participants who have left (\`npm run down -- ${ref.platform} --as NAME\`, then delete stacks/Pulumi.NAME-${ref.platform}.yaml).`);
  }
  const settings = seatSettings(ref, seat, baseSeat);
  const config: Record<string, unknown> = { ...base, [configKey("participant")]: ref.participant, [configKey("seat")]: seat, [configKey("namePrefix")]: settings.namePrefix };
  config[configKey(ref.platform === "docker" ? "containerSubnet" : "hostOnlySubnet")] = settings.subnet;
  if (settings.hostPorts) config[configKey("hostPorts")] = settings.hostPorts;
  const header = `# ${ref.participant}'s ${ref.platform} stack (seat ${seat}), derived from stacks/Pulumi.${ref.platform}.yaml by \`npm run up -- ${ref.platform} --as ${ref.participant}\`.\n`;
  const temporary = `${stackFile(ref.name, dir)}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, header + yaml.dump({ ...existing, config: { ...config, ...existing.config } }, { lineWidth: -1 }));
  fs.renameSync(temporary, stackFile(ref.name, dir));
  const ports = settings.hostPorts ? `, ports ${Object.entries(settings.hostPorts).map(([app, port]) => `${app} ${port}`).join(", ")}` : "";
  log(`participant ${ref.participant}: stack ${ref.name} at seat ${seat}: names ${settings.namePrefix}-*, subnet ${settings.subnet}${ports} (${path.relative(repoRoot, stackFile(ref.name, dir))})`);
}

/**
 * The stack a script works on: the platform's own, or the participant's. `up` (and `lab`) write a participant's stack
 * file on first use; the other scripts need it to exist already.
 */
export async function resolveStack(platform: PlatformName, participant: string | undefined, use: "deploy" | "existing", log: (line: string) => void, seats: SeatContext = hostSeats): Promise<StackRef> {
  const ref = stackRef(platform, participant);
  if (ref.participant === undefined) return ref;
  if (use === "deploy") await ensureParticipantStack({ ...ref, participant: ref.participant }, log, seats);
  else if (!fs.existsSync(stackFile(ref.name, seats.dir))) {
    throw new LabError(`${ref.participant} has no ${platform} stack: there is no ${path.relative(repoRoot, stackFile(ref.name, seats.dir))}.`, `deploy it first with \`npm run up -- ${platform} --as ${ref.participant}\` (\`npm run pulumi -- stack ls\` lists the stacks there are).`);
  }
  return ref;
}
