import { appNames, type AppName } from "../../model/catalog/apps";

/** Last octet of each app's address on a stack's own network (the VMs' host-only one, the containers' bridge). */
export const appHostOctets: Record<AppName, number> = { db: 11, api: 12, web: 13 };

/** The first three octets of a /24 written as a.b.c.0/24. */
function slash24Base(subnet: string): string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(subnet);
  if (!match || match.slice(1).some((octet) => Number(octet) > 255)) {
    throw new Error(`subnet "${subnet}" is not a /24 written as a.b.c.0/24`);
  }
  return match.slice(1, 4).join(".");
}

/** Each app's fixed address on the stack's network: db .11, api .12, web .13. */
export function appAddresses(subnet: string): Record<AppName, string> {
  const base = slash24Base(subnet);
  return Object.fromEntries(appNames.map((app) => [app, `${base}.${appHostOctets[app]}`])) as Record<AppName, string>;
}
