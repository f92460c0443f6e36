// What `npm start` runs, read from package.json's start script, so the process tests and the
// bench start xiufu exactly as a user does (the built bundle, its node flags and malloc settings)
// without npm in between (whose pid is not xiufu's), and build the bundle its first step builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const checkoutRoot = path.resolve(import.meta.dirname, '../..');

function packageScripts(): Record<string, string> {
  return (
    JSON.parse(readFileSync(path.join(checkoutRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
}

export interface StartCommand {
  /** Variables the script sets before node (NAME=value). */
  env: Record<string, string>;
  nodeArgs: string[];
  /** The script node runs, from the checkout's root. */
  entry: string;
}

export function startCommand(): StartCommand {
  const scripts = packageScripts();
  // The steps before the last `&&` build the bundle (buildForStart); the last one runs node.
  const words = (scripts.start ?? '').split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  if (words.shift() !== 'node') throw new Error(`package.json's start script does not run node: ${scripts.start}`);
  const entryAt = words.findIndex((word) => !word.startsWith('-'));
  if (entryAt < 0) throw new Error(`package.json's start script names no script for node: ${scripts.start}`);
  return { env, nodeArgs: words.slice(0, entryAt), entry: words[entryAt]! };
}

/** Runs the start script's steps before node (the bundle's build), as `npm start` does first. */
export function buildForStart(): void {
  const steps = (packageScripts().start ?? '').split('&&').slice(0, -1);
  for (const step of steps) {
    const [command = '', ...args] = step.trim().split(/\s+/);
    // npm puts node_modules/.bin first on the PATH of a script.
    const local = path.join(checkoutRoot, 'node_modules/.bin', command);
    const built = spawnSync(existsSync(local) ? local : command, args, { cwd: checkoutRoot, encoding: 'utf8' });
    if (built.status !== 0)
      throw new Error(`npm start's step "${step.trim()}" failed: ${built.stderr || built.stdout}`);
  }
}
