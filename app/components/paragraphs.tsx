/** Text with blank-line paragraph breaks as paragraphs; lines starting "- " as a list. */
export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  const blocks = text.split(/\n{2,}/).filter((b) => b.trim() !== "");
  return (
    <div lang={lang}>
      {blocks.map((block, i) => (
        <p className="nl-paragraph" key={i}>
          {block}
        </p>
      ))}
    </div>
  );
}

/** Paragraphs given as a list, where list items start with "- ". */
export function ParagraphList({ paragraphs, lang }: { paragraphs: string[]; lang?: string }) {
  const out: React.ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) {
      out.push(
        <ul key={`l${out.length}`}>
          {items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>,
      );
      items = [];
    }
  };
  for (const p of paragraphs) {
    if (p.startsWith("- ")) items.push(p.slice(2));
    else {
      flush();
      out.push(
        <p className="nl-paragraph" key={`p${out.length}`}>
          {p}
        </p>,
      );
    }
  }
  flush();
  return <div lang={lang}>{out}</div>;
}
