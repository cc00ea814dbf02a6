import { containerStartPath, describeContainerStart } from "../../../labs/lib/measure/containerMeasure";
import { localLabHost, type LabHost } from "../../../labs/lib/labHost";

describe("how a boot sample starts a container", () => {
  const local = localLabHost();
  const overSsh = { ...local, ssh: { user: "lab", host: "127.0.0.1", port: 2222 } } as unknown as LabHost;

  it("sends the tuned profile's start on the local Engine API socket, as an orchestrator would", () => {
    expect(containerStartPath("tuned", "unix:///run/docker.sock", local)).toEqual({ through: "api", socketPath: "/run/docker.sock" });
    expect(containerStartPath("tuned", undefined, local)).toEqual({ through: "api", socketPath: "/var/run/docker.sock" });
    expect(describeContainerStart({ through: "api", socketPath: "/run/docker.sock" })).toBe("POST /containers/NAME/start on the Engine API socket /run/docker.sock after docker stop");
  });

  it("uses the CLI for the typical profile, an engine without a local socket, and a lab host over ssh", () => {
    expect(containerStartPath("typical", "unix:///var/run/docker.sock", local)).toEqual({ through: "cli" });
    expect(containerStartPath("tuned", "tcp://127.0.0.1:2375", local)).toEqual({ through: "cli" });
    expect(containerStartPath("tuned", "unix:///var/run/docker.sock", overSsh)).toEqual({ through: "cli" });
    expect(describeContainerStart({ through: "cli" })).toBe("docker start after docker stop");
  });
});
