import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import schema from './schema/ob_v3p0_achievementcredential_schema.json';

// Compiled once at load: validation runs per issued credential.
const ajv = new Ajv({ allErrors: true, strictTuples: false });
addFormats(ajv);
const validate = ajv.compile(schema);

export interface SchemaValidation {
  valid: boolean;
  /** `instancePath message` lines, empty when valid. */
  errors: string[];
}

/** Validates against the OB 3.0 AchievementCredential JSON Schema shipped in ./schema. */
export function validateOpenBadge(doc: unknown): SchemaValidation {
  const valid = validate(doc) as boolean;
  return {
    valid,
    errors: valid ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()),
  };
}
