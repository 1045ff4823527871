import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;

describe('the committed API client', () => {
  // The API side of the drift check (document vs. controllers) lives in apps/api.
  it('is exactly what openapi-typescript generates from the committed OpenAPI document', async () => {
    const document = JSON.parse(readFileSync(path.join(here, 'openapi.json'), 'utf8'));
    const generated = astToString(await openapiTS(document));
    const committed = readFileSync(path.join(here, 'schema.ts'), 'utf8');
    const body = (source: string) => source.replace(/^\/\*\*[\s\S]*?\*\/\s*/, '').trim();
    expect(body(committed)).toBe(body(generated));
  });

  it('types the catalog endpoint with the five target groups', () => {
    const document = JSON.parse(readFileSync(path.join(here, 'openapi.json'), 'utf8'));
    expect(document.components.schemas.TargetGroup.enum).toEqual(['early_childhood', 'youth', 'general_public', 'education_staff', 'elderly']);
    expect(document.paths['/api/v1/catalog'].get.operationId).toBe('listCatalog');
  });
});
