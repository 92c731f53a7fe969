// lessons/README.md as a page of the built site (instructors-guide.html), so a
// cell that cannot run without cross-origin isolation can link to the section
// on hosting with it (#deploy-dist). Headings get ids from their text.
import MarkdownIt from 'markdown-it';

export const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function renderGuide(markdown) {
  const md = new MarkdownIt({ html: false, linkify: true });
  md.core.ruler.push('heading_ids', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type === 'heading_open') token.attrSet('id', slug(state.tokens[i + 1].content));
    });
  });
  const body = md.render(markdown);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Instructors' guide: Concurrency Deep Dive</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; background: #fff; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { overflow-x: auto; background: #f4f5f7; padding: 0.75rem; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid #c9ced6; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
a { color: #0b57d0; }
</style>
</head>
<body>
<p><a href="./">← Back to the tutorial</a></p>
${body}</body>
</html>
`;
}
