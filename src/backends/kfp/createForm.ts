// Create Run for KFP v2beta1 as a JSON schema (a `v2beta1Run` for POST /apis/v2beta1/runs): display_name
// required, a pipeline by pipeline_version_reference (pipeline_id required) or an inline pipeline_spec,
// experiment_id one of the server's experiments, runtime_config.parameters an object.
import { idSchema, JSON_SCHEMA_2020, type JsonSchema } from '../../core';

export function kfpCreateSchema(experimentIds: readonly string[]): JsonSchema {
  return {
    $schema: JSON_SCHEMA_2020,
    title: 'KFP v2beta1 Run',
    type: 'object',
    required: ['display_name'],
    properties: {
      display_name: { type: 'string', minLength: 1, pattern: '\\S', description: 'The run\'s name' },
      description: { type: 'string' },
      experiment_id: idSchema(experimentIds, 'The experiment of the run (one of the server\'s; left out: the profile\'s or the default experiment)'),
      pipeline_version_reference: {
        type: 'object',
        required: ['pipeline_id'],
        properties: {
          pipeline_id: { type: 'string', minLength: 1, description: 'The pipeline' },
          pipeline_version_id: { type: 'string', description: 'A version of it (left out: the latest)' },
        },
      },
      pipeline_spec: { type: 'object', description: 'An inline pipeline spec, instead of pipeline_version_reference' },
      runtime_config: {
        type: 'object',
        properties: { parameters: { type: 'object', description: 'The pipeline\'s parameters' }, pipeline_root: { type: 'string' } },
      },
      service_account: { type: 'string' },
      recurring_run_id: { type: 'string' },
    },
    anyOf: [{ required: ['pipeline_version_reference'] }, { required: ['pipeline_spec'] }],
  };
}
