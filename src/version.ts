import { readFileSync } from 'node:fs';
import { projectFile } from './project-files.ts';

/** The package version, read once from the project's package.json. */
export const VERSION: string = (JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version;
