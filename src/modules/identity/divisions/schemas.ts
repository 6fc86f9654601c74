import { type Static, Type } from 'typebox';

export const DivisionCode = Type.String({
  pattern: '^(0|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$',
  description: 'Statistical division code (2/4/6/9/12 digits), or 0 for the nation',
});

const summaryProperties = {
  code: Type.String(),
  name: Type.String(),
  level: Type.Integer({ minimum: 0, maximum: 5 }),
  levelName: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  isPlaceholder: Type.Boolean(),
};
const DivisionSummary = Type.Object(summaryProperties);

export const Division = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    level: Type.Integer({ minimum: 0, maximum: 5 }),
    levelName: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
    isPlaceholder: Type.Boolean(),
    /** The display name with its real ancestors, placeholders left out: 浙江省杭州市西湖区. */
    fullName: Type.String(),
    ancestors: Type.Array(DivisionSummary),
    childCount: Type.Integer({ minimum: 0 }),
  },
  { $id: 'Division' },
);
export type Division = Static<typeof Division>;

export const DivisionParams = Type.Object({ code: DivisionCode });

export const DivisionChildren = Type.Object(
  {
    parent: Type.String(),
    children: Type.Array(Type.Object({ ...summaryProperties, childCount: Type.Integer() })),
  },
  { $id: 'DivisionChildren' },
);

export const DivisionSearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50, description: 'Part of a division name, in Chinese' }),
  within: Type.Optional(DivisionCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const DivisionSearchResults = Type.Object(
  { results: Type.Array(Type.Object({ ...summaryProperties, fullName: Type.String() })) },
  { $id: 'DivisionSearchResults' },
);
