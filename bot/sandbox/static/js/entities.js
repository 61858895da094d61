// Telegram text + entities -> safe HTML: every character is escaped, only known tags are added.
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// Links may only lead to the web, mail or Telegram; anything else (javascript:, data:) is inert.
export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return ["http:", "https:", "mailto:", "tg:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

const TAGS = {
  bold: ["<b>", "</b>"], italic: ["<i>", "</i>"], underline: ["<u>", "</u>"],
  strikethrough: ["<s>", "</s>"], code: ["<code>", "</code>"],
  spoiler: ['<span class="spoiler" tabindex="0">', "</span>"],
  blockquote: ["<blockquote>", "</blockquote>"],
  expandable_blockquote: ['<blockquote class="expandable">', "</blockquote>"],
  bot_command: ['<span class="command">', "</span>"], mention: ['<span class="mention">', "</span>"],
  hashtag: ['<span class="mention">', "</span>"], custom_emoji: ["<span>", "</span>"],
};

function link(url, text) {
  const safe = safeUrl(url);
  if (!safe) return ['<span class="link-blocked">', "</span>"];
  return [`<a href="${escapeHtml(safe)}" target="_blank" rel="noopener noreferrer">`, "</a>"];
}

function tagFor(entity, text) {
  if (entity.type === "text_link") return link(entity.url);
  if (entity.type === "url") return link(text.substr(entity.offset, entity.length));
  if (entity.type === "email") return link(`mailto:${text.substr(entity.offset, entity.length)}`);
  if (entity.type === "text_mention") return ['<span class="mention">', "</span>"];
  if (entity.type === "pre") {
    const language = entity.language ? ` data-language="${escapeHtml(entity.language)}"` : "";
    return [`<pre${language}><code>`, "</code></pre>"];
  }
  return TAGS[entity.type] || null;
}

// Offsets count UTF-16 code units, exactly like JavaScript string indices.
export function renderEntities(text, entities) {
  text = text || "";
  const opens = {}, closes = {};
  const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
  for (const entity of sorted) {
    const tag = tagFor(entity, text);
    if (!tag) continue;
    (opens[entity.offset] ||= []).push(tag[0]);
    (closes[entity.offset + entity.length] ||= []).unshift(tag[1]);
  }
  let html = "";
  for (let i = 0; i <= text.length; i++) {
    html += (closes[i] || []).join("") + (opens[i] || []).join("");
    if (i < text.length) html += escapeHtml(text[i]);
  }
  return html;
}

// A short plain-text summary of a message (reply quotes, the chat list).
export function summary(message) {
  if (!message) return "";
  const text = message.text || message.caption;
  if (text) return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  for (const [key, label] of [["photo", "📷 Photo"], ["document", "📄 File"], ["venue", "📍 Venue"],
    ["location", "📍 Location"], ["poll", "📊 Poll"], ["sticker", "Sticker"], ["voice", "🎤 Voice"]]) {
    if (message[key]) return label;
  }
  return "Message";
}
