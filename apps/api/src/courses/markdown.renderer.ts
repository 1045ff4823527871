import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Course text is Markdown written by instructors and read by everyone, so it is cleaned twice:
 *
 * - on the way in (`cleanMarkdown`), raw HTML, comments and control characters are removed, so
 *   what is stored is plain Markdown whatever later reads it (exports, mail, a future client);
 * - on the way out (`renderMarkdown`), markdown-it runs with raw HTML off and its link validator
 *   (no `javascript:`, `vbscript:`, `file:` or non-image `data:` URLs), and the HTML it produces
 *   goes through an allow-list, in case a renderer bug ever lets markup through.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img'],
  allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'title'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Links leave the platform in a new context without handing it our window.
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
    // Headings start at h2: the page title is the only h1.
    h1: 'h2',
  },
};

// Tags (`<b>`, `</script>`, `<img onerror=…>`), comments and processing instructions. A `<` that
// does not start a tag ("1 < 2", "<3") is kept.
const RAW_HTML = /<!--[\s\S]*?(?:-->|$)|<\/?[a-zA-Z][^<>]*>|<![^<>]*>|<\?[\s\S]*?(?:\?>|$)/g;
// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides that can disguise text.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Markdown as it is stored: no raw HTML, NFC, no control characters, `\n` line ends. */
export function cleanMarkdown(input: string): string {
  let text = input.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
  // Repeat until stable, so removing one tag cannot assemble another (`<scr<b>ipt>`).
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(RAW_HTML, '');
  }
  return text.trim();
}

/** Safe HTML for a Markdown text, ready to insert into a page. */
export function renderMarkdown(text: string): string {
  return sanitizeHtml(markdown.render(cleanMarkdown(text)), ALLOWED);
}

/** Plain text of a Markdown text (for meta descriptions and search), whitespace collapsed. */
export function markdownToPlainText(text: string): string {
  return sanitizeHtml(markdown.render(cleanMarkdown(text)), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * HTML written by an author (quiz texts in `html` format, e.g. imported from Moodle), cleaned on
 * the way in with the same allow-list as rendered Markdown: stored as safe HTML, never as written.
 */
export function sanitizeHtmlFragment(html: string): string {
  return sanitizeHtml(html.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, ''), ALLOWED).trim();
}
