import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import { findDefinitionProblems, type WorkflowDefinition, type WorkflowNode } from '../workflow/index.ts';
import { type Condition, CREDENTIAL_TYPES, type FormField, type VersionContent } from './schemas.ts';

/** The slot every item has: the body that implements it in a division. */
export const IMPLEMENTING_SLOT = 'implementing';

const FIXED_PREFILL_SOURCES = new Set([
  'identity.name',
  'identity.residentId',
  'identity.division',
  'organisation.creditCode',
  'organisation.name',
]);
const CREDENTIAL_PREFILL = /^credential:(?<type>[a-z][a-z0-9-]*)#(?<claim>[A-Za-z][A-Za-z0-9_.-]*)$/;

/** Problems a draft may not even be saved with: the database would refuse it. */
export function findSaveProblems(content: VersionContent): FieldProblem[] {
  return content.promisedLimitDays > content.statutoryLimitDays
    ? [{ pointer: '/promisedLimitDays', detail: 'must not exceed statutoryLimitDays' }]
    : [];
}

/**
 * Everything that must hold before a version may be published and applications made under it: the
 * form's JSON Schema compiles, every page field and condition points into it, uploads say what they
 * accept, prefill sources are known, keys are unique, and the workflow is a sound definition whose
 * department slots the item declares. Each problem names its place in the version content.
 */
export function findPublicationProblems(content: VersionContent): FieldProblem[] {
  const problems: FieldProblem[] = [...findSaveProblems(content)];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, detail });

  const slots = new Set<string>();
  content.departmentSlots.forEach((slot, index) => {
    if (slot.key === IMPLEMENTING_SLOT)
      problem(`/departmentSlots/${index}/key`, 'implementing is every item’s own slot; do not declare it');
    else if (slots.has(slot.key)) problem(`/departmentSlots/${index}/key`, `repeats the slot ${slot.key}`);
    slots.add(slot.key);
  });

  const materialKeys = new Set<string>();
  content.guide.materials.forEach((material, index) => {
    const at = `/guide/materials/${index}`;
    if (materialKeys.has(material.key)) problem(`${at}/key`, `repeats the material ${material.key}`);
    materialKeys.add(material.key);
    if (material.requirement === 'conditional' && !material.condition)
      problem(`${at}/condition`, 'is required for a conditional material: say when it is needed');
    if (material.requirement === 'required' && material.condition)
      problem(`${at}/condition`, 'is only for conditional materials');
  });

  problems.push(...findFormProblems(content.form.schema, content.form.ui.pages));
  problems.push(...findWorkflowProblems(content.workflow, new Set([IMPLEMENTING_SLOT, ...slots])));
  return problems;
}

type JsonSchema = Record<string, unknown>;

function compileProblem(schema: JsonSchema): string | undefined {
  try {
    // Strict: a misspelt keyword or format is an error now, not a form that silently checks nothing.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    ajv.compile(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The sub-schema at a JSON pointer into the answers, following `properties` of object schemas. */
function schemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const raw of pointer.split('/').slice(1)) {
    const name = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const properties = current?.properties as Record<string, JsonSchema> | undefined;
    current = properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (!current) return undefined;
  }
  return current;
}

function comparisonsOf(condition: Condition) {
  if ('all' in condition) return condition.all.map((c, i) => ({ comparison: c, at: `/all/${i}` }));
  if ('any' in condition) return condition.any.map((c, i) => ({ comparison: c, at: `/any/${i}` }));
  return [{ comparison: condition, at: '' }];
}

