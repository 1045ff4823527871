import ts from 'typescript';

/** Props a learner sees or hears; their literal values must come from translations. */
const VISIBLE_PROPS = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'description', 'errorMessage']);

/** Strings allowed as written: names that are the same in every language. Keep it short. */
export const ALLOWED = new Set(['Baanrian', 'บ้านเรียน']);

const HAS_LETTER = /\p{L}/u;

export interface Finding {
  line: number;
  text: string;
}

function isUserText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== '' && HAS_LETTER.test(trimmed) && !ALLOWED.has(trimmed);
}

/**
 * Text in a .tsx file that would reach the screen untranslated: JSX text with letters, and string
 * literals (plain or in `{'…'}`/template form) given to user-visible props.
 */
export function findHardCodedStrings(source: string, fileName = 'file.tsx'): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) =>
    findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim() });

  const literalText = (node: ts.Node | undefined): string | null => {
    if (!node) return null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isJsxExpression(node)) return literalText(node.expression);
    return null;
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isUserText(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && ts.isJsxElement(node.parent)) {
      const text = literalText(node.expression);
      if (text !== null && isUserText(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText(file))) {
      const text = literalText(node.initializer);
      if (text !== null && isUserText(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}
