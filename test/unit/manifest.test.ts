// The extension manifest agrees with the code: the server's token legend, the client's commands, the server's
// settings defaults, the grammar and the packaging whitelist. A mismatch here shows up in VS Code as a silent
// no-op (an uncoloured token, a dead command, a key that never fires), so it is cheaper to catch it here.

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../../src/protocol';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../src/server/settings';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface Contribution {
  semanticTokenTypes: { id: string; superType?: string; description?: string }[];
  semanticTokenModifiers: { id: string }[];
  semanticTokenScopes: { language?: string; scopes: Record<string, string[]> }[];
  languages: { id: string; extensions?: string[]; configuration?: string }[];
  grammars: { language: string; scopeName: string; path: string }[];
  commands: { command: string; title: string; category?: string }[];
  keybindings: { command: string; key: string; when?: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
  configurationDefaults: Record<string, Record<string, unknown>>;
  configuration: { properties: Record<string, { default?: unknown; type?: string; items?: { enum?: string[] } }> };
}
interface Manifest {
  main: string;
  icon: string;
  license: string;
  engines: { vscode: string };
  activationEvents: string[];
  contributes: Contribution;
  scripts: Record<string, string>;
}

const manifest = JSON.parse(read('package.json')) as Manifest;
const contributes = manifest.contributes;

/** The standard semantic token types every theme knows (VS Code's registry); a superType must be one of them. */
const STANDARD_TOKEN_TYPES = new Set([
  'namespace', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'type', 'parameter', 'variable', 'property',
  'enumMember', 'decorator', 'event', 'function', 'method', 'macro', 'label', 'comment', 'string', 'keyword',
  'number', 'regexp', 'operator',
]);

describe('manifest: semantic tokens', () => {
  it('contributes every custom token type of the server legend, each with a standard superType', () => {
    const byId = new Map(contributes.semanticTokenTypes.map((t) => [t.id, t]));
    for (const type of TOKEN_TYPES) {
      if (STANDARD_TOKEN_TYPES.has(type)) continue; // "number": every theme already knows it
      const contributed = byId.get(type);
      assert.ok(contributed, `token type ${type} is in the server legend but not contributed`);
      assert.ok(contributed.superType && STANDARD_TOKEN_TYPES.has(contributed.superType), `${type} needs a standard superType, has ${contributed.superType}`);
    }
    for (const id of byId.keys()) assert.ok((TOKEN_TYPES as readonly string[]).includes(id), `${id} is contributed but not in the legend`);
  });

  it('never re-declares a standard token type (VS Code 1.100 loops on a type that is its own superType)', () => {
    for (const t of contributes.semanticTokenTypes) {
      assert.ok(!STANDARD_TOKEN_TYPES.has(t.id), `${t.id} is a standard token type`);
      assert.notEqual(t.superType, t.id);
    }
  });

  it('gives the entity kinds different superTypes, so themes that colour by type keep them apart', () => {
    const supers = [...contributes.semanticTokenTypes.map((t) => t.superType), ...TOKEN_TYPES.filter((t) => STANDARD_TOKEN_TYPES.has(t))];
    assert.equal(new Set(supers).size, supers.length, `superTypes repeat: ${supers.join(', ')}`);
  });

  it('contributes every modifier of the legend', () => {
    assert.deepEqual(contributes.semanticTokenModifiers.map((m) => m.id).sort(), [...TOKEN_MODIFIERS].sort());
  });

  it('maps every token type to TextMate fallback scopes', () => {
    const scopes = Object.assign({}, ...contributes.semanticTokenScopes.map((s) => s.scopes)) as Record<string, string[]>;
    for (const type of TOKEN_TYPES) {
      const list = scopes[type];
      assert.ok(Array.isArray(list) && list.length > 0, `no semanticTokenScopes for ${type}`);
    }
  });

  it('turns semantic highlighting on for every language analysed by default', () => {
    const languages = contributes.configuration.properties['byline.languages']?.default as string[];
    assert.deepEqual(languages, DEFAULT_SETTINGS.languages);
    for (const language of languages) {
      const defaults = contributes.configurationDefaults[`[${language}]`];
      assert.equal(defaults?.['editor.semanticHighlighting.enabled'], true, `semantic highlighting not enabled for ${language}`);
      assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), `no activation on ${language}`);
    }
  });
});

// ---- the colours the default themes really give each token type ----------------------------------------------

interface ThemeRule {
  scope?: string | string[];
  settings: { foreground?: string };
}

/** tokenColors of a theme with its `include` chain, parents first (later rules win ties, as in VS Code). */
function themeRules(file: string): ThemeRule[] {
  const theme = JSON.parse(fs.readFileSync(file, 'utf8')) as { include?: string; tokenColors?: ThemeRule[] };
  const parent = theme.include ? themeRules(path.join(path.dirname(file), theme.include)) : [];
  return [...parent, ...(theme.tokenColors ?? [])];
}

