// Validates the documents Serow generates with independent tools:
//   node validate.mjs <openapi.json|yaml> <asyncapi.json|yaml> [more openapi/asyncapi files...]
// Files whose name starts with "openapi" are checked with `redocly lint` (@redocly/cli, its "spec" ruleset: the OpenAPI
// 3.1 and 3.2 schemas and references, see redocly.yaml) and, for OpenAPI 3.1, also with @apidevtools/swagger-parser;
// files whose name starts with "asyncapi" with @asyncapi/parser (AsyncAPI 3 schema and its rules) and `asyncapi
// validate` (@asyncapi/cli, failing on error-level diagnostics).
// Prints every diagnostic and exits non-zero on any error-level problem.
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const files = process.argv.slice(2);
if (files.length < 2) {
  console.error('usage: node validate.mjs <openapi.json> <asyncapi.json> [more files...]');
  process.exit(2);
}

let problems = 0;

const here = dirname(fileURLToPath(import.meta.url));

function redocly(file) {
  const run = spawnSync(process.execPath, [join(here, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', '--config', join(here, 'redocly.yaml'), '--format', 'stylish', file], {
    encoding: 'utf8',
    // No telemetry and no update check: the tests run without the internet.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const report = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  if (run.status !== 0) {
    problems++;
    console.log(`FAIL ${file}: redocly lint exited with ${run.status}`);
    console.log(report.split('\n').map(l => `  ${l}`).join('\n'));
    return false;
  }

  return true;
}

async function openapi(file) {
  try {
    if (!redocly(file)) {
      return;
    }

    const text = await readFile(file, 'utf8');
    const version = /openapi['"]?\s*:\s*['"]?(3\.\d+)/.exec(text)?.[1];
    if (version === '3.1') {
      const api = await SwaggerParser.validate(file);
      console.log(`ok ${file}: OpenAPI ${api.openapi} (redocly lint, swagger-parser), ${Object.keys(api.paths ?? {}).length} paths`);
    } else {
      console.log(`ok ${file}: OpenAPI ${version} (redocly lint)`);
    }
  } catch (error) {
    problems++;
    console.log(`FAIL ${file}: ${error.message}`);
    for (const detail of error.details ?? []) {
      console.log(`  ${JSON.stringify(detail)}`);
    }
  }
}

function asyncapiCli(file) {
  const run = spawnSync(process.execPath, [join(here, 'node_modules', '@asyncapi', 'cli', 'bin', 'run'), 'validate', file, '--fail-severity', 'error', '--diagnostics-format', 'stylish'], {
    encoding: 'utf8',
    // No metrics and no update check: the tests run without the internet.
    env: { ...process.env, ASYNCAPI_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' },
  });
  if (run.status !== 0) {
    problems++;
    console.log(`FAIL ${file}: asyncapi validate exited with ${run.status}`);
    console.log(`${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').map(l => `  ${l}`).join('\n'));
    return false;
  }

  return true;
}

async function asyncapi(file) {
  const parser = new Parser();
  const { document, diagnostics } = await parser.parse(await readFile(file, 'utf8'), { source: file });
  const errors = diagnostics.filter(d => d.severity === DiagnosticSeverity.Error);
  for (const d of diagnostics) {
    const level = ['error', 'warning', 'info', 'hint'][d.severity] ?? d.severity;
    console.log(`  ${level} ${d.code}: ${d.message} at ${(d.path ?? []).join('/')}`);
  }

  if (errors.length > 0 || document === undefined) {
    problems++;
    console.log(`FAIL ${file}: ${errors.length} error(s)`);
  } else if (!asyncapiCli(file)) {
    return;
  } else {
    console.log(`ok ${file}: AsyncAPI ${document.version()} (parser, asyncapi validate), ${document.channels().length} channels, ${diagnostics.length} non-error diagnostic(s)`);
  }
}

for (const file of files) {
  const name = basename(file);
  if (name.startsWith('openapi')) {
    await openapi(file);
  } else if (name.startsWith('asyncapi')) {
    await asyncapi(file);
  } else {
    problems++;
    console.log(`FAIL ${file}: cannot tell whether it is an OpenAPI or an AsyncAPI document from its name`);
  }
}

process.exit(problems === 0 ? 0 : 1);
