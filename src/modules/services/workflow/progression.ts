import type { ParallelNode, TaskNode, WorkflowDefinition, WorkflowNode } from './definition.ts';

/**
 * How a definition moves on, as pure functions over its tree: where each node stands (its sequence,
 * its position there, the parallel node whose branch holds it), which tasks open when a node starts,
 * and what follows when a task is approved. The database holds which tasks are open; this decides
 * which open next, so a restart resumes from the stored tasks alone.
 */
type Place = {
  sequence: readonly WorkflowNode[];
  index: number;
  /** The parallel node whose branch this sequence is; null for the top-level steps. */
  enclosing: ParallelNode | null;
};

export type WorkflowPlan = {
  definition: WorkflowDefinition;
  places: ReadonlyMap<string, Place>;
  /** For each parallel node, the keys of every task inside it, however deep. */
  tasksInside: ReadonlyMap<string, ReadonlySet<string>>;
};

export function planOf(definition: WorkflowDefinition): WorkflowPlan {
  const places = new Map<string, Place>();
  const tasksInside = new Map<string, Set<string>>();
  const walk = (sequence: readonly WorkflowNode[], enclosing: ParallelNode | null, outer: ParallelNode[]) => {
    sequence.forEach((node, index) => {
      places.set(node.key, { sequence, index, enclosing });
      if (node.kind === 'task') {
        for (const parallel of outer) tasksInside.get(parallel.key)!.add(node.key);
      } else {
        tasksInside.set(node.key, new Set());
        for (const branch of node.branches) walk(branch, node, [...outer, node]);
      }
    });
  };
  walk(definition.steps, null, []);
  return { definition, places, tasksInside };
}

/** The tasks that open when `node` starts: the task itself, or the first task of every branch. */
export function entryTasks(node: WorkflowNode): TaskNode[] {
  if (node.kind === 'task') return [node];
  return node.branches.flatMap((branch) => entryTasks(branch[0]!));
}

/** The tasks a new workflow opens: the first step, which is the acceptance task. */
export function firstTasks(plan: WorkflowPlan): TaskNode[] {
  return entryTasks(plan.definition.steps[0]!);
}

export type Advance = {
  /** Tasks to open now. */
  open: TaskNode[];
  /** Parallel nodes whose every branch has now finished, innermost first. */
  joined: string[];
  /** True when the last step finished: the workflow is approved. */
  isFinished: boolean;
};

/**
 * What follows the approval of task `completedKey`, given the tasks still active (open or accepted)
 * apart from it. A parallel node joins only when no task inside it is active: every branch that has
 * not finished always has an active task, since a branch opens its next node as the previous closes.
 */
export function advanceAfter(
  plan: WorkflowPlan,
  completedKey: string,
  activeKeys: ReadonlySet<string>,
): Advance {
  const joined: string[] = [];
  let place: Place | undefined = plan.places.get(completedKey);
  if (!place) throw new Error(`task ${completedKey} is not in the definition`);
  for (;;) {
    const next = place.sequence[place.index + 1];
    if (next) return { open: entryTasks(next), joined, isFinished: false };
    if (place.enclosing === null) return { open: [], joined, isFinished: true };
    const parallel: ParallelNode = place.enclosing;
    const inside = plan.tasksInside.get(parallel.key)!;
    if ([...activeKeys].some((key) => inside.has(key))) return { open: [], joined, isFinished: false };
    joined.push(parallel.key);
    place = plan.places.get(parallel.key)!;
  }
}
