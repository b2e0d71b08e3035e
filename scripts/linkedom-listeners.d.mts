// Types for linkedom-listeners.mjs (plain JavaScript: scripts/launch.mjs imports it).
export declare const EVENT_TARGET_FILE: RegExp;
export declare function withLazyListenerMaps(code: string): string | undefined;
