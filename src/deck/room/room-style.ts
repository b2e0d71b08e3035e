// The room's own styles (added to the page when the room starts): the audience's follow
// control, the connection notice, and the remote. Colours are the deck theme's variables,
// so both themes hold; nothing a person reads is under 16 px, the remote's notes 18 px.
export const ROOM_STYLE = `
.room-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.room-ui button { font: inherit; cursor: pointer; border: 2px solid transparent; border-radius: 10px;
  background: var(--r-link-color); color: var(--r-background-color); }
.room-ui button:focus-visible { outline: 3px solid var(--r-main-color); outline-offset: 3px; }
/* the follow control and the connection notice share a dock at the bottom's middle, where
   slides keep clear (the slide number and reveal.js's arrows are in the corners) */
.room-dock { position: fixed; z-index: 40; left: 50%; bottom: 12px; transform: translateX(-50%);
  display: flex; flex-direction: column; align-items: center; gap: 8px; pointer-events: none; }
.room-dock > * { pointer-events: auto; }
.room-follow { font: 600 20px/1.2 var(--r-main-font); }
.room-follow button { padding: 12px 22px; box-shadow: 0 2px 12px rgba(0, 0, 0, 0.35); white-space: nowrap; }
@media (max-width: 480px) { .room-follow { font-size: 17px; } .room-follow button { padding: 12px 16px; } }
.room-notice { margin: 0; padding: 6px 16px; border-radius: 999px; font: 16px/1.3 var(--r-main-font);
  background: var(--deck-panel); color: var(--r-main-color); border: 1px solid var(--deck-muted); }
.room-notice[hidden], .room-follow [hidden] { display: none; }
html.room-remote-mode .reveal { visibility: hidden; }
html.room-remote-mode .room-dock { display: none; }
.room-remote { position: fixed; inset: 0; z-index: 30; display: flex; flex-direction: column; gap: 12px;
  padding: 16px 16px calc(16px + env(safe-area-inset-bottom)); box-sizing: border-box;
  background: var(--r-background-color); color: var(--r-main-color); font: 18px/1.45 var(--r-main-font); }
.room-remote-bar { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
.room-remote-bar p { margin: 0; }
.room-remote-place, .room-remote-status { color: var(--deck-muted); font-size: 16px; margin: 0; }
.room-remote-clock { display: flex; align-items: center; gap: 8px; font-size: 24px; font-variant-numeric: tabular-nums; }
.room-remote-clock button { min-width: 48px; min-height: 48px; font-size: 18px; padding: 0 12px; }
.room-remote-title { margin: 0; font-size: 24px; line-height: 1.25; color: var(--r-heading-color); }
.room-remote-notes { flex: 1; min-height: 0; overflow-y: auto; padding: 4px 12px; border-radius: 10px;
  background: var(--deck-panel); overflow-wrap: anywhere; }
.room-remote-notes:focus-visible { outline: 3px solid var(--r-main-color); }
.room-remote-notes .katex-display { overflow-x: auto; overflow-y: hidden; padding: 4px 0; }
.room-remote-notes code { font-family: var(--r-code-font); font-size: 16px; }
.room-remote-buttons { display: grid; grid-template-columns: 1fr 2fr; gap: 12px; }
.room-remote-buttons button { min-height: 96px; font-size: 24px; font-weight: 600; }
.room-remote-buttons button:disabled { opacity: 0.5; cursor: not-allowed; }
`;
