// machines/ and src/domain/ stay pure: they may import only each other, xstate, zod,
// canonicalize and node:crypto's hashing. This walks their import graph (following relative
// imports wherever they lead) and fails on anything with side effects: the database, hono,
// bullmq, node:fs, node:net, services, http.
// src/http and ui read and change data through services only: no file of theirs imports db/
// or a database driver (the services they call do; so this check does not follow imports).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const pureDirs = ['machines', 'src/domain'].map((d) => path.join(root, d));
const allowedPackages = new Set(['xstate', 'zod', 'canonicalize', 'node:crypto']);

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bexport\s+[^'"]*?from\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

function problemsIn(file: string, source: string, visit: (file: string) => void): string[] {
  const problems: string[] = [];
  for (const specifier of importsOf(source)) {
    if (specifier.startsWith('.')) {
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts');
      if (!pureDirs.some((dir) => target.startsWith(dir + path.sep)))
        problems.push(`${path.relative(root, file)} imports ${path.relative(root, target)}`);
      else visit(target);
    } else if (!allowedPackages.has(specifier)) {
      problems.push(`${path.relative(root, file)} imports ${specifier}`);
    }
  }
  return problems;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

const edgeDirs = ['src/http', 'ui'].map((d) => path.join(root, d));
const databaseDir = path.join(root, 'db');
const databasePackages = /^(drizzle-orm|postgres|@electric-sql\/.*)(\/|$)/;

/** What a file of src/http or ui imports that only services may: db/ and the database packages. */
function databaseImportsIn(file: string, source: string): string[] {
  return importsOf(source).flatMap((specifier) => {
    const reached = specifier.startsWith('.')
      ? path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts')
      : undefined;
    if (reached ? reached.startsWith(databaseDir + path.sep) : databasePackages.test(specifier))
      return [`${path.relative(root, file)} imports ${reached ? path.relative(root, reached) : specifier}`];
    return [];
  });
}

describe('pure code imports nothing with side effects', () => {
  it('machines/ and src/domain/ import only each other, xstate, zod, canonicalize, node:crypto', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      problems.push(...problemsIn(file, readFileSync(file, 'utf8'), visit));
    };
    for (const dir of pureDirs) listTs(dir).forEach(visit);
    expect(seen.size).toBeGreaterThan(8);
    expect(problems).toEqual([]);
  });

  it('catches the imports it is there to catch', () => {
    const file = path.join(root, 'machines/example.machine.ts');
    const source = [
      "import postgres from 'postgres';",
      "import { readFile } from 'node:fs/promises';",
      "import type { Hono } from 'hono';",
      "export { db } from '../db/client.js';",
      "const q = await import('bullmq');",
      "import '../src/services/open-case.js';",
      "import { z } from 'zod';",
      "import { policyVersions } from '../src/domain/policy.js';",
    ].join('\n');
    expect(problemsIn(file, source, () => {})).toEqual([
      'machines/example.machine.ts imports postgres',
      'machines/example.machine.ts imports node:fs/promises',
      'machines/example.machine.ts imports hono',
      'machines/example.machine.ts imports src/services/open-case.ts',
      'machines/example.machine.ts imports db/client.ts',
      'machines/example.machine.ts imports bullmq',
    ]);
  });
});

describe('the HTTP layer and the pages reach the database only through services', () => {
  it('src/http and ui import nothing from db/ and no database package', () => {
    const files = edgeDirs.flatMap(listTs);
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((file) => databaseImportsIn(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('catches the imports it is there to catch', () => {
    const file = path.join(root, 'src/http/routes/pages/example.pages.tsx');
    const source = [
      "import { cases } from '../../../../db/schema.js';",
      "import type { Database } from '../../../../db/client.js';",
      "import { asc, eq } from 'drizzle-orm';",
      "import postgres from 'postgres';",
      "import { PGlite } from '@electric-sql/pglite';",
      "export * from '../../../../db/repos/cases.repo.js';",
      "import { listCases } from '../../../services/read-cases.js';",
      "import type { Hono } from 'hono';",
      "import { CasePage } from '../../../../ui/pages/case.page.js';",
      "import { dbLabel } from './db-label.js';",
    ].join('\n');
    expect(databaseImportsIn(file, source)).toEqual([
      'src/http/routes/pages/example.pages.tsx imports db/schema.ts',
      'src/http/routes/pages/example.pages.tsx imports db/client.ts',
      'src/http/routes/pages/example.pages.tsx imports drizzle-orm',
      'src/http/routes/pages/example.pages.tsx imports postgres',
      'src/http/routes/pages/example.pages.tsx imports @electric-sql/pglite',
      'src/http/routes/pages/example.pages.tsx imports db/repos/cases.repo.ts',
    ]);
  });
});
