import { type Static, Type } from 'typebox';
import { FormUi } from '../catalogue/index.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Property = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*$', maxLength: 100 });
const State = Type.Union(
  ['draft', 'submitted', 'accepted', 'awaiting-supplements', 'approved', 'rejected', 'withdrawn'].map(
    (state) => Type.Literal(state),
  ),
);

export const BundleParams = Type.Object(
  { code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }) },
  { additionalProperties: false },
);
export const BundleDivisionParams = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }),
    divisionCode: Type.String({ pattern: '^[0-9]{2,12}$' }),
  },
  { additionalProperties: false },
);
export const BundleQuery = Type.Object(
  { divisionCode: Type.String({ pattern: '^[0-9]{2,12}$' }) },
  { additionalProperties: false },
);
export const CaseParams = Type.Object(
  { number: Type.String({ pattern: '^[0-9]{2,12}-[0-9]{8}-Y[0-9]{6}$' }) },
  { additionalProperties: false },
);

const Member = Type.Object(
  {
    itemCode: Type.String({ minLength: 1, maxLength: 40 }),
    fields: Type.Record(Property, Property, {
      description:
        'Each of the member form’s properties and the merged form property it takes its answer from',
    }),
  },
  { additionalProperties: false },
);

export const BundleInput = Type.Object(
  {
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    members: Type.Array(Member, { minItems: 1, maxItems: 20 }),
    form: Type.Object(
      { schema: Type.Record(Type.String(), Type.Unknown()), ui: FormUi },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type BundleInput = Static<typeof BundleInput>;

export const Bundle = Type.Object({
  id: Type.String(),
  code: Type.String(),
  divisionCode: Type.String(),
  name: Text,
  members: Type.Array(
    Type.Object({ itemCode: Type.String(), fields: Type.Record(Type.String(), Type.String()) }),
  ),
  form: Type.Object({ schema: Type.Record(Type.String(), Type.Unknown()), ui: Type.Unknown() }),
});

export const CaseInput = Type.Object(
  {
    answers: Type.Record(Type.String({ maxLength: 200 }), Type.Unknown()),
    declarationAccepted: Type.Boolean({ description: 'The applicant declares the answers true' }),
  },
  { additionalProperties: false },
);
export type CaseInput = Static<typeof CaseInput>;

export const BundleCase = Type.Object({
  number: Type.String(),
  bundleCode: Type.String(),
  name: Text,
  divisionCode: Type.String(),
  submittedAt: Type.String(),
  status: Type.Union([
    Type.Literal('in-progress'),
    Type.Literal('awaiting-supplements'),
    Type.Literal('completed'),
    Type.Literal('closed-with-refusals'),
  ]),
  approvedCount: Type.Integer(),
  members: Type.Array(
    Type.Object({
      itemCode: Type.String(),
      applicationId: Type.String(),
      applicationNumber: Type.Union([Type.String(), Type.Null()]),
      state: State,
      decidedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});
