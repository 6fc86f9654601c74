/** fast-check generators of sound workflow definitions, for property tests. */
import fc from 'fast-check';
import type { WorkflowDefinition, WorkflowNode } from './definition.ts';

type Shape = { kind: 'task'; slot: number } | { kind: 'parallel'; branches: Shape[][] };

const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('task' as const), slot: fc.nat({ max: 2 }) }),
    fc.record({
      kind: fc.constant('parallel' as const),
      branches: fc.array(fc.array(tie('node'), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  ),
})).node;

/**
 * A definition whose first step is a task and whose keys are unique (numbered in document order);
 * tasks use up to three department slots, `slots[0]` being the implementing body.
 */
export function definitionArbitrary(
  slots: readonly [string, string, string],
  role: string,
): fc.Arbitrary<WorkflowDefinition> {
  return fc
    .tuple(fc.constant<Shape>({ kind: 'task', slot: 0 }), fc.array(shape, { minLength: 0, maxLength: 3 }))
    .map(([first, rest]) => {
      let counter = 0;
      const build = (node: Shape): WorkflowNode => {
        counter += 1;
        const key = `n${counter}`;
        if (node.kind === 'task')
          return {
            kind: 'task',
            key,
            name: { zh: `环节${counter}`, en: `Step ${counter}` },
            department: slots[node.slot]!,
            role,
          };
        return {
          kind: 'parallel',
          key,
          name: { zh: `并联${counter}`, en: `Joint ${counter}` },
          branches: node.branches.map((branch) => branch.map(build)),
        };
      };
      return { steps: [first, ...rest].map(build) };
    });
}

/**
 * For each task key, the parallel nodes that must have joined before the task may open: those earlier
 * in its own sequence and in every sequence that encloses it.
 */
export function parallelsBefore(definition: WorkflowDefinition): Map<string, string[]> {
  const before = new Map<string, string[]>();
  const walk = (sequence: readonly WorkflowNode[], inherited: string[]) => {
    const earlier = [...inherited];
    for (const node of sequence) {
      if (node.kind === 'task') before.set(node.key, [...earlier]);
      else {
        for (const branch of node.branches) walk(branch, earlier);
        earlier.push(node.key);
      }
    }
  };
  walk(definition.steps, []);
  return before;
}
