/**
 * The application form on the server: the answers are checked against the version's JSON Schema with
 * the same compiler the catalogue publishes with (Ajv, draft 2020-12, standard formats), each failing
 * field reported by its JSON pointer; exit pages are re-checked so a client cannot skip them.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import type { FormUi } from '../catalogue/index.ts';

export type Answers = Record<string, unknown>;
type Page = FormUi['pages'][number];
type Condition = NonNullable<Page['showIf']>;

function compilerOf() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

// Versions never change once published, so their compiled validators are kept by version id.
const compiled = new Map<string, ReturnType<Ajv2020['compile']>>();

function validatorOf(key: string, schema: Record<string, unknown>) {
  let validate = compiled.get(key);
  if (!validate) {
    validate = compilerOf().compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

const escaped = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');

/** Pointers are into the answers, as the form's fields point (`/residentId`), so the web form marks its own field. */
function problemOf(error: ErrorObject): FieldProblem {
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { pointer: `${error.instancePath}/${escaped(missing)}`, detail: 'is required' };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { pointer: `${error.instancePath}/${escaped(extra)}`, detail: 'is not a question of this form' };
  }
  return { pointer: error.instancePath || '/', detail: error.message ?? 'is not valid' };
}

/** Every problem of complete answers, one per failing field. */
export function answerProblems(versionId: string, schema: Record<string, unknown>, answers: Answers) {
  const validate = validatorOf(versionId, schema);
  return validate(answers) ? [] : (validate.errors ?? []).map(problemOf);
}

/**
 * Problems of partial answers (a draft being saved): the answers given are checked against their
 * own properties' schemas; what is not answered yet is not missing.
 */
export function partialAnswerProblems(versionId: string, schema: Record<string, unknown>, answers: Answers) {
  const { required: _required, ...withoutRequired } = schema;
  return answerProblems(`${versionId}#partial`, withoutRequired, answers);
}

function valueAt(answers: Answers, pointer: string): unknown {
  let value: unknown = answers;
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function holds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((inner) => holds(inner as Condition, answers));
  if ('any' in condition) return condition.any.some((inner) => holds(inner as Condition, answers));
  const value = valueAt(answers, condition.pointer);
  if ('equals' in condition) return value === condition.equals;
  return condition.in.some((candidate) => candidate === value);
}

/** The first exit page the answers reach, if any. */
export function reachedExit(ui: FormUi, answers: Answers): Page | undefined {
  return ui.pages.find(
    (page) => page.kind === 'exit' && page.showIf !== undefined && holds(page.showIf, answers),
  );
}

/**
 * Answers to questions on pages the applicant never saw (their `showIf` does not hold) are dropped
 * before validation, as the web form drops them: a stale answer to a skipped question cannot fail.
 */
export function visibleAnswers(ui: FormUi, answers: Answers): Answers {
  const hidden = new Set<string>();
  for (const page of ui.pages) {
    if (page.kind !== 'question' || page.showIf === undefined || holds(page.showIf, answers)) continue;
    for (const field of page.fields) hidden.add(field.pointer);
  }
  return Object.fromEntries(Object.entries(answers).filter(([key]) => !hidden.has(`/${key}`)));
}
