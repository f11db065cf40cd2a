import type { TestProject } from 'vitest/node';
import { buildTemplate, dropTemplate } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext { localpactTemplate: { kind: 'pglite' | 'postgres'; location: string } }
}

export default async function setup(project: TestProject) {
  const template = await buildTemplate();
  project.provide('localpactTemplate', template);
  return async () => { await dropTemplate(template); };
}
