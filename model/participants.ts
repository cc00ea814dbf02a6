import { appNames, type AppName } from "./catalog/apps";
import { LabError } from "./labError";
import { platformNames, type PlatformName } from "./labConfig";

/**
 * A workshop gives each participant their own stacks on one lab server: `alice-docker` and `alice-libvirt` beside
 * the instructor's `docker` and `libvirt`. A participant's stack is the platform stack's configuration with its own
 * name prefix, host ports and subnet, derived from the participant's seat number (1, 2, …): seat n moves every
 * host port by 10·n and the subnet's third octet by n, so no two seats can collide.
 */

/** A participant's name: lowercase letters and digits, so that names, bridges and hostnames derived from it stay short and valid. */
export const participantPattern = /^[a-z][a-z0-9]{0,9}$/;

/** Seats per platform: ports move by 10 per seat and subnets by one /24, far below where either would run out. */
export const maxSeat = 60;

/** Which stack: the platform's own (the instructor's) or one participant's. */
export interface StackRef {
  /** The Pulumi stack name: `docker`, or `alice-docker`. */
  name: string;
  platform: PlatformName;
  participant?: string;
}

export function checkParticipant(participant: string): string {
  if (!participantPattern.test(participant)) {
    throw new LabError(
      `"${participant}" cannot be a participant's name: it must be 1 to 10 lowercase letters or digits, starting with a letter (it becomes part of stack, container, VM and bridge names).`,
      "pick a name such as `alice` or `p07`, e.g. `npm run up -- docker --as alice`.",
    );
  }
  return participant;
}

/** The stack of a platform, the participant's own when one is given. */
export function stackRef(platform: PlatformName, participant?: string): StackRef {
  if (participant === undefined) return { name: platform, platform };
  return { name: `${checkParticipant(participant)}-${platform}`, platform, participant };
}

/** What a stack name says: `docker` → the docker stack; `alice-libvirt` → alice's libvirt stack; anything else undefined. */
export function parseStackName(name: string): StackRef | undefined {
  const isPlatform = (word: string): word is PlatformName => (platformNames as readonly string[]).includes(word);
  if (isPlatform(name)) return { name, platform: name };
  const dash = name.lastIndexOf("-");
  const [participant, platform] = [name.slice(0, dash), name.slice(dash + 1)];
  return dash > 0 && isPlatform(platform) && participantPattern.test(participant) ? { name, platform, participant } : undefined;
}

/** The settings a seat changes in the platform stack's configuration. */
export interface SeatSettings {
  namePrefix: string;
  subnet: string;
  /** Docker only: 127.0.0.1 ports of the apps. */
  hostPorts?: Record<AppName, number>;
}

/** `10.78.0.0/24` moved by `seat` in its third octet; undefined past .255. */
export function shiftSubnet(subnet: string, seat: number): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.0\/24$/.exec(subnet);
  if (!match) return undefined;
  const third = Number(match[3]) + seat;
  return third <= 255 ? `${match[1]}.${match[2]}.${third}.0/24` : undefined;
}

/** A participant's settings at `seat`, derived from the platform stack's subnet and ports. */
export function seatSettings(ref: StackRef & { participant: string }, seat: number, base: { subnet: string; hostPorts?: Record<AppName, number> }): SeatSettings {
  const subnet = shiftSubnet(base.subnet, seat);
  if (seat < 1 || seat > maxSeat || subnet === undefined) {
    throw new LabError(`Seat ${seat} does not fit the ${ref.platform} stack's subnet ${base.subnet} (seats run from 1 to ${maxSeat}, and the subnet's third octet plus the seat must stay at most 255).`, `lower the third octet of the ${ref.platform} stack's subnet, or free seats: \`npm run down -- ${ref.platform} --as NAME\` for participants who have left, then delete their stacks/Pulumi.NAME-${ref.platform}.yaml.`);
  }
  const hostPorts = base.hostPorts && (Object.fromEntries(appNames.map((app) => [app, base.hostPorts![app] + 10 * seat])) as Record<AppName, number>);
  return { namePrefix: `vmcl-${ref.participant}-${ref.platform}`, subnet, ...(hostPorts ? { hostPorts } : {}) };
}

/** What one lab stack holds that another must not: its prefix, its subnet, its host ports. */
export interface StackClaims {
  stack: string;
  namePrefix: string;
  subnet: string;
  hostPorts: number[];
}

/** Every clash between `claims` and the other stacks' claims, in words: "port 18090 (also alice-docker's)". */
export function claimClashes(claims: StackClaims, others: readonly StackClaims[]): string[] {
  const clashes: string[] = [];
  for (const other of others) {
    if (other.stack === claims.stack) continue;
    if (other.namePrefix === claims.namePrefix) clashes.push(`name prefix ${claims.namePrefix} (also ${other.stack}'s)`);
    if (other.subnet === claims.subnet) clashes.push(`subnet ${claims.subnet} (also ${other.stack}'s)`);
    for (const port of claims.hostPorts.filter((candidate) => other.hostPorts.includes(candidate))) clashes.push(`port ${port} (also ${other.stack}'s)`);
  }
  return clashes;
}

/** `preferred` (the participant's seat on the other platform) if it is free, else the lowest seat from 1 whose settings clash with none of `others` and whose subnet `isFree` accepts. */
export async function firstFreeSeat(
  ref: StackRef & { participant: string },
  base: { subnet: string; hostPorts?: Record<AppName, number> },
  others: readonly StackClaims[],
  isFree: (settings: SeatSettings) => Promise<boolean>,
  preferred?: number,
): Promise<number | undefined> {
  const candidates = [...(preferred === undefined ? [] : [preferred]), ...Array.from({ length: maxSeat }, (_, index) => index + 1)];
  for (const seat of candidates) {
    if (seat < 1 || seat > maxSeat || shiftSubnet(base.subnet, seat) === undefined) continue;
    const settings = seatSettings(ref, seat, base);
    if (claimClashes(seatClaims(ref.name, settings), others).length === 0 && (await isFree(settings))) return seat;
  }
  return undefined;
}

function seatClaims(stack: string, settings: SeatSettings): StackClaims {
  return { stack, namePrefix: settings.namePrefix, subnet: settings.subnet, hostPorts: Object.values(settings.hostPorts ?? {}) };
}

/** The lab command that runs `script` on a stack: `npm run up -- docker`, or `npm run up -- docker --as alice` for alice's. */
export function stackCommand(script: "up" | "down" | "measure" | "bench", stackName: string): string {
  const ref = parseStackName(stackName);
  if (ref === undefined) return `npm run ${script} -- ${stackName}`;
  return `npm run ${script} -- ${ref.platform}${ref.participant === undefined ? "" : ` --as ${ref.participant}`}`;
}
