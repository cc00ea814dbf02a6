import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "..", "..");

function typeScriptFiles(folder: string): string[] {
  return fs.readdirSync(path.join(repoRoot, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
}

/** Every module a file imports, relative specifiers resolved to repository paths. */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(path.join(repoRoot, file), "utf8");
  return [...source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map(([, specifier]) =>
    specifier.startsWith(".") ? path.relative(repoRoot, path.resolve(path.dirname(path.join(repoRoot, file)), specifier)) : specifier,
  );
}

function offending(folder: string, isForbidden: (imported: string) => boolean): string[] {
  return typeScriptFiles(folder).flatMap((file) => importsOf(file).filter(isForbidden).map((imported) => `${file} imports ${imported}`));
}

describe("the house's rooms", () => {
  it("finds imports (the checker itself works)", () => {
    expect(importsOf("stacks/index.ts")).toContain("model/labConfig");
  });

  it("keeps the Pulumi program out of the lab's scripts", () => {
    expect(offending("stacks", (imported) => imported.startsWith("labs/") || imported === "labs")).toEqual([]);
  });

  it("keeps the shared model free of both rooms and of I/O", () => {
    const io = ["node:fs", "fs", "node:fs/promises", "node:child_process", "child_process", "zx", "@pulumi/pulumi"];
    expect(offending("model", (imported) => imported.startsWith("labs/") || imported.startsWith("stacks/") || io.includes(imported))).toEqual([]);
  });
});
