/** Public addresses of the service pages: printed on notices and linked from other sites. */
export const servicesPaths = {
  catalogue: '/services/items',
  item: (code: string, divisionCode?: string | null) =>
    `/services/items/${encodeURIComponent(code)}${divisionCode ? `?${new URLSearchParams({ divisionCode })}` : ''}`,
} as const;
