// @titip/sync/browser — the browser libp2p node (WebSockets to a relay laptop, WebRTC through its circuit relay).
export { createBrowserLibp2p, DEFAULT_BROWSER_LISTEN, type BrowserPeerOptions } from './transport/create-browser-peer.js';
