// Where the engine's time goes: a V8 CPU profile of a workload in this process (node:inspector), summed by
// function and by source file, so the bench can name the bottlenecks instead of only timing them.

import { Session } from 'inspector';
import * as path from 'path';
import { repoRoot } from './lsp';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface Hotspot {
  name: string;
  /** Share of all samples, 0..1. */
  share: number;
  ms: number;
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

function where(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  if (!file) return '(native)';
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? path.basename(file) : rel.replace(/^out\//, ''); // compiled JS: line numbers are out/'s
}

/** Runs `work` under the sampling profiler; returns the hottest functions and files by self time. */
export async function profile(work: () => void, top = 8): Promise<{ functions: Hotspot[]; files: Hotspot[] }> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
    work();
    const { profile: p } = await post<{ profile: Profile }>(session, 'Profiler.stop');
    const total = p.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
    const ms = (p.endTime - p.startTime) / 1000;
    const byFunction = new Map<string, number>();
    const byFile = new Map<string, number>();
    for (const node of p.nodes) {
      const hits = node.hitCount ?? 0;
      if (!hits) continue;
      const file = where(node.callFrame.url);
      const fn = `${node.callFrame.functionName || '(anonymous)'} ${file}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
      byFile.set(file, (byFile.get(file) ?? 0) + hits);
    }
    const rank = (m: Map<string, number>): Hotspot[] =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, hits]) => ({ name, share: hits / total, ms: (hits / total) * ms }));
    return { functions: rank(byFunction), files: rank(byFile) };
  } finally {
    session.disconnect();
  }
}
