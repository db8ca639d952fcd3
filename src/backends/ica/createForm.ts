// Create Run for ICA as a JSON schema: a CreateTaskRunRequest (POST /v1/tasks/runs, tes.swagger) whose
// execution.image.name is required, or a launch of a task version ({taskId, versionId, ...}).
import { JSON_SCHEMA_2020, type JsonSchema } from '../../core';

const STRINGS = { type: 'array', items: { type: 'string' } };
const MOUNT = { type: 'object', properties: { path: { type: 'string' }, url: { type: 'string' }, urlExpiresAt: { type: 'string' }, mode: { type: 'string' }, type: { type: 'string' } } };

const EXECUTION: JsonSchema = {
  type: 'object',
  required: ['image'],
  properties: {
    image: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1, description: 'Docker image name or URL' }, tag: { type: 'string' }, digest: { type: 'string' }, credentials: { type: 'object' } },
    },
    command: { type: 'string' },
    args: STRINGS,
    inputs: { type: 'array', items: MOUNT },
    outputs: { type: 'array', items: MOUNT },
    systemFiles: { type: 'object' },
    environment: {
      type: 'object',
      properties: {
        variables: { type: 'object', additionalProperties: { type: 'string' } },
        resources: { type: 'object', properties: { type: { type: 'string' }, size: { type: 'string' }, cpuCores: { type: 'number' }, memoryGb: { type: 'number' }, hardware: STRINGS, tier: { type: 'string' } } },
        inputStreamSettings: { type: 'object' },
      },
    },
    workingDirectory: { type: 'string' },
    retryLimit: { type: 'integer', minimum: 0 },
    retryCount: { type: 'integer', minimum: 0 },
  },
};

export function icaCreateSchema(): JsonSchema {
  const launch = { anyOf: [{ required: ['taskId'] }, { required: ['versionId'] }] };
  return {
    $schema: JSON_SCHEMA_2020,
    title: 'ICA CreateTaskRunRequest',
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 255 },
      description: { type: 'string', maxLength: 4096 },
      acl: STRINGS,
    },
    if: launch,
    then: {
      required: ['taskId', 'versionId'],
      properties: { taskId: { type: 'string', minLength: 1 }, versionId: { type: 'string', minLength: 1 } },
    },
    else: { required: ['execution'], properties: { execution: EXECUTION } },
  };
}
