// Host side: loads the trained name recognizer's weights from disk once (the engine itself never touches fs).
// The weights live next to this file in the source tree (src/server/model/ner.bin) and are copied next to the
// bundles by esbuild.mjs (dist/ner.bin), so the same code finds them compiled by tsc and bundled.

import * as fs from 'fs';
import * as path from 'path';
import { NameTagger } from '../analysis/entities/tagger';

export const MODEL_FILE = 'ner.bin';

/** Where the weights are looked for, first match wins: an override, next to the bundle, the source tree. */
export function modelCandidates(): string[] {
  return [
    process.env.BYLINE_NER_MODEL ?? '',
    // bundled: dist/server.js, dist/cli.js, dist/extension.js → dist/ner.bin
    path.join(__dirname, MODEL_FILE),
    // compiled by tsc: out/src/server/model/load.js → src/server/model/ner.bin
    path.resolve(__dirname, '../../../../src/server/model', MODEL_FILE),
    path.join(__dirname, 'model', MODEL_FILE),
  ].filter(Boolean);
}

export interface NameModelInfo {
  file: string;
  bytes: number;
  /** Reading the file plus building the tagger, in milliseconds. */
  loadMs: number;
}

let cached: { tagger: NameTagger; info: NameModelInfo } | undefined;

function load(): { tagger: NameTagger; info: NameModelInfo } {
  if (cached) return cached;
  const t0 = process.hrtime.bigint();
  const file = modelCandidates().find((f) => fs.existsSync(f));
  if (!file) throw new Error(`Byline name model (${MODEL_FILE}) not found; looked in: ${modelCandidates().join(', ')}`);
  const bytes = fs.readFileSync(file);
  const tagger = NameTagger.fromBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  cached = { tagger, info: { file, bytes: bytes.length, loadMs: Number(process.hrtime.bigint() - t0) / 1e6 } };
  return cached;
}

/** The shipped name recognizer, read from disk on first use and cached for the life of the process. */
export function loadNameRecognizer(): NameTagger {
  return load().tagger;
}

/** Which file was loaded, its size and how long loading took (for `npm run bench` and diagnostics). */
export function nameModelInfo(): NameModelInfo {
  return load().info;
}
