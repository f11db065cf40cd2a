import type { TestProject } from 'vitest/node';
import { buildTemplate, dropTemplate } from './template.ts';


export default async function setup(project: TestProject) {
  const template = await buildTemplate();
  project.provide('localpactTemplate', template);
  return async () => { await dropTemplate(template); };
}
