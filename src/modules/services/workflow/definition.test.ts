import fc from 'fast-check';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import {
  findDefinitionProblems,
  slotsOf,
  tasksOf,
  type WorkflowDefinition,
  WorkflowDefinitionSchema,
} from './definition.ts';
import { definitionArbitrary, parallelsBefore } from './definition-arbitrary.ts';
import { advanceAfter, firstTasks, planOf } from './progression.ts';
import { parallel, serial, task } from './test-world.ts';

const pointers = (definition: unknown) =>
  findDefinitionProblems(definition).map((problem) => problem.pointer);
const sound = definitionArbitrary(['implementing', 'health', 'fire-safety'], 'service-handler');

describe('workflow definitions', () => {
  it('accepts a sound definition, serial or with parallel branches of any depth', () => {
    expect(findDefinitionProblems(serial('receive', 'decide'))).toEqual([]);
    const nested: WorkflowDefinition = {
      steps: [
        task('a'),
        parallel('p', [[task('b'), parallel('q', [[task('c')], [task('d')]])], [task('e', 'fire-safety')]]),
      ],
    };
    expect(findDefinitionProblems(nested)).toEqual([]);
    expect(slotsOf(nested)).toEqual(['fire-safety', 'implementing']);
    expect(tasksOf(nested).map((node) => node.key)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('names each problem at its pointer: repeated keys, empty branches, no task, a first node that is not a task', () => {
    expect(pointers({ steps: [task('a'), task('a')] })).toEqual(['/steps/1/key']);
    expect(findDefinitionProblems({ steps: [task('a'), task('a')] })[0]!.detail).toBe(
      'repeats the key of /steps/0',
    );
    expect(pointers({ steps: [task('a'), parallel('p', [[task('b')], []])] })).toEqual([
      '/steps/1/branches/1',
    ]);
    expect(pointers({ steps: [task('a'), parallel('p', [])] })).toEqual(['/steps/1/branches']);
    expect(pointers({ steps: [] })).toEqual(['/steps']);
    expect(pointers({ steps: [parallel('p', [[task('a')]])] })).toEqual(['/steps/0/kind']);
    expect(pointers({ steps: [parallel('p', [[parallel('q', [[]])]])] })).toEqual([
      '/steps/0/branches/0/0/branches/0',
      '/steps',
      '/steps/0/kind',
    ]);
    expect(pointers(null)).toEqual(['']);
    expect(pointers({ steps: [{ ...task('a'), role: 'Not A Code', extra: 1 }] })).toEqual([
      '/steps/0/role',
      '/steps/0/extra',
    ]);
    expect(pointers({ steps: [{ kind: 'loop', key: 'a', name: { zh: '循环', en: 'Loop' } }] })).toEqual([
      '/steps/0/kind',
      '/steps',
    ]);
    expect(pointers({ steps: [{ ...task('a'), name: { zh: ' ' } }] })).toEqual([
      '/steps/0/name/zh',
      '/steps/0/name/en',
    ]);
  });

  it('agrees with the published schema on every generated sound definition', () => {
    fc.assert(
      fc.property(sound, (definition) => {
        expect(findDefinitionProblems(definition)).toEqual([]);
        expect(Value.Check(WorkflowDefinitionSchema, definition)).toBe(true);
      }),
    );
  });

  it('never joins a parallel node before all its branches finish, and finishes with every task approved', () => {
    fc.assert(
      fc.property(sound, fc.array(fc.nat(), { maxLength: 60 }), (definition, choices) => {
        const plan = planOf(definition);
        const required = parallelsBefore(definition);
        const approved = new Set<string>();
        const active = new Set(firstTasks(plan).map((node) => node.key));
        let isFinished = false;
        let step = 0;
        while (!isFinished) {
          const keys = [...active];
          const key = keys[(choices[step] ?? 0) % keys.length]!;
          step += 1;
          active.delete(key);
          approved.add(key);
          const advance = advanceAfter(plan, key, active);
          for (const joined of advance.joined)
            for (const inside of plan.tasksInside.get(joined)!) expect(approved.has(inside)).toBe(true);
          for (const opened of advance.open) {
            for (const before of required.get(opened.key)!)
              for (const inside of plan.tasksInside.get(before)!) expect(approved.has(inside)).toBe(true);
            expect(approved.has(opened.key) || active.has(opened.key)).toBe(false);
            active.add(opened.key);
          }
          isFinished = advance.isFinished;
          if (!isFinished) expect(active.size).toBeGreaterThan(0);
        }
        expect(active.size).toBe(0);
        expect([...approved].sort()).toEqual(
          tasksOf(definition)
            .map((node) => node.key)
            .sort(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
