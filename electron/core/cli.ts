import { runCli } from './cli/run-cli.js';

/** The `carrel` command (bundled to dist/cli/carrel.js); see cli/run-cli.ts. */
process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
