// normalizeSettings: what clients send for section `byline` (VS Code's nested form, other editors' flat keys,
// and mistakes) becomes settings the server can trust.

import * as assert from 'assert';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../src/server/settings';

describe('server settings', () => {
  it('reads VS Code\'s nested section', () => {
    const s = normalizeSettings({
      languages: ['news'],
      maxDocumentSize: 5000,
      diagnostics: { severity: { ATTR004: 'hint', attr008: 'off', default: 'information' } },
      highlight: { entityKinds: ['person', 'date'] },
      glossary: 'docs/people.json',
      genre: 'opinion',
    });
    assert.deepStrictEqual(s.languages, ['news']);
    assert.strictEqual(s.maxDocumentSize, 5000);
    assert.deepStrictEqual(s.severity, { byCode: { ATTR004: 'hint', ATTR008: 'off' }, fallback: 'information' });
    assert.deepStrictEqual([...s.highlightKinds].sort(), ['cue', 'date', 'person', 'quote', 'speaker']);
    assert.strictEqual(s.glossaryPath, 'docs/people.json');
    assert.strictEqual(s.genre, 'opinion');
  });

  it('reads flat dotted keys and engine type names, and accepts "warn" and "info"', () => {
    const s = normalizeSettings({ 'diagnostics.severity': 'warn', 'highlight.entityKinds': ['ORG', 'LOC', 'MONEY'] });
    assert.strictEqual(s.severity.fallback, 'warning');
    assert.ok(s.highlightKinds.has('organization') && s.highlightKinds.has('place') && s.highlightKinds.has('number'));
    assert.ok(!s.highlightKinds.has('person'));
    assert.strictEqual(normalizeSettings({ diagnostics: { severity: { default: 'info' } } }).severity.fallback, 'information');
  });

  it('keeps the engine\'s own levels for "default" and falls back on nonsense', () => {
    const s = normalizeSettings({ diagnostics: { severity: 'default' }, maxDocumentSize: -3, languages: 'news', genre: 'satire', glossary: 42 });
    assert.deepStrictEqual(s.severity, { byCode: {} });
    assert.strictEqual(s.maxDocumentSize, DEFAULT_SETTINGS.maxDocumentSize);
    assert.deepStrictEqual(s.languages, DEFAULT_SETTINGS.languages);
    assert.strictEqual(s.genre, 'auto');
    assert.strictEqual(s.glossaryPath, '.byline/glossary.json');
    assert.strictEqual(normalizeSettings(null), DEFAULT_SETTINGS);
  });
});
