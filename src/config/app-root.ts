// The checkout xiufu runs from: the folder of its package.json, found upwards from this module.
// Files that ship beside the code (the stylesheet, the icon, the SQL migrations) are read from
// here rather than relative to the module that reads them, because `npm start` runs one bundle
// (dist/main.js, made by src/build-start.ts) in which every module has the bundle's address.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function rootAbove(folder: string): string {
  for (let at = folder; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'package.json')) && existsSync(path.join(at, 'db', 'migrations'))) return at;
    if (path.dirname(at) === at)
      throw new Error(`xiufu's checkout (package.json beside db/migrations) is not above ${folder}`);
  }
}

export const appRoot = rootAbove(path.dirname(fileURLToPath(import.meta.url)));

/** A file or folder of the checkout, by its path from the root (e.g. 'ui/style.css'). */
export const appPath = (relative: string): string => path.join(appRoot, relative);
