import type { RenderStartPage } from '@baanrian/contracts';
import type { ListCatalogQueryDto } from '../catalog/catalog.dto';
import { deferScriptsToFirstPaint, localeFromCookie, StartPageHtml } from './start-page.renderer';

// The shape Vite writes (apps/portal/index.html after the build plugin).
const TEMPLATE = `<!DOCTYPE html>
<html lang="th">
  <head>
    <title>บ้านเรียน Baanrian</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/react-def.js">
    <link rel="stylesheet" crossorigin href="/assets/index-abc.css">
    <link rel="preload" as="fetch" href="/api/v1/catalog?limit=50" crossorigin="anonymous">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

const empty = { items: [], nextCursor: null };

function startPage() {
  const queries: ListCatalogQueryDto[] = [];
  const render = jest.fn<ReturnType<RenderStartPage>, Parameters<RenderStartPage>>(async ({ url, locale }) => ({
    html: `<h1>${locale} ${url}</h1>`,
    title: 'Courses <&> · Baanrian',
    state: '{"locale":"th"}',
  }));
  const html = new StartPageHtml(TEMPLATE, render, async (query) => {
    queries.push(query);
    return empty;
  });
  return { html, render, queries };
}

describe('the server-rendered start page', () => {
  it('puts the rendered catalogue, its state, language and title into the shell', async () => {
    const { html, queries } = startPage();
    const page = await html.html('/?targetGroup=elderly', 'en');
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('<title>Courses &lt;&amp;&gt; · Baanrian</title>');
    expect(page).toContain('<div id="root"><h1>en /?targetGroup=elderly</h1></div><script type="application/json" id="baanrian-ssr-state">{"locale":"th"}</script>');
    expect(queries).toEqual([{ targetGroup: 'elderly', limit: 50 }]);
  });

  it("inserts catalogue text as it is: `$&`, `$'` and `$\`` in a course title or a search never copy pieces of the shell into the page", async () => {
    const DOLLARS = "A$&B$'C$`D";
    const render: RenderStartPage = async () => ({ html: `<h3>${DOLLARS}</h3>`, title: `${DOLLARS} · Baanrian`, state: '{"q":"$`"}' });
    const page = await new StartPageHtml(TEMPLATE, render, async () => empty).html(`/?q=${encodeURIComponent(DOLLARS)}`, 'th');
    expect(page.match(/<html/g)).toHaveLength(1);
    expect(page.match(/<div id="root">/g)).toHaveLength(1);
    expect(page).toContain(`<title>${DOLLARS.replace('&', '&amp;')} · Baanrian</title>`);
    expect(page).toContain(`<div id="root"><h3>${DOLLARS}</h3></div><script type="application/json" id="baanrian-ssr-state">{"q":"$\`"}</script>`);
  });

  it('asks for all groups when the URL names no valid one', async () => {
    const { html, queries } = startPage();
    await html.html('/?targetGroup=pirates', 'th');
    expect(queries).toEqual([{ limit: 50 }]);
  });

  it('asks the catalog for the filters and search in the URL, as the portal reads them', async () => {
    const { html, queries } = startPage();
    await html.html('/?q=%E0%B8%84%E0%B8%AD%E0%B8%A1&format=online_class&upcoming=true&language=vi&category=digital-skills&x=1', 'th');
    expect(queries).toEqual([{ q: 'คอม', format: 'online_class', upcoming: true, language: 'vi', category: 'digital-skills', limit: 50 }]);
  });

  it('drops the catalogue request preload (the data is in the page) and loads scripts after the first paint', async () => {
    const { html } = startPage();
    const page = await html.html('/', 'th');
    expect(page).not.toContain('as="fetch"');
    expect(page).not.toContain('<script type="module"');
    expect(page).not.toContain('rel="modulepreload"');
    expect(page).toContain("getEntriesByName('first-contentful-paint')");
    expect(page).toContain('setTimeout(go,3000)'); // loads anyway when no paint is reported
    expect(page).toContain('"/assets/index-abc.js"');
    expect(page).toContain('["/assets/react-def.js"]');
    expect(page).toContain('<link rel="stylesheet" crossorigin href="/assets/index-abc.css">'); // styles stay render-blocking
  });

  it('renders each language and URL once per few seconds, not once per visit', async () => {
    const { html, render } = startPage();
    await html.html('/', 'th');
    await html.html('/', 'th');
    await html.html('/', 'vi');
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('leaves a shell without an entry script unchanged', () => {
    expect(deferScriptsToFirstPaint('<html><body></body></html>')).toBe('<html><body></body></html>');
  });
});

describe('the language of the start page', () => {
  it('comes from the cookie the portal sets, else Thai', () => {
    expect(localeFromCookie('a=1; baanrian_locale=vi; b=2')).toBe('vi');
    expect(localeFromCookie('baanrian_locale=en')).toBe('en');
    expect(localeFromCookie('baanrian_locale=fr')).toBe('th');
    expect(localeFromCookie(undefined)).toBe('th');
  });
});