/** The foreground a theme gives the first probe scope it has a rule for (prefix match, longest selector wins). */
function resolveForeground(rules: ThemeRule[], probes: string[]): string | undefined {
  for (const probe of probes) {
    let best: { length: number; colour: string } | undefined;
    for (const rule of rules) {
      if (!rule.settings.foreground || !rule.scope) continue;
      const selectors = Array.isArray(rule.scope) ? rule.scope : rule.scope.split(',');
      for (const raw of selectors) {
        const selector = raw.trim();
        if (selector.includes(' ')) continue; // descendant selectors need a parent scope we do not have
        if (probe === selector || probe.startsWith(`${selector}.`)) {
          if (!best || selector.length >= best.length) best = { length: selector.length, colour: rule.settings.foreground.toLowerCase() };
        }
      }
    }
    if (best) return best.colour;
  }
  return undefined;
}

const THEMES_DIR = path.join(ROOT, '.cache/code-server/package/lib/vscode/extensions/theme-defaults/themes');

describe('manifest: default theme colours', function () {
  before(function () {
    if (!fs.existsSync(THEMES_DIR)) {
      console.warn(`  SKIPPED: VS Code's default themes not found at ${THEMES_DIR} (run scripts/install-code-server.sh)`);
      this.skip();
    }
  });

  for (const theme of ['dark_modern.json', 'light_modern.json', 'dark_plus.json', 'light_plus.json']) {
    it(`gives all ${TOKEN_TYPES.length} token types different colours in ${theme}`, () => {
      const rules = themeRules(path.join(THEMES_DIR, theme));
      const scopes = Object.assign({}, ...contributes.semanticTokenScopes.map((s) => s.scopes)) as Record<string, string[]>;
      const colours = new Map<string, string>();
      for (const type of TOKEN_TYPES) {
        const colour = resolveForeground(rules, scopes[type] ?? []);
        assert.ok(colour, `${type} gets no colour in ${theme}`);
        const clash = colours.get(colour);
        assert.ok(!clash, `${type} and ${clash} are both ${colour} in ${theme}`);
        colours.set(colour, type);
      }
    });
  }
});

// ---- commands, keys, menus ------------------------------------------------------------------------------------

