/** Unit tests run in parallel and touch nothing outside the process; integration tests drive the real engines one at a time. */
const tsJest = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
/** The lab's own code only: the generated SDK in sdks/ is reached through node_modules like any package. */
const roots = ["<rootDir>/stacks", "<rootDir>/labs", "<rootDir>/tests"];

module.exports = {
  projects: [
    {
      displayName: "unit",
      roots,
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
      transform: tsJest,
      testEnvironment: "node",
    },
    {
      displayName: "integration",
      roots,
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      transform: tsJest,
      testEnvironment: "node",
      maxWorkers: 1,
    },
  ],
};
