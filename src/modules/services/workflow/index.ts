/** The workflow engine of the services module: instances, tasks, actions and work queues (docs/services-workflow.md). */
export {
  findDefinitionProblems,
  IMPLEMENTING_SLOT,
  type LocalisedText,
  type ParallelNode,
  slotsOf,
  type TaskNode,
  tasksOf,
  type WorkflowDefinition,
  WorkflowDefinitionSchema,
  type WorkflowNode,
} from './definition.ts';
export { HANDLE_CASES } from './handlers.ts';
export {
  getInstanceHistory,
  getTaskView,
  type InstanceHistory,
  listWorkQueue,
  type QueueItem,
  type QueueState,
  type WorkQueueFilter,
} from './queue.ts';
export { type WorkflowRouteDeps, workflowRoutes } from './routes.ts';
export {
  type ActOnTaskInput,
  actOnTask,
  provideSupplements,
  type StartWorkflowInput,
  setWorkflowDeadline,
  startWorkflow,
  type TaskAction,
  type WorkflowActor,
  type WorkflowOutcome,
  type WorkflowReaction,
  withdrawWorkflow,
} from './service.ts';
export type { SupplementItem } from './store.ts';
export type { ActionEntry, InstanceSummary, TaskSummary } from './views.ts';
