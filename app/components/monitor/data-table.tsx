import { useTranslation } from "react-i18next";
import type { DataTable as DataTableModel } from "../../routes/monitor/monitor-page.server";

/** The figures behind a chart, as a table: a row per period, a column per region; gaps and provisional figures said in words. */
export function DataTable({ table, id }: { table: DataTableModel; id: string }) {
  const { t } = useTranslation();
  return (
    // On narrow screens the table scrolls sideways; keyboard users must be able to reach it (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="regie-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table className="regie-table regie-table--monitor" id={id}>
        <caption id={`${id}-caption`}>{table.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("monitor.period")}</th>
            {table.columns.map((c) => (
              <th scope="col" key={c.region} className="regie-num" data-region={c.region}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.period} data-period={row.period} className={row.baseline ? "is-baseline" : undefined}>
              <th scope="row">
                {row.label}
                {row.baseline === "programme" ? <span className="regie-tag">{t("monitor.baselineRow")}</span> : null}
                {row.baseline === "substitute" ? <span className="regie-tag">{t("monitor.substituteRow")}</span> : null}
                {row.baseline === "index-base" ? <span className="regie-tag">= 100</span> : null}
              </th>
              {row.cells.map((cell, i) => (
                <td key={table.columns[i]!.region} className="regie-num" data-region={table.columns[i]!.region} data-value={cell.value ?? ""}>
                  {cell.value === null ? (
                    <>
                      <span aria-hidden="true">–</span>
                      <span className="regie-visually-hidden">{t("monitor.noFigureReason", { reason: cell.reason })}</span>
                    </>
                  ) : (
                    <>
                      {cell.text}
                      {cell.status ? (
                        <>
                          <span className="regie-flag" aria-hidden="true">
                            {t("monitor.provisionalMark")}
                          </span>
                          <span className="regie-visually-hidden">{` (${t(`monitor.${cell.status}`)})`}</span>
                        </>
                      ) : null}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
