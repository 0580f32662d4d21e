import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The public API must explain itself: every exported function, hook and component has an
// @example; every prop/option/param of an exported *Props/*Options/*Params type has a
// description, and each optional one says its @default. Read from the sources with the
// TypeScript checker, so a new export without docs fails here.
const ENTRIES = [
  'packages/client/src/index.ts',
  'packages/client/src/admin.ts',
  'packages/client/src/console.ts',
  'packages/react/src/index.ts',
  'packages/react/src/flows.ts',
  'packages/widgets/src/index.ts',
  'packages/widgets/src/flows/index.ts',
  'packages/widgets/src/onboarding/index.ts',
  'packages/mock-api/src/index.ts',
  'packages/mock-api/src/browser.ts',
  'packages/mock-api/src/node.ts',
  'packages/mock-api/src/core.ts',
  'packages/server/src/index.ts',
].map((entry) => fileURLToPath(new URL(`../../${entry}`, import.meta.url)));

const OPTION_TYPE = /(Props|Options|Params)$/;

const program = ts.createProgram(ENTRIES, {
  strict: true,
  jsx: ts.JsxEmit.ReactJSX,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  customConditions: ['source'],
  allowImportingTsExtensions: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

const tagsOf = (symbol: ts.Symbol) => symbol.getJsDocTags(checker).map((t) => t.name);
const describedBy = (symbol: ts.Symbol) =>
  ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0;

function problemsOf(entry: string): string[] {
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`${entry} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  const problems: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const name = exported.getName();
    const isValue = (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) !== 0;
    if (isValue && /^(use|create|[A-Z])/.test(name) && !/^[A-Z_]+$/.test(name)) {
      const isClass = (symbol.flags & ts.SymbolFlags.Class) !== 0;
      if (!isClass && !tagsOf(symbol).includes('example') && !describedBy(symbol)) {
        problems.push(`${name}: no JSDoc`);
      } else if (!isClass && !tagsOf(symbol).includes('example') && /^(use|create)/.test(name)) {
        problems.push(`${name}: no @example`);
      }
    }
    if (
      symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) &&
      OPTION_TYPE.test(name)
    ) {
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      for (const property of checker.getPropertiesOfType(type)) {
        const declaration = property.declarations?.[0];
        const file = declaration?.getSourceFile().fileName ?? '';
        // Props inherited from React's DOM attributes are documented by React.
        if (file.includes('node_modules')) continue;
        const label = `${name}.${property.getName()}`;
        if (!describedBy(property) && !tagsOf(property).length) problems.push(`${label}: no JSDoc`);
        const optional = (property.flags & ts.SymbolFlags.Optional) !== 0;
        if (optional && !tagsOf(property).includes('default'))
          problems.push(`${label}: no @default`);
      }
    }
  }
  return problems;
}

describe('public API docs', () => {
  it.each(ENTRIES.map((entry) => [entry.replace(/.*\/packages\//, 'packages/'), entry]))(
    '%s: every export and option is documented',
    (_, entry) => {
      expect(problemsOf(entry)).toEqual([]);
    },
  );
});
