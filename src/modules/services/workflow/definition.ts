import { type Static, Type } from 'typebox';
import type { FieldProblem } from '../../../platform/errors/index.ts';

/**
 * The shape of a workflow definition, shared with the catalogue (which stores one per item version):
 * steps run in sequence; a task is handled at one department slot by the holders of one role there; a
 * parallel node runs its branches side by side and goes on only when every branch has approved.
 */
export type LocalisedText = { zh: string; en: string };
export type TaskNode = {
  kind: 'task';
  key: string;
  name: LocalisedText;
  /** A department slot: 'implementing' or a slot the item declares; bound to an organisation per division. */
  department: string;
  /** The code of the role whose holders at that department act on the task. */
  role: string;
};
export type ParallelNode = { kind: 'parallel'; key: string; name: LocalisedText; branches: WorkflowNode[][] };
export type WorkflowNode = TaskNode | ParallelNode;
export type WorkflowDefinition = { steps: WorkflowNode[] };

/** The slot every item has: the body that implements the item in its division. */
export const IMPLEMENTING_SLOT = 'implementing';

const CODE_PATTERN = '^[a-z][a-z0-9-]*$';
const Code = Type.String({ pattern: CODE_PATTERN, minLength: 1, maxLength: 60 });
const LocalisedTextSchema = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

/** The JSON Schema of a definition (recursive: a branch holds nodes, which may be parallel again). */
export const WorkflowDefinitionSchema = Type.Cyclic(
  {
    Node: Type.Union([
      Type.Object(
        { kind: Type.Literal('task'), key: Code, name: LocalisedTextSchema, department: Code, role: Code },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          kind: Type.Literal('parallel'),
          key: Code,
          name: LocalisedTextSchema,
          branches: Type.Array(Type.Array(Type.Ref('Node'), { minItems: 1 }), { minItems: 1 }),
        },
        { additionalProperties: false },
      ),
    ]),
    Definition: Type.Object(
      { steps: Type.Array(Type.Ref('Node'), { minItems: 1 }) },
      { additionalProperties: false },
    ),
  },
  'Definition',
);
export type WorkflowDefinitionSchema = Static<typeof WorkflowDefinitionSchema>;

const codePattern = new RegExp(CODE_PATTERN);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every problem with a definition, each at a JSON pointer into it (empty when it is sound). Beyond
 * the shape: keys unique across the whole definition, no empty branch, at least one task, and the
 * first node a task, because that is where an application is accepted or sent back for supplements.
 * Walked by hand rather than by the schema so each problem names the one node it is about.
 */
export function findDefinitionProblems(definition: unknown, base = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (pointer: string, detail: string) =>
    problems.push({ pointer: `${base}${pointer}`, detail });
  if (!isRecord(definition)) {
    problem('', 'must be an object with steps');
    return problems;
  }
  for (const extra of Object.keys(definition).filter((key) => key !== 'steps'))
    problem(`/${extra}`, 'is not part of a workflow definition');
  const keys = new Map<string, string>();
  let taskCount = 0;

  const checkText = (value: unknown, pointer: string) => {
    if (!isRecord(value)) return problem(pointer, 'must be an object with zh and en');
    for (const language of ['zh', 'en'] as const) {
      const text = value[language];
      if (typeof text !== 'string' || text.trim().length === 0 || text.length > 200)
        problem(`${pointer}/${language}`, 'must be 1–200 characters');
    }
    for (const extra of Object.keys(value).filter((key) => key !== 'zh' && key !== 'en'))
      problem(`${pointer}/${extra}`, 'is not part of a name (zh and en only)');
  };
  const checkCode = (value: unknown, pointer: string, what: string) => {
    if (typeof value !== 'string' || value.length > 60 || !codePattern.test(value))
      problem(pointer, `must be a ${what}: lower-case letters, digits and hyphens, starting with a letter`);
  };
  const checkSequence = (sequence: unknown, pointer: string, what: string) => {
    if (!Array.isArray(sequence) || sequence.length === 0) {
      problem(pointer, `${what} must be a non-empty list of nodes`);
      return;
    }
    sequence.forEach((node, index) => {
      checkNode(node, `${pointer}/${index}`);
    });
  };
  const checkNode = (node: unknown, pointer: string) => {
    if (!isRecord(node)) return problem(pointer, 'must be a task or parallel node');
    checkCode(node.key, `${pointer}/key`, 'key');
    if (typeof node.key === 'string') {
      const earlier = keys.get(node.key);
      if (earlier !== undefined) problem(`${pointer}/key`, `repeats the key of ${earlier}`);
      else keys.set(node.key, `${base}${pointer}`);
    }
    checkText(node.name, `${pointer}/name`);
    const allowed =
      node.kind === 'task'
        ? ['kind', 'key', 'name', 'department', 'role']
        : ['kind', 'key', 'name', 'branches'];
    if (node.kind === 'task') {
      taskCount += 1;
      checkCode(node.department, `${pointer}/department`, 'department slot');
      checkCode(node.role, `${pointer}/role`, 'role code');
    } else if (node.kind === 'parallel') {
      if (!Array.isArray(node.branches) || node.branches.length === 0)
        problem(`${pointer}/branches`, 'must list at least one branch');
      else
        node.branches.forEach((branch, index) => {
          checkSequence(branch, `${pointer}/branches/${index}`, 'a branch');
        });
    } else {
      problem(`${pointer}/kind`, 'must be task or parallel');
      return;
    }
    for (const extra of Object.keys(node).filter((key) => !allowed.includes(key)))
      problem(`${pointer}/${extra}`, `is not part of a ${node.kind} node`);
  };

  checkSequence(definition.steps, '/steps', 'steps');
  if (Array.isArray(definition.steps) && definition.steps.length > 0) {
    if (taskCount === 0) problem('/steps', 'must contain at least one task');
    const first = definition.steps[0];
    if (isRecord(first) && first.kind === 'parallel')
      problem('/steps/0/kind', 'the first step must be a task: the application is accepted there');
  }
  return problems;
}

/** Every task of a definition, in the order they appear. */
export function tasksOf(definition: WorkflowDefinition): TaskNode[] {
  const tasks: TaskNode[] = [];
  const walk = (nodes: readonly WorkflowNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'task') tasks.push(node);
      else for (const branch of node.branches) walk(branch);
    }
  };
  walk(definition.steps);
  return tasks;
}

/** The department slots a definition's tasks use; each must be bound to an organisation to start. */
export function slotsOf(definition: WorkflowDefinition): string[] {
  return [...new Set(tasksOf(definition).map((task) => task.department))].sort();
}
