import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { formatPath } from './errors.js';
import { conveneConfigSchema, type ConveneConfig } from './schema.js';

/** A config that could not be used, with every problem listed by path. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} is not a valid Convene config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Validates a parsed config object; throws a ConfigError naming every problem. */
export function parseConfig(input: unknown, source = 'config'): ConveneConfig {
  const result = conveneConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = formatPath(issue.path);
    if (issue.code === 'invalid_value' || issue.code === 'invalid_type') {
      return `${where}: ${issue.message}, got ${describe(valueAt(input, issue.path))}`;
    }
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; check the spelling`;
    }
    return `${where}: ${issue.message}`;
  });
  throw new ConfigError(source, problems);
}

/** Reads and validates a YAML or JSON config file. */
export async function loadConfigFile(file: string): Promise<ConveneConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
  let data: unknown;
  try {
    data = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, [
      `is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    ]);
  }
  return parseConfig(data, file);
}
