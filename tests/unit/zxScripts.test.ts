import * as fs from "node:fs";
import * as path from "node:path";

const labsDir = path.resolve(__dirname, "..", "..", "labs");

function labFiles(): string[] {
  return fs
    .readdirSync(labsDir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(labsDir, path.join(entry.parentPath, entry.name)));
}

const source = (file: string) => fs.readFileSync(path.join(labsDir, file), "utf8");

/** The code of a file without its block comments and whole-line comments (which talk about `$` without calling it). */
const code = (file: string) => source(file).replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

/** The options object of every `$({ … })` in a source text (braces balanced), and every `$` used as a bare tag. */
function shellCalls(text: string): { options: string[]; bareTags: number } {
  const options: string[] = [];
  for (let start = text.indexOf("$({"); start !== -1; start = text.indexOf("$({", start + 1)) {
    let depth = 0;
    let end = start + 2;
    for (; end < text.length; end += 1) {
      if (text[end] === "{") depth += 1;
      if (text[end] === "}" && --depth === 0) break;
    }
    options.push(text.slice(start + 2, end + 1));
  }
  return { options, bareTags: [...text.matchAll(/(?<![\w$.])\$`/g)].length };
}

describe("the lab's scripts are zx scripts", () => {
  it("finds the `$` calls it checks (the checker itself works)", () => {
    expect(shellCalls("await $({ quiet: true, env: { A: \"1\" } })`ls`; $`pwd`")).toEqual({ options: ['{ quiet: true, env: { A: "1" } }'], bareTags: 1 });
  });

  it("imports zx in every script in labs/", () => {
    const scripts = labFiles().filter((file) => !file.includes(path.sep));
    expect(scripts.length).toBeGreaterThan(10);
    expect(scripts.filter((file) => !/from "zx";/.test(source(file)))).toEqual([]);
  });

  it("runs every command quietly, so no command output reaches the user's terminal unless it is handed the terminal", () => {
    const loud = labFiles().flatMap((file) => {
      const calls = shellCalls(code(file));
      return [
        ...calls.options.filter((options) => !/\bquiet: true\b/.test(options) && !/\bstdio: "inherit"/.test(options)).map((options) => `${file}: $(${options})`),
        ...(calls.bareTags > 0 ? [`${file}: ${calls.bareTags} bare $\`…\``] : []),
      ];
    });
    expect(loud).toEqual([]);
  });

  it("starts processes through zx only, but for the daemon left running in the background", () => {
    const spawning = labFiles().filter((file) => /from "(node:)?child_process"/.test(source(file)));
    expect(spawning).toEqual(["lib/daemons.ts"]);
  });
});
