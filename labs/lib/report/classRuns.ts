/**
 * Finding a class's runs: every participant's folder under `<results>/participants/`, laid out like results/ (a
 * participant's stacks measured on the lab server, or a participant's own machine's results/ copied there), and the
 * lab's own results as the instructor's; of each, the latest measurement run of each platform.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LabError } from "../../../model/labError";
import { platformNames } from "../../../model/labConfig";
import { newestRunFile } from "../jsonFile";
import { participantsDir, readResults, type LocatedResults } from "../measure/results";

/** How the class report names the lab's own results (results/docker, results/libvirt). */
export const instructorName = "instructor";

/** One member of the class and the latest run of each platform they measured. */
export interface ClassMember {
  /** The participant's folder name, or instructorName. */
  name: string;
  /** Their results folder. */
  folder: string;
  /** The latest run of each platform, in platform order; none when they measured nothing (yet). */
  runs: LocatedResults[];
}

/** The members with runs, the instructor first, then participants by name; and why anyone's figures are missing. */
export interface ClassInput {
  members: ClassMember[];
  /** Participants without runs, and runs that could not be read. */
  notices: string[];
}

function memberOf(name: string, folder: string, notices: string[]): ClassMember {
  const runs = platformNames.flatMap((platform) => {
    const file = newestRunFile(path.join(folder, platform));
    if (file === undefined) return [];
    try {
      return [{ file, results: readResults(file) }];
    } catch (error) {
      notices.push(`${name}'s latest ${platform} run is left out: ${(error as Error).message.split("\n").join(" ")}`);
      return [];
    }
  });
  return { name, folder, runs };
}

/**
 * The class: the latest runs of every participant under `<resultsDir>/participants/` and of the lab itself. A LabError
 * when no participant has a run, naming the folder and how participants' results get there.
 */
export function classInputFor(resultsDir: string): ClassInput {
  const folder = participantsDir(resultsDir);
  const names = fs.existsSync(folder) ? fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort() : [];
  const notices: string[] = [];
  const participants = names.map((name) => memberOf(name, path.join(folder, name), notices));
  const measured = participants.filter((member) => member.runs.length > 0);
  const unmeasured = participants.filter((member) => member.runs.length === 0).map((member) => member.name);
  if (measured.length === 0) {
    const folders = unmeasured.length === 0 ? "" : ` (${unmeasured.join(", ")} ${unmeasured.length === 1 ? "has a folder" : "have folders"} there, without docker/ or libvirt/ measurement runs)`;
    throw new LabError(
      `No participants' results in ${folder}${folders}, so there is no class to compare: the class report reads the latest measurement run of each participant's stacks from ${path.join(folder, "NAME")}.`,
      `each participant measures on the lab server with \`npm run lab -- --as NAME\` (or \`npm run measure -- docker --as NAME\` with their stack up), which writes ${path.join(folder, "NAME")}; results a participant measured on their own machine are collected by copying that machine's results/ folder to ${path.join(folder, "NAME")}/. Then run \`npm run report -- --class\` again.`,
    );
  }
  notices.push(...unmeasured.map((name) => `${name}: no measurement runs in ${path.join(folder, name)} (docker/ or libvirt/) yet, so they are not in the tables.`));
  // A participant who chose the name "instructor" keeps it; the lab's own results then say where they are from.
  const ownName = names.includes(instructorName) ? `${instructorName} (${path.basename(resultsDir)}/)` : instructorName;
  const instructor = memberOf(ownName, resultsDir, notices);
  return { members: [...(instructor.runs.length > 0 ? [instructor] : []), ...measured], notices };
}
