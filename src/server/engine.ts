// The engine as hosts (server, CLI, scripts, tests) use it: analyze() with the shipped model loaded once.

import { analyze, type EngineOptions } from './analysis/article';
import { loadNameRecognizer } from './model/load';
import type { Article } from './analysis/types';

export function analyzeText(text: string, options: Omit<EngineOptions, 'recognizer'> = {}): Article {
  return analyze(text, { ...options, recognizer: loadNameRecognizer() });
}
