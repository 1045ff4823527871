import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findHardCodedStrings } from '../testing/hard-coded-strings';

const srcDir = path.resolve(__dirname, '..');

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : componentFiles(full);
    return entry.name.endsWith('.tsx') && !/\.(spec|test)\.tsx$/.test(entry.name) ? [full] : [];
  });
}

describe('hard-coded strings', () => {
  it('finds JSX text and literal user-visible props, and ignores punctuation and translated text', () => {
    const source = `
      export const A = ({ t }) => (
        <div title="Settings" className="not-user-facing">
          Hello
          <span aria-label={'ปิด'}>×</span>
          <input placeholder={\`Tìm kiếm\`} />
          {'Loading'}
          <b>{t('ok')} · …</b>
          <p>Baanrian</p>
        </div>
      );`;
    expect(findHardCodedStrings(source).map((f) => f.text)).toEqual(['Settings', 'Hello', 'ปิด', 'Tìm kiếm', 'Loading']);
  });

  it('finds none in the portal’s components (every string goes through i18next)', () => {
    const files = componentFiles(srcDir);
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((file) =>
      findHardCodedStrings(readFileSync(file, 'utf8'), file).map((f) => `${path.relative(srcDir, file)}:${f.line} ${f.text}`),
    );
    expect(findings).toEqual([]);
  });
});
