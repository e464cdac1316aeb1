/** A server-rendered SVG chart (its own title and description inside) with a visible caption. */
export function ChartFigure({ svg, caption, id, children }: { svg: string; caption: string; id: string; children?: React.ReactNode }) {
  return (
    <figure className="regie-chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      {/* The SVG is made on the server by ECharts from stored figures and cleaned (svg.server.ts). */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      {children}
    </figure>
  );
}
