// Imported first by main.ts, before ink is evaluated: ink decides once, when it loads, whether it runs
// under CI (CI / CONTINUOUS_INTEGRATION set) and then draws only the final frame, as for a log. A
// terminal on both ends is interactive whatever the environment says, so the tutorial must draw live.
if (process.stdout.isTTY && process.stdin.isTTY) {
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}
export {};
