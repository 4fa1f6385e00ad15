// Validates the documents Serow generates with independent tools:
//   node validate.mjs <openapi.json|yaml> <asyncapi.json|yaml> [more openapi/asyncapi files...]
// Files whose name starts with "openapi" are checked with @apidevtools/swagger-parser (OpenAPI 3.1 schema and
// references); files whose name starts with "asyncapi" with @asyncapi/parser (AsyncAPI 3 schema and its rules).
// Prints every diagnostic and exits non-zero on any error-level problem.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const files = process.argv.slice(2);
if (files.length < 2) {
  console.error('usage: node validate.mjs <openapi.json> <asyncapi.json> [more files...]');
  process.exit(2);
}

let problems = 0;

async function openapi(file) {
  try {
    const api = await SwaggerParser.validate(file);
    console.log(`ok ${file}: OpenAPI ${api.openapi}, ${Object.keys(api.paths ?? {}).length} paths`);
  } catch (error) {
    problems++;
    console.log(`FAIL ${file}: ${error.message}`);
    for (const detail of error.details ?? []) {
      console.log(`  ${JSON.stringify(detail)}`);
    }
  }
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
  } else {
    console.log(`ok ${file}: AsyncAPI ${document.version()}, ${document.channels().length} channels, ${diagnostics.length} non-error diagnostic(s)`);
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