describe('manifest: commands and keys', () => {
  const client = read('src/extension.ts');
  const registered = new Set([...client.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((m) => m[1]));
  const contributed = new Set(contributes.commands.map((c) => c.command));

  it('registers every contributed command in src/extension.ts, and contributes every registered one', () => {
    assert.ok(contributed.size >= 5);
    for (const command of contributed) assert.ok(registered.has(command), `${command} is contributed but never registered`);
    for (const command of registered) assert.ok(contributed.has(command as string), `${command} is registered but not contributed`);
  });

  it('titles every command under the Byline category', () => {
    for (const c of contributes.commands) {
      assert.equal(c.category, 'Byline', c.command);
      assert.ok(c.title.length > 0, c.command);
    }
  });

  it('binds keys only with a when clause limiting them to analysed documents', () => {
    assert.ok(contributes.keybindings.length >= 2);
    for (const k of contributes.keybindings) {
      assert.ok(contributed.has(k.command), `key ${k.key} runs unknown command ${k.command}`);
      assert.match(k.when ?? '', /editorTextFocus/, `${k.key} has no editorTextFocus in its when clause`);
      assert.match(k.when ?? '', /byline\.languages|editorLangId/, `${k.key} would fire in any language`);
    }
    const keys = contributes.keybindings.map((k) => `${k.key}:${k.command}`);
    assert.ok(keys.includes('alt+]:byline.nextQuote') && keys.includes('alt+[:byline.previousQuote'), keys.join(' '));
  });

  it('sets the context key the when clauses read', () => {
    const whens = [...contributes.keybindings.map((k) => k.when ?? ''), ...Object.values(contributes.menus).flat().map((m) => m.when ?? '')];
    if (whens.some((w) => w.includes('byline.languages'))) {
      assert.match(client, /setContext['"]?,\s*LANGUAGES_CONTEXT_KEY|setContext['"]?,\s*'byline\.languages'/);
      assert.match(client, /LANGUAGES_CONTEXT_KEY = 'byline\.languages'/);
    }
  });

  it('lists only contributed commands in menus', () => {
    for (const [menu, entries] of Object.entries(contributes.menus)) {
      for (const e of entries) assert.ok(contributed.has(e.command), `${menu} lists unknown command ${e.command}`);
    }
  });
});

// ---- settings -------------------------------------------------------------------------------------------------

describe('manifest: settings', () => {
  const props = contributes.configuration.properties;

  it('declares every setting the issue names', () => {
    for (const key of ['languages', 'maxDocumentSize', 'diagnostics.severity', 'highlight.entityKinds', 'glossary', 'genre', 'exclude']) {
      assert.ok(props[`byline.${key}`], `byline.${key} is not declared`);
    }
  });

  it('has the same defaults as the server', () => {
    assert.equal(props['byline.maxDocumentSize']?.default, DEFAULT_SETTINGS.maxDocumentSize);
    assert.equal(props['byline.glossary']?.default, DEFAULT_SETTINGS.glossaryPath);
    assert.equal(props['byline.genre']?.default, DEFAULT_SETTINGS.genre);
  });

  it('gives the server, through its own parser, exactly its defaults when nobody changed a setting', () => {
    // what VS Code sends for section "byline": the declared defaults, nested by the dots in their names
    const sent: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(props)) {
      const parts = key.split('.').slice(1);
      let node = sent;
      for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
      node[parts[parts.length - 1] as string] = schema.default;
    }
    assert.deepEqual(normalizeSettings(sent), DEFAULT_SETTINGS);
  });

  it('offers exactly the entity kinds among the token types for highlighting', () => {
    const kinds = props['byline.highlight.entityKinds']?.items?.enum ?? [];
    for (const k of kinds) assert.ok((TOKEN_TYPES as readonly string[]).includes(k), `${k} is not a token type`);
    assert.deepEqual(props['byline.highlight.entityKinds']?.default, kinds);
  });
});

// ---- language, grammar, packaging ------------------------------------------------------------------------------

describe('manifest: language, grammar and package', () => {
  it('declares the news language with .news files and a language configuration that parses', () => {
    const news = contributes.languages.find((l) => l.id === 'news');
    if (!news) return assert.fail('no news language');
    assert.ok(news.extensions?.includes('.news'));
    assert.ok(news.configuration, 'a language without configuration never activates on onLanguage');
    const config = JSON.parse(read(news.configuration)) as { autoClosingPairs?: unknown[]; wordPattern?: { pattern: string; flags?: string } };
    assert.ok(Array.isArray(config.autoClosingPairs));
    const word = new RegExp(config.wordPattern?.pattern ?? '', `${config.wordPattern?.flags ?? ''}g`);
    assert.deepEqual("O’Brien's well-known 40,000".match(word), ['O’Brien\'s', 'well-known', '40,000']);
  });

  it('points each grammar at a JSON file with the same scopeName', () => {
    assert.ok(contributes.grammars.length > 0);
    for (const g of contributes.grammars) {
      const grammar = JSON.parse(read(g.path)) as { scopeName?: string; patterns?: unknown[] };
      assert.equal(grammar.scopeName, g.scopeName);
      assert.ok(Array.isArray(grammar.patterns) && grammar.patterns.length > 0);
      assert.ok(contributes.languages.some((l) => l.id === g.language));
    }
  });

  it('ships a 128x128 PNG icon and an MIT licence', () => {
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    assert.equal(manifest.license, 'MIT');
    assert.match(read('LICENSE'), /MIT License[\s\S]*Byline contributors/);
  });

  it('whitelists in .vscodeignore everything the manifest points at, and nothing of the sources', () => {
    const lines = read('.vscodeignore').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    assert.equal(lines[0], '**', '.vscodeignore must start by ignoring everything');
    const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const covered = (file: string) => allowed.some((p) => p === file || (p.endsWith('/**') && file.startsWith(p.slice(0, -2))) || (p.includes('*') && new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*')}$`).test(file)));
    const needed = [
      manifest.main.replace(/^\.\//, ''),
      'dist/server.js',
      manifest.icon,
      'LICENSE',
      'README.md',
      ...contributes.grammars.map((g) => g.path.replace(/^\.\//, '')),
      ...contributes.languages.flatMap((l) => (l.configuration ? [l.configuration.replace(/^\.\//, '')] : [])),
      // whatever esbuild.mjs copies into dist/ next to the bundles (the trained model) runs too
      ...[...read('esbuild.mjs').matchAll(/copyFileSync\([^,]+,\s*['"`](dist\/[^'"`]+)['"`]/g)].map((m) => m[1] as string),
    ];
    for (const file of needed) assert.ok(covered(file), `${file} is not whitelisted`);
    for (const file of ['src/extension.ts', 'test/unit/manifest.test.ts', 'dist/server.js.map', 'node_modules/vscode/package.json']) {
      assert.ok(!covered(file), `${file} would be packaged`);
    }
  });

  it('packages without prompts from a production build', () => {
    assert.match(manifest.scripts['package'] ?? '', /vsce package --no-dependencies/);
    assert.match(manifest.scripts['package'] ?? '', /build:production/);
    assert.match(manifest.scripts['build:production'] ?? '', /--production/);
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  });
});