function findFormProblems(schema: JsonSchema, pages: VersionContent['form']['ui']['pages']): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, detail });
  const compileError = compileProblem(schema);
  if (compileError) {
    problem('/form/schema', `does not compile as a JSON Schema (draft 2020-12): ${compileError}`);
    return problems;
  }
  if (schema.type !== 'object') problem('/form/schema/type', 'must be "object": the answers are an object');

  const pageKeys = new Set<string>();
  const askedBefore = new Set<string>();
  pages.forEach((page, pageIndex) => {
    const at = `/form/ui/pages/${pageIndex}`;
    if (pageKeys.has(page.key)) problem(`${at}/key`, `repeats the page ${page.key}`);
    pageKeys.add(page.key);
    if (page.showIf) {
      for (const { comparison, at: within } of comparisonsOf(page.showIf)) {
        if (!askedBefore.has(comparison.pointer))
          problem(
            `${at}/showIf${within}/pointer`,
            `${comparison.pointer} is not a field asked on an earlier page`,
          );
      }
    }
    if (page.kind === 'exit') return;
    const askedHere: string[] = [];
    page.fields.forEach((field, fieldIndex) => {
      const fieldAt = `${at}/fields/${fieldIndex}`;
      const target = schemaAt(schema, field.pointer);
      if (!target) problem(`${fieldAt}/pointer`, `${field.pointer} is not a property of the form schema`);
      else problems.push(...findFieldProblems(field, target, fieldAt));
      const prefillProblem = field.prefill === undefined ? undefined : checkPrefill(field.prefill);
      if (prefillProblem) problem(`${fieldAt}/prefill`, prefillProblem);
      if (askedBefore.has(field.pointer) || askedHere.includes(field.pointer))
        problem(`${fieldAt}/pointer`, `${field.pointer} is asked more than once`);
      askedHere.push(field.pointer);
    });
    for (const pointer of askedHere) askedBefore.add(pointer);
  });
  if (!pages.some((page) => page.kind === 'question'))
    problem('/form/ui/pages', 'must have at least one question page');
  return problems;
}

function findFieldProblems(field: FormField, target: JsonSchema, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, detail });
  if (field.widget === 'file') {
    if (!field.file)
      problem(`${at}/file`, 'is required for an upload: say which content types and how large');
    if (target.type !== 'string')
      problem(`${at}/pointer`, 'an upload is stored as the id of the file: its schema type must be string');
  } else if (field.file) {
    problem(`${at}/file`, 'is only for upload fields');
  }
  if (field.widget === 'choice') {
    const values = Array.isArray(target.enum) ? target.enum.map(String) : undefined;
    if (!values) problem(`${at}/pointer`, 'a choice needs an enum in its schema');
    for (const [index, option] of (field.options ?? []).entries())
      if (values && !values.includes(option.value))
        problem(`${at}/options/${index}/value`, `${option.value} is not in the schema's enum`);
  }
  return problems;
}

/** Why a prefill source is not one the platform knows, or nothing. */
function checkPrefill(source: string): string | undefined {
  const credentialType = CREDENTIAL_PREFILL.exec(source)?.groups?.type;
  if (credentialType !== undefined)
    return (CREDENTIAL_TYPES as readonly string[]).includes(credentialType)
      ? undefined
      : `${credentialType} is not a known credential type`;
  return FIXED_PREFILL_SOURCES.has(source)
    ? undefined
    : `must be one of ${[...FIXED_PREFILL_SOURCES].join(', ')} or credential:<type>#<claim>`;
}

/**
 * The workflow: the engine's own check of the definition (shape, codes, unique keys, first step a task),
 * then, on a sound definition, that every task's department is the implementing slot or one the item
 * declares, at the task's own pointer.
 */
export function findWorkflowProblems(workflow: unknown, declaredSlots: ReadonlySet<string>): FieldProblem[] {
  const problems = findDefinitionProblems(workflow, '/workflow');
  if (problems.length > 0) return problems;
  const walk = (nodes: readonly WorkflowNode[], at: string) =>
    nodes.forEach((node, index) => {
      if (node.kind === 'parallel')
        node.branches.forEach((branch, branchIndex) => {
          walk(branch, `${at}/${index}/branches/${branchIndex}`);
        });
      else if (!declaredSlots.has(node.department))
        problems.push({
          pointer: `${at}/${index}/department`,
          detail: `must be a declared department slot (${[...declaredSlots].join(', ')})`,
        });
    });
  walk((workflow as WorkflowDefinition).steps, '/workflow/steps');
  return problems;
}
