import { buildkitEnv, hasBuiltinBuildkit } from "../../../labs/lib/images/buildkitClient";

describe("the docker client for app image builds", () => {
  it("uses BuildKit built into clients before 23.0, and needs buildx after", () => {
    expect(hasBuiltinBuildkit("20.10.24+dfsg1")).toBe(true);
    expect(hasBuiltinBuildkit("28.2.2")).toBe(false);
    expect(hasBuiltinBuildkit("23.0.0")).toBe(false);
    expect(hasBuiltinBuildkit("")).toBe(false);
    expect(buildkitEnv.DOCKER_BUILDKIT).toBe("1");
  });
});
