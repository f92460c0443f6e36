// A titled card holding one table: column headers, and rows whose first cell heads the row.
// The overview, SLA and policy pages are made of these. A table wider than a phone scrolls
// in its own box, which the keyboard must reach too (WCAG 2.1.1): hence its tabindex.
import type { Child } from 'hono/jsx';

export function TableCard(props: {
  title: string;
  headers?: string[];
  rows: Child[][];
  wide?: boolean;
  empty?: string;
  class?: string;
}) {
  return (
    <section class={props.wide ? 'card wide' : 'card'}>
      <h2>{props.title}</h2>
      {props.rows.length === 0 && props.empty ? (
        <p>{props.empty}</p>
      ) : (
        <section class="table-wrap" tabindex={0} aria-label={props.title}>
          <table class={props.class}>
            {props.headers && (
              <thead>
                <tr>
                  {props.headers.map((header) => (
                    <th scope="col">{header}</th>
                  ))}
                </tr>
              </thead>
            )}
            <tbody>
              {props.rows.map(([first, ...rest]) => (
                <tr>
                  <th scope="row">{first}</th>
                  {rest.map((cell) => (
                    <td>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
