/** The document title, "Page – Regie"; React 19 hoists <title> into the head. */
export function PageTitle({ title }: { title: string }) {
  return <title>{`${title} – Regie`}</title>;
}
