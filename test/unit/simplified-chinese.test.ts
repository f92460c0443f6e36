// Everything a user reads in Chinese is in Simplified characters: labels, policy sources, demo
// data, and the statute names cited in comments and docs (a Traditional character in a comment
// tends to be copied into a label). OpenCC's Traditional-to-Simplified conversion must leave every file
// as it is.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const toSimplified = Converter({ from: 't', to: 'cn' });
const han = /\p{Script=Han}/u;

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|md|sql|json|css|svg)$/.test(e.name) && !e.parentPath.includes('/meta'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** The characters of `text` that OpenCC would change, each with its Simplified form. */
function traditionalIn(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.split('\n')) {
    if (!han.test(line)) continue;
    const simplified = toSimplified(line);
    if (simplified === line) continue;
    // Same length for character-level changes; phrase changes are reported whole.
    if (simplified.length !== line.length) found.add(`${line.trim()} → ${simplified.trim()}`);
    else
      for (let i = 0; i < line.length; i += 1) if (line[i] !== simplified[i]) found.add(`${line[i]}→${simplified[i]}`);
  }
  return [...found];
}

describe('Chinese text is in Simplified characters', () => {
  it('no source, test or doc file holds a Traditional character', () => {
    const files = ['README.md', ...['src', 'ui', 'machines', 'db', 'docs', 'test'].flatMap(filesUnder)];
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) =>
      traditionalIn(readFileSync(path.join(root, file), 'utf8')).map((found) => `${file}: ${found}`),
    );
    expect(problems).toEqual([]);
  });

  it('finds a Traditional character where there is one', () => {
    // 征信业管理条例 as written in Traditional characters, with escapes so this file passes its own check.
    expect(traditionalIn("source: '征信\u696d管理\u689d例 art. 25'")).toEqual(['\u696d→业', '\u689d→条']);
    expect(traditionalIn('征信业管理条例 art. 25; 显著, 著作')).toEqual([]);
  });
});
