// One message as a bubble: sender, reply quote, text, media, inline keyboard, time, actions.
import { renderEntities, summary } from "./entities.js";
import { inlineKeyboard } from "./keyboards.js";
import { media } from "./media.js";
import { startEdit, startReply } from "./composer.js";
import { actor, isGroup } from "./state.js";

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function senderName(message) {
  if (message.outgoing) return "Stadtstimme bot";
  const from = message.from || {};
  return [from.first_name, from.last_name].filter(Boolean).join(" ") || "Someone";
}

function time(message) {
  const stamp = new Date(message.date * 1000);
  const label = stamp.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const edited = message.edited || message.edit_date;
  return element("span", "time", edited ? `edited ${label}` : label);
}

function quote(original) {
  const box = element("div", "quote");
  box.dir = "auto";
  box.appendChild(element("div", "who", senderName({ ...original, outgoing: original.from?.is_bot })));
  box.appendChild(element("div", "what", summary(original)));
  return box;
}

function actions(message, mine) {
  const box = element("div", "actions");
  const reply = element("button", "reply", "↩");
  reply.type = "button";
  reply.title = "Reply";
  reply.onclick = () => startReply(message);
  box.appendChild(reply);
  if (mine && message.text) {
    const edit = element("button", "edit", "✎");
    edit.type = "button";
    edit.title = "Edit";
    edit.onclick = () => startEdit(message);
    box.appendChild(edit);
  }
  return box;
}

export function bubble(message) {
  const mine = !message.outgoing && message.from && message.from.id === actor();
  const item = element("li", `bubble ${message.outgoing ? "bot" : mine ? "mine" : "other"}`);
  item.dataset.id = message.message_id;
  if (message.outgoing || isGroup()) item.appendChild(element("div", "sender", senderName(message)));
  if (message.reply_to_message) item.appendChild(quote(message.reply_to_message));
  const extra = media(message);
  if (extra) item.appendChild(extra);
  const text = message.text ?? message.caption;
  if (text) {
    const body = element("div", "text");
    body.dir = "auto";
    body.innerHTML = renderEntities(text, message.text !== undefined ? message.entities : message.caption_entities);
    item.appendChild(body);
  }
  const buttons = inlineKeyboard(message);
  if (buttons) item.appendChild(buttons);
  const footer = element("div", "footer");
  footer.appendChild(actions(message, mine));
  footer.appendChild(time(message));
  item.appendChild(footer);
  return item;
}
