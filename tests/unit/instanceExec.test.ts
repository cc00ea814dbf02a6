import { guestExecRequest, parseGuestExecPid, parseGuestExecStatus } from "../../labs/lib/instanceExec";

describe("running a command in a VM through the QEMU guest agent", () => {
  it("asks guest-exec to run the program with its arguments and capture its output", () => {
    expect(JSON.parse(guestExecRequest(["uname", "-r"]))).toEqual({ execute: "guest-exec", arguments: { path: "uname", arg: ["-r"], "capture-output": true } });
  });

  it("reads the pid guest-exec answers with, and refuses an answer without one", () => {
    expect(parseGuestExecPid('{"return":{"pid":124}}\n')).toBe(124);
    expect(() => parseGuestExecPid('{"return":{}}')).toThrow("has no pid");
  });

  it("waits while the command runs, then decodes its output and exit code", () => {
    expect(parseGuestExecStatus('{"return":{"exited":false}}')).toBeUndefined();
    const stdout = Buffer.from("6.1.0-50-cloud-amd64\n").toString("base64");
    expect(parseGuestExecStatus(`{"return":{"exitcode":0,"out-data":"${stdout}","exited":true}}`)).toEqual({ exitCode: 0, stdout: "6.1.0-50-cloud-amd64\n", stderr: "" });
    const stderr = Buffer.from("no such file\n").toString("base64");
    expect(parseGuestExecStatus(`{"return":{"exitcode":1,"err-data":"${stderr}","exited":true}}`)).toEqual({ exitCode: 1, stdout: "", stderr: "no such file\n" });
  });

  it("gives a command ended by a signal the shell's exit code 128 + signal", () => {
    expect(parseGuestExecStatus('{"return":{"signal":9,"exited":true}}')?.exitCode).toBe(137);
  });
});
