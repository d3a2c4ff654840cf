// A small Markdown renderer for model answers that builds DOM nodes directly and puts every piece of
// text in with textContent. Why hand-written: the libraries (marked, markdown-it) produce an HTML
// string that would then need a sanitizer (DOMPurify) to be safe; building nodes cannot produce markup
// at all, and answers only need paragraphs, headings, lists, code, tables, bold/italic and links-as-text.
import { el } from './dom.js';

// `_` emphasis only at word boundaries (as CommonMark): names like window.__x or my_var_name stay as they are
const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*)|((?<!\w)_[^_\s][^_]*_(?!\w))/;

function inline(text) {
  const nodes = [];
  let rest = text;
  let m;
  while ((m = INLINE.exec(rest)) !== null) {
    if (m.index > 0) nodes.push(document.createTextNode(rest.slice(0, m.index)));
    const token = m[0];
    if (m[1]) nodes.push(el('code', { text: token.slice(1, -1) }));
    else if (m[2]) nodes.push(el('strong', {}, ...inline(token.slice(2, -2))));
    else nodes.push(el('em', {}, ...inline(token.slice(1, -1))));
    rest = rest.slice(m.index + token.length);
  }
  if (rest) nodes.push(document.createTextNode(rest));
  return nodes;
}

const cells = (line) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
const isRule = (line) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);

/** Renders `source` into a fragment of elements. */
export function renderMarkdown(source) {
  const out = document.createDocumentFragment();
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      const lang = line.trim().slice(3).trim();
      const body = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) body.push(lines[i]);
      i++;
      out.append(el('pre', {}, el('code', { text: body.join('\n'), 'data-lang': lang || null })));
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min(6, line.match(/^#+/)[0].length + 2);   // the page's own h1/h2 stay above
      out.append(el('h' + level, {}, ...inline(line.replace(/^#+\s*/, ''))));
      i++;
    } else if (line.includes('|') && i + 1 < lines.length && isRule(lines[i + 1])) {
      const head = el('tr', {}, ...cells(line).map((c) => el('th', { scope: 'col' }, ...inline(c))));
      const body = el('tbody');
      for (i += 2; i < lines.length && lines[i].includes('|'); i++) {
        body.append(el('tr', {}, ...cells(lines[i]).map((c) => el('td', {}, ...inline(c)))));
      }
      out.append(el('table', {}, el('thead', {}, head), body));
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = el(ordered ? 'ol' : 'ul');
      for (; i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i]); i++) {
        list.append(el('li', {}, ...inline(lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, ''))));
      }
      out.append(list);
    } else if (line.trim() === '') {
      i++;
    } else {
      const para = [lines[i++]];
      for (; i < lines.length && lines[i].trim() !== '' && !/^\s*(```|#{1,6}\s|[-*+]\s)/.test(lines[i]); i++) {
        para.push(lines[i]);
      }
      out.append(el('p', {}, ...inline(para.join('\n'))));
    }
  }
  return out;
}
