// Every custom method, notification and command named in src/protocol.ts is documented in docs/PROTOCOL.md
// (rust-analyzer's rule: the protocol file does not change without its document).

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as protocol from '../../src/protocol';
import { repoRoot } from './client';

describe('docs/PROTOCOL.md', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'docs/PROTOCOL.md'), 'utf8');

  it('lists every byline/… method and byline.… command of src/protocol.ts', () => {
    // From the compiled module (what the server really uses) and from the source text (constants not exported).
    const source = fs.readFileSync(path.join(repoRoot, 'src/protocol.ts'), 'utf8');
    const names = new Set<string>();
    for (const v of Object.values(protocol)) if (typeof v === 'string' && /^byline[/.]/.test(v)) names.add(v);
    for (const m of source.matchAll(/['"`](byline[/.][\w./-]+)['"`]/g)) names.add(m[1]!);
    assert.ok(names.has(protocol.QUOTES_METHOD) && names.size >= 3, `found ${[...names].join(', ')}`);
    const missing = [...names].filter((n) => !doc.includes('`' + n + '`'));
    assert.deepStrictEqual(missing, [], 'methods missing from docs/PROTOCOL.md');
  });

  it('documents the semantic token legend in order', () => {
    assert.ok(doc.includes(protocol.TOKEN_TYPES.join(' ')), 'token types in legend order');
    assert.ok(doc.includes(protocol.TOKEN_MODIFIERS.join(' ')), 'modifiers in bit order');
  });
});
