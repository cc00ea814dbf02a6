import type { ReportBlock } from "../../../labs/lib/report/document";
import { capabilitiesText, confinementBlocks, confinementText } from "../../../labs/lib/report/confinementTable";
import { htmlTable } from "../../../labs/lib/report/html";
import { renderMarkdown } from "../../../labs/lib/report/markdown";
import type { ReportInput } from "../../../labs/lib/report/reportInput";
import { syntheticDocker, syntheticLibvirt } from "../../fixtures/report/syntheticResults";

const both: ReportInput = {
  docker: { file: "/r/docker/a.json", results: syntheticDocker() },
  libvirt: { file: "/r/libvirt/b.json", results: syntheticLibvirt() },
};

function confinementTable(blocks: readonly ReportBlock[]): Extract<ReportBlock, { kind: "table" }> {
  const table = blocks.find((block) => block.kind === "table");
  if (!table || table.kind !== "table") throw new Error("no confinement table");
  return table;
}

describe("the confinement table", () => {
  it("lists every instance, app by app, with its host process, user, capabilities and confinement", () => {
    const table = confinementTable(confinementBlocks(both));
    expect(table.id).toBe("confinement");
    expect(table.caption).toBe("Confinement of each instance · docker (typical): native · libvirt (typical): TCG emulation · host: AMD EPYC 7B13, 2 cores");
    expect(table.header).toEqual(["instance", "host process", "user", "capabilities", "confinement"]);
    expect(table.rows.map((row) => row[0])).toEqual([
      "db · container (docker)",
      "db · VM (libvirt)",
      "api · container (docker)",
      "api · VM (libvirt)",
      "web · container (docker)",
      "web · VM (libvirt)",
    ]);
    expect(table.rows[4]).toEqual([
      "web · container (docker)",
      "nginx",
      "root (uid 0)",
      "CAP_CHOWN, CAP_SETGID, CAP_SETUID",
      "host's kernel; no-new-privileges; read-only root; at most 32 tasks; seccomp filter: Docker's default profile",
    ]);
    expect(table.rows[1]).toEqual([
      "db · VM (libvirt)",
      "qemu-system-x86",
      "libvirt-qemu (uid 64055)",
      "none",
      "own kernel under TCG emulation; no-new-privileges; seccomp filter: QEMU -sandbox on,obsolete=deny",
    ]);
  });

  it("says what a container lacks rather than leaving it out", () => {
    const container = syntheticDocker().instances[0].confinement;
    if (!container) throw new Error("synthetic docker results carry confinement");
    const loose = { ...container, capabilities: ["CAP_CHOWN", "CAP_KILL"], noNewPrivileges: false, readOnlyRootFs: false, pidsLimit: null, seccomp: "none" };
    expect(capabilitiesText(loose)).toBe("CAP_CHOWN, CAP_KILL");
    expect(confinementText(loose)).toBe("host's kernel; may gain privileges on exec; writable root; no pids limit; seccomp none");
  });

  it("marks instances of runs made before confinement was recorded", () => {
    const older = syntheticDocker();
    for (const instance of older.instances) delete instance.confinement;
    const table = confinementTable(confinementBlocks({ docker: { file: "/r/docker/old.json", results: older } }));
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]).toEqual(["db · container (docker)", "not recorded in this run", "—", "—", "—"]);
  });

  it("renders as a Markdown and an HTML table under its heading", () => {
    const blocks = confinementBlocks({ docker: both.docker });
    const markdown = renderMarkdown(blocks, "report.html");
    expect(markdown.startsWith("## Confinement\n\n")).toBe(true);
    expect(markdown).toContain("| instance | host process | user | capabilities | confinement |\n|---|---|---|---|---|\n");
    expect(markdown).toContain("| api · container (docker) | node | nobody (uid 65534) | none | host's kernel; no-new-privileges; read-only root; at most 64 tasks; seccomp filter: Docker's default profile |");
    const html = htmlTable(confinementTable(blocks));
    expect(html.startsWith('<table id="confinement"><caption>Confinement of each instance · docker (typical): native')).toBe(true);
    expect(html).toContain("<td>web · container (docker)</td><td>nginx</td><td>root (uid 0)</td><td>CAP_CHOWN, CAP_SETGID, CAP_SETUID</td>");
    expect(html).toContain("seccomp filter: Docker&#39;s default profile");
  });
});
