#!/usr/bin/env node
// Validates GLB files with the Khronos glTF-Validator.
//
// Usage: node scripts/gltf-validate/validate.mjs FILE.glb [FILE.glb ...]
//
// Prints one JSON line per file:
//   {"file", "errors", "warnings", "infos", "messages" (first 10 errors), "warningMessages" (first 10 warnings)}
// Exit status: 0 when no file has errors, 1 when any file has errors, 2 on bad usage or an unreadable file.
// Install once with: npm ci --prefix scripts/gltf-validate
import { readFile } from 'node:fs/promises';
import validator from 'gltf-validator';

const MAX_MESSAGES = 10;
const SEVERITY_ERROR = 0;
const SEVERITY_WARNING = 1;

function describe(message) {
  const where = message.pointer ? ` at ${message.pointer}` : '';
  return `${message.code}${where}: ${message.message}`;
}

function firstOf(messages, severity) {
  return messages.filter((m) => m.severity === severity).slice(0, MAX_MESSAGES).map(describe);
}

async function validate(file) {
  const bytes = new Uint8Array(await readFile(file));
  const report = await validator.validateBytes(bytes, {
    uri: file,
    format: 'glb',
    maxIssues: 0,
    writeTimestamp: false,
  });
  const issues = report.issues;
  return {
    file,
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    messages: firstOf(issues.messages, SEVERITY_ERROR),
    warningMessages: firstOf(issues.messages, SEVERITY_WARNING),
  };
}

const files = process.argv.slice(2);
if (files.length === 0 || files.includes('--help') || files.includes('-h')) {
  console.error('usage: node validate.mjs FILE.glb [FILE.glb ...]   (glTF-Validator ' + validator.version() + ')');
  process.exit(files.length === 0 ? 2 : 0);
}

let status = 0;
for (const file of files) {
  try {
    const result = await validate(file);
    console.log(JSON.stringify(result));
    if (result.errors > 0) {
      status = Math.max(status, 1);
    }
  } catch (error) {
    console.log(JSON.stringify({ file, errors: -1, warnings: -1, infos: -1, messages: [String(error)], warningMessages: [] }));
    status = 2;
  }
}
process.exit(status);
