/** Unit tests run in parallel and touch nothing outside the process; integration tests drive the real engines one at a time. */
const tsJest = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };

module.exports = {
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
      transform: tsJest,
      testEnvironment: "node",
    },
    {
      displayName: "integration",
      testMatch: ["<rootDir>/tests/integration/**/*.test.ts"],
      transform: tsJest,
      testEnvironment: "node",
      maxWorkers: 1,
    },
  ],
};
