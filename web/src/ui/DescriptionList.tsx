import type { ReactNode } from 'react';
import './description-list.css';

export interface Description {
  /** Also the React key: a term appears once per list. */
  term: string;
  description: ReactNode;
}

/** Term–value pairs, each pair wrapped in a div so that they wrap together on narrow screens. */
export function DescriptionList({ items }: { items: readonly Description[] }) {
  return (
    <dl className="description-list">
      {items.map(({ term, description }) => (
        <div className="description-list__item" key={term}>
          <dt>{term}</dt>
          <dd>{description}</dd>
        </div>
      ))}
    </dl>
  );
}
