// node-fetch@2 prefers Node's own URL and keeps whatwg-url (with 260 KB of Unicode tables) only as a
// fallback for very old Node versions; the bundle points it at Node's URL instead.
const { URL, URLSearchParams } = require('url');
module.exports = { URL, URLSearchParams };
