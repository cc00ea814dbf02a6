import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { removeInterruptedStateWrites } from "../../../labs/lib/stackRecovery";

describe("state files a killed Pulumi CLI left half-written", () => {
  let backend: string;
  let stacks: string;
  const write = (name: string, content: string) => fs.writeFileSync(path.join(stacks, name), content);

  beforeEach(() => {
    backend = fs.mkdtempSync(path.join(os.tmpdir(), "vmcl-state-"));
    stacks = path.join(backend, ".pulumi", "stacks", "vm-container-lab");
    fs.mkdirSync(stacks, { recursive: true });
    // As found after a killed `npm run up -- libvirt`: the checkpoint kept, its metadata empty, a new one half-written.
    write("libvirt.json", "{}");
    write("libvirt.json.attrs", "");
    write("libvirt.json.18edb078dd8c11eb.tmp", "{");
    write("docker.json", "{}");
    write("docker.json.attrs", '{"user.content_type":"text/plain; charset=utf-8"}');
    write("docker.json.0123abcd.tmp", "{");
  });

  afterEach(() => fs.rmSync(backend, { recursive: true, force: true }));

  const left = () => fs.readdirSync(stacks).sort();

  it("removes empty metadata of any stack, which would make every stack listing fail, and keeps the checkpoints", () => {
    expect(removeInterruptedStateWrites(backend).map((file) => path.basename(file))).toEqual(["libvirt.json.attrs"]);
    expect(left()).toEqual(["docker.json", "docker.json.0123abcd.tmp", "docker.json.attrs", "libvirt.json", "libvirt.json.18edb078dd8c11eb.tmp"]);
  });

  it("removes the temporary checkpoints only of the stack taken over, where no write can be in progress", () => {
    removeInterruptedStateWrites(backend, "libvirt");
    expect(left()).toEqual(["docker.json", "docker.json.0123abcd.tmp", "docker.json.attrs", "libvirt.json"]);
  });

  it("does nothing on a backend with no stacks yet", () => {
    expect(removeInterruptedStateWrites(path.join(backend, "none"))).toEqual([]);
  });
});
