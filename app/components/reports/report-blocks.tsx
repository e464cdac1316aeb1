import type { Block } from "../../lib/reports/report-document.server";
import { ChartFigure } from "../monitor/chart-figure";

function Heading({ block }: { block: Extract<Block, { type: "heading" }> }) {
  const className = `nl-heading nl-heading--level-${block.level}`;
  if (block.level === 1) return <h1 className={className} id={block.id}>{block.text}</h1>;
  if (block.level === 2) return <h2 className={className} id={block.id}>{block.text}</h2>;
  if (block.level === 3) return <h3 className={className} id={block.id}>{block.text}</h3>;
  return <h4 className={className} id={block.id}>{block.text}</h4>;
}

/** A yearly document's blocks as HTML: the same blocks Word and PDF are made from. */
export function ReportBlocks({ blocks }: { blocks: readonly Block[] }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case "heading":
            return <Heading key={i} block={block} />;
          case "paragraph":
            return (
              <p key={i} className={`nl-paragraph regie-report__facts${block.note ? " regie-report__note" : ""}`}>
                {block.label ? <span className="regie-report__label">{block.label}: </span> : null}
                {block.text}
              </p>
            );
          case "list":
            return (
              <ul key={i} className="regie-report__facts">
                {block.items.map((item, n) => (
                  <li key={n}>{item}</li>
                ))}
              </ul>
            );
          case "table":
            return (
              // Wide tables scroll sideways; keyboard users must be able to reach them (WCAG 2.1.1).
              // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
              <div key={i} className="regie-table-wrap" tabIndex={0} role="region" aria-labelledby={`${block.id}-caption`}>
                <table className="regie-table" id={block.id}>
                  <caption id={`${block.id}-caption`}>{block.caption}</caption>
                  <thead>
                    <tr>
                      {block.head.map((h, n) => (
                        <th scope="col" key={n} className={block.numeric[n] ? "regie-num" : undefined}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, n) =>
                          n === 0 ? (
                            <th scope="row" key={n}>
                              {cell}
                            </th>
                          ) : (
                            <td key={n} className={block.numeric[n] ? "regie-num" : undefined}>
                              {cell}
                            </td>
                          ),
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "figure":
            return (
              <ChartFigure key={i} svg={block.svg} caption={block.caption} id={block.id}>
                <p className="nl-paragraph regie-report__source">{block.source}</p>
              </ChartFigure>
            );
        }
      })}
    </>
  );
}
