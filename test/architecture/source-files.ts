// Reading the project's own sources for the architecture tests: every TypeScript file
// below a folder, its imports, and its functions' lengths (parsed with @babel/parser).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";

export interface SourceFile {
  /** project-relative, forward slashes */
  path: string;
  text: string;
}

export function sourceFiles(...dirs: string[]): SourceFile[] {
  return dirs.flatMap((dir) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.(ts|mts|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts"))
      .map((e) => path.join(e.parentPath, e.name).split(path.sep).join("/"))
      .sort()
      .map((p) => ({ path: p, text: readFileSync(p, "utf8") })),
  );
}

function ast(file: SourceFile) {
  return parse(file.text, { sourceType: "module", plugins: ["typescript"], errorRecovery: true });
}

/** The module specifiers a file imports or re-exports (static and dynamic). */
export function importsOf(file: SourceFile): string[] {
  const specifiers: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; source?: { value?: unknown }; callee?: { type?: string }; arguments?: { type?: string; value?: unknown }[] };
    if ((n.type === "ImportDeclaration" || n.type === "ExportNamedDeclaration" || n.type === "ExportAllDeclaration") && typeof n.source?.value === "string") specifiers.push(n.source.value);
    if (n.type === "CallExpression" && n.callee?.type === "Import" && n.arguments?.[0]?.type === "StringLiteral") specifiers.push(String(n.arguments[0].value));
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === "object" && "type" in value) visit(value);
    }
  };
  visit(ast(file).program);
  return specifiers;
}

/** Every function (declarations, expressions, arrows, methods) with its line span. */
export function functionsOf(file: SourceFile): { name: string; line: number; lines: number }[] {
  const found: { name: string; line: number; lines: number }[] = [];
  const kinds = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ClassMethod", "ObjectMethod"]);
  const visit = (node: unknown, name: string): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; loc?: { start: { line: number }; end: { line: number } }; id?: { name?: string }; key?: { name?: string } };
    let inner = name;
    if (n.type === "VariableDeclarator" && n.id?.name) inner = n.id.name;
    if (n.type && kinds.has(n.type) && n.loc) {
      const own = n.id?.name ?? n.key?.name ?? name;
      found.push({ name: own || "(anonymous)", line: n.loc.start.line, lines: n.loc.end.line - n.loc.start.line + 1 });
      inner = own;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => visit(v, inner));
      else if (value && typeof value === "object" && "type" in value) visit(value, inner);
    }
  };
  visit(ast(file).program, "");
  return found;
}

/** Top-level `let` and `var` declarations (module-level mutable state). */
export function moduleLevelLets(file: SourceFile): string[] {
  return ast(file).program.body.flatMap((statement) => {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration" || declaration.kind === "const") return [];
    return declaration.declarations.map((d) => `${file.path}:${d.loc?.start.line}: ${declaration.kind} ${d.id.type === "Identifier" ? d.id.name : "…"}`);
  });
}

/** Constructors whose instances change: a module-level one is state. */
const MUTABLE_CONSTRUCTORS = new Set(["Map", "Set", "WeakMap", "WeakSet", "Array", "Object"]);

/** Module-level mutable state of any kind: `let` and `var`, and a `const` holding a Map, a
 * Set, an array or an object literal — unless its type says it is read-only (`Readonly…`,
 * `readonly T[]`), it is `as const`, or it is frozen. */
export function moduleLevelState(file: SourceFile): string[] {
  return ast(file).program.body.flatMap((statement) => {
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type !== "VariableDeclaration") return [];
    return declaration.declarations.flatMap((d) => {
      const name = d.id.type === "Identifier" ? d.id.name : "…";
      const where = `${file.path}:${d.loc?.start.line}: ${declaration.kind} ${name}`;
      if (declaration.kind !== "const") return [where];
      const annotation = d.id.type === "Identifier" && d.id.typeAnnotation?.type === "TSTypeAnnotation" ? file.text.slice(d.id.typeAnnotation.start ?? 0, d.id.typeAnnotation.end ?? 0) : "";
      if (/^:\s*(Readonly|readonly\s)/.test(annotation)) return [];
      const init = d.init;
      if (!init) return [];
      if (init.type === "NewExpression" && init.callee.type === "Identifier" && MUTABLE_CONSTRUCTORS.has(init.callee.name)) return [`${where} (a ${init.callee.name})`];
      if (init.type === "ArrayExpression" || init.type === "ObjectExpression") return [`${where} (${init.type === "ArrayExpression" ? "an array" : "an object"}: type it Readonly… or write as const)`];
      return [];
    });
  });
}
