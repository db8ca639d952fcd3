/** Pipeline templates of the simulated KFP: a DAG of components, some nested in sub-DAGs. */
export type KfpTaskType = 'ROOT' | 'RUNTIME' | 'DAG' | 'CONDITION_BRANCH' | 'LOOP' | 'EXIT_HANDLER' | 'IMPORTER';

export interface TaskTemplate {
  key: string;
  type: KfpTaskType;
  /** Enclosing DAG (undefined = the root). */
  parent?: string;
  /** Upstream tasks that must finish first (same parent). */
  deps: string[];
  /** Typical duration, seconds (runtime tasks only; DAGs span their children). */
  seconds: number;
  /** May be served from cache. */
  cacheable?: boolean;
  params?: Record<string, string | number | boolean>;
}

export interface PipelineTemplate {
  pipelineId: string;
  versionId: string;
  name: string;
  experiment: string;
  params: Record<string, string | number | boolean>;
  tasks: TaskTemplate[];
}

const rt = (key: string, deps: string[], seconds: number, extra: Partial<TaskTemplate> = {}): TaskTemplate => ({ key, type: 'RUNTIME', deps, seconds, ...extra });

export const PIPELINES: readonly PipelineTemplate[] = [
  {
    pipelineId: '3c1c8f0e-5d0a-4a77-9d3e-0b7f4c1a2e10', versionId: '8f2b9a51-2c4e-4f0b-a0c6-6d1e2f3a4b50', name: 'train-resnet50', experiment: 'resnet-benchmarks',
    params: { epochs: 30, learning_rate: 0.001, dataset: 'imagenet-1k', batch_size: 256 },
    tasks: [
      rt('download-dataset', [], 90, { cacheable: true }),
      rt('preprocess-images', ['download-dataset'], 120, { cacheable: true }),
      { key: 'train-and-tune', type: 'DAG', deps: ['preprocess-images'], seconds: 0 },
      rt('train-model', [], 300, { parent: 'train-and-tune' }),
      rt('tune-hyperparameters', ['train-model'], 150, { parent: 'train-and-tune' }),
      rt('evaluate-model', ['train-and-tune'], 60),
      rt('deploy-model', ['evaluate-model'], 30),
    ],
  },
  {
    pipelineId: '5a0e3b7c-1f2d-4c8e-9b6a-7d5c4b3a2f11', versionId: '9c3d0e62-3a5f-4b1c-b2d7-7e2f3a4b5c61', name: 'xgboost-churn', experiment: 'churn-model',
    params: { max_depth: 6, n_estimators: 400, table: 'crm.customers_2026q3' },
    tasks: [
      rt('load-data', [], 40, { cacheable: true }),
      rt('feature-engineering', ['load-data'], 80, { cacheable: true }),
      rt('train-xgboost', ['feature-engineering'], 160),
      rt('evaluate', ['train-xgboost'], 30),
      rt('push-metrics', ['evaluate'], 10),
    ],
  },
  {
    pipelineId: '6b1f4c8d-2a3e-4d9f-8c7b-8e6d5c4b3a12', versionId: 'ad4e1f73-4b6a-4c2d-83e8-8f3a4b5c6d72', name: 'bert-finetune-sst2', experiment: 'nlp-finetuning',
    params: { model: 'bert-base-uncased', epochs: 3, max_seq_len: 128 },
    tasks: [
      rt('tokenize', [], 60, { cacheable: true }),
      rt('finetune', ['tokenize'], 420),
      rt('eval-accuracy', ['finetune'], 45),
      rt('export-onnx', ['eval-accuracy'], 25),
    ],
  },
  {
    pipelineId: '7c2a5d9e-3b4f-4e0a-9d8c-9f7e6d5c4b13', versionId: 'be5f2a84-5c7b-4d3e-94f9-9a4b5c6d7e83', name: 'daily-etl-sales', experiment: 'nightly-etl',
    params: { date: '2026-08-20', region: 'eu-west-1' },
    tasks: [
      rt('extract-orders', [], 35),
      rt('extract-refunds', [], 25),
      rt('transform', ['extract-orders', 'extract-refunds'], 50),
      rt('load-warehouse', ['transform'], 40),
      rt('data-quality-check', ['load-warehouse'], 15),
    ],
  },
  {
    pipelineId: '8d3b6e0f-4c5a-4f1b-8e9d-0a8f7e6d5c14', versionId: 'cf6a3b95-6d8c-4e4f-a50a-0b5c6d7e8f94', name: 'llm-eval-harness', experiment: 'llm-evals',
    params: { model: 'llama-3.1-8b-instruct', shots: 5 },
    tasks: [
      rt('load-model', [], 70, { cacheable: true }),
      { key: 'run-benchmarks', type: 'DAG', deps: ['load-model'], seconds: 0 },
      rt('mmlu', [], 200, { parent: 'run-benchmarks' }),
      rt('gsm8k', [], 150, { parent: 'run-benchmarks' }),
      rt('humaneval', [], 120, { parent: 'run-benchmarks' }),
      rt('aggregate-report', ['run-benchmarks'], 20),
    ],
  },
];

export const GENERIC_PIPELINE: PipelineTemplate = {
  pipelineId: '', versionId: '', name: 'custom-pipeline', experiment: 'Default', params: {},
  tasks: [rt('prepare', [], 20), rt('run-component', ['prepare'], 40), rt('collect-outputs', ['run-component'], 10)],
};

export const EXPERIMENT_NAMES = ['Default', 'resnet-benchmarks', 'churn-model', 'nlp-finetuning', 'nightly-etl', 'llm-evals'];
