/** What the density run needs of a platform to start, measure and remove copies of the stack's db app. */
import type { AppInstance, Endpoint, InstanceKind } from "../../../model/deployment";
import { densityCopyLimit } from "../../../model/engineNames";
import type { MemoryMeasurement } from "../measure/resultsSchema";

/** A copy whose files (if any) are made, ready for its timed start. */
export interface CopyToStart {
  name: string;
  /** Where the host sends its ready check: an address on the lab's own bridge. */
  endpoint: Endpoint;
  /** The engine call that starts it; resolves to the engine's id of the copy once the call returned. */
  start(): Promise<string>;
}

export interface CopyPlatform {
  kind: InstanceKind;
  /** The engine call a copy's start is timed from, e.g. "docker run". */
  startCall: string;
  /** What a copy shares with the stack's db and what it has of its own, in words. */
  settings: string;
  /** Each copy's memory limit (container) or RAM (VM): the stack's db's. */
  memoryLimitBytes: number;
  /** Removes what an earlier run left, then makes what every copy needs (a network, a work folder). */
  prepare(): Promise<void>;
  /** Makes copy `index`'s own files; starts nothing. */
  prepareCopy(index: number): Promise<CopyToStart>;
  /** Host memory of a running copy, accounted as the measuring step accounts the stack's instances. */
  memory(instance: AppInstance): Promise<MemoryMeasurement>;
  /** Removes every copy and what prepare made, also copies of an earlier, killed run; returns what it removed. */
  removeAll(): Promise<string[]>;
}

/** Copies take addresses from .20 on: the stacks' own apps have .11 to .13, the host .1. */
export const firstCopyHostOctet = 20;

/** Copy `index`'s address in the /24 of `networkAddress` (any address of it, e.g. 10.76.0.0 or the stack's db's). */
export function copyAddress(networkAddress: string, index: number): string {
  const octets = networkAddress.split(".");
  if (octets.length !== 4) throw new Error(`${networkAddress} is not an IPv4 address`);
  if (!Number.isInteger(index) || index < 1 || index > densityCopyLimit) throw new RangeError(`density copy ${index} is not from 1 to ${densityCopyLimit}`);
  return [...octets.slice(0, 3), String(firstCopyHostOctet + index - 1)].join(".");
}
