/**
 * A small, safe Markdown subset rendered to Lit templates (text is always text; no HTML passes):
 * `#`–`###` headings, paragraphs, `-`/`*` and `1.` lists, `**bold**`, `*em*`, `` `code` ``,
 * and `[links](https://…)` that open in a new tab with `rel="noopener noreferrer"`.
 */
import { html, nothing, type TemplateResult } from 'lit';

const SAFE_URL = /^(https?:|mailto:)/i;

function inline(text: string): (TemplateResult | string)[] {
  const out: (TemplateResult | string)[] = [];
  const pattern = /\[([^\]]{1,500})\]\(([^)\s]{1,2048})\)|\*\*([^*]{1,2000})\*\*|\*([^*]{1,2000})\*|`([^`]{1,2000})`/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    const [, label, href, strong, em, code] = match;
    if (label !== undefined && href !== undefined) {
      out.push(
        SAFE_URL.test(href) ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${label}</a>` : label,
      );
    } else if (strong !== undefined) out.push(html`<strong>${strong}</strong>`);
    else if (em !== undefined) out.push(html`<em>${em}</em>`);
    else if (code !== undefined) out.push(html`<code>${code}</code>`);
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Renders the subset; anything else is shown as the text it is. */
export function renderMarkdown(source: string): TemplateResult[] {
  const blocks: TemplateResult[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push(html`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
    if (list) {
      const items = list.items.map((item) => html`<li>${inline(item)}</li>`);
      blocks.push(
        list.ordered
          ? html`<ol>
              ${items}
            </ol>`
          : html`<ul>
              ${items}
            </ul>`,
      );
    }
    list = undefined;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d{1,3}[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flush();
    } else if (heading) {
      flush();
      const content = inline(heading[2] as string);
      const level = (heading[1] as string).length;
      // Headings start at h3: the furniture sits inside a room, inside a page.
      blocks.push(
        level === 1 ? html`<h3>${content}</h3>` : level === 2 ? html`<h4>${content}</h4>` : html`<h5>${content}</h5>`,
      );
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered && !bullet);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(((bullet ?? numbered) as RegExpExecArray)[1] as string);
    } else {
      if (list) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks.length ? blocks : [html`${nothing}`];
}
