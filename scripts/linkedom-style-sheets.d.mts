// Types for linkedom-style-sheets.mjs (plain JavaScript: scripts/launch.mjs imports it).
export declare const STYLE_ELEMENT_FILE: RegExp;
export declare function withoutStyleSheetParser(code: string): string | undefined;
