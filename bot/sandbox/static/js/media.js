// Everything in a message besides its text: photos, documents, locations, venues, polls.
import { act, fileUrl } from "./api.js";
import { renderEntities } from "./entities.js";
import { actor } from "./state.js";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function photo(sizes) {
  const largest = sizes[sizes.length - 1];
  const link = element("a", "photo");
  link.href = fileUrl(largest.file_id);
  link.target = "_blank";
  const image = element("img");
  image.src = fileUrl(largest.file_id);
  image.alt = "Photo";
  image.loading = "lazy";
  if (largest.width) [image.width, image.height] = [largest.width, largest.height];
  link.appendChild(image);
  return link;
}

function size(bytes) {
  if (!bytes) return "";
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / 1048576).toFixed(1)} MB`;
}

function documentCard(doc) {
  const card = element("div", "card document");
  const name = doc.file_name || "file";
  card.appendChild(element("span", "icon", name.endsWith(".ics") ? "📅" : "📄"));
  const info = element("div", "info");
  info.appendChild(element("div", "title", name));
  info.appendChild(element("div", "meta", [doc.mime_type, size(doc.file_size)].filter(Boolean).join(" · ")));
  card.appendChild(info);
  const download = element("a", "download", "Download");
  download.href = fileUrl(doc.file_id, true);
  download.download = name;
  card.appendChild(download);
  const box = element("div");
  if ((doc.mime_type || "").startsWith("image/")) box.appendChild(photo([{ ...doc }]));
  box.appendChild(card);
  return box;
}

function mapLink(location) {
  const { latitude: lat, longitude: lon } = location;
  const link = element("a", "map-link", "Open map ↗");
  link.href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  return link;
}

function placeCard(location, venue) {
  const card = element("div", "card place");
  card.appendChild(element("span", "icon", "📍"));
  const info = element("div", "info");
  info.dir = "auto";
  info.appendChild(element("div", "title", venue ? venue.title : "Location"));
  if (venue) info.appendChild(element("div", "address", venue.address));
  info.appendChild(element("div", "meta", `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`));
  info.appendChild(mapLink(location));
  card.appendChild(info);
  return card;
}

function pollCard(message) {
  const poll = message.poll;
  const mine = (message.votes || {})[String(actor())] || [];
  const showResults = mine.length > 0 || poll.is_closed;
  const card = element("div", "poll");
  const question = element("div", "question");
  question.dir = "auto";
  question.innerHTML = renderEntities(poll.question, poll.question_entities);
  card.appendChild(question);
  const kind = poll.type === "quiz" ? "Quiz" : poll.is_anonymous ? "Anonymous poll" : "Poll";
  card.appendChild(element("div", "meta", poll.is_closed ? `${kind} · final results` : kind));
  const chosen = new Set();
  poll.options.forEach((option, index) => {
    const row = element(showResults ? "div" : "button", "option");
    row.dir = "auto";
    const label = element("span", "label");
    label.innerHTML = renderEntities(option.text, option.text_entities);
    if (showResults) {
      const percent = poll.total_voter_count ? Math.round((100 * option.voter_count) / poll.total_voter_count) : 0;
      row.style.setProperty("--share", `${percent}%`);
      row.prepend(element("span", "percent", `${percent}%`));
      if (mine.includes(index)) label.append(" ✓");
    } else if (poll.allows_multiple_answers) {
      row.onclick = () => { row.classList.toggle("chosen"); chosen.has(index) ? chosen.delete(index) : chosen.add(index); };
    } else {
      row.onclick = () => act("vote", { message_id: message.message_id, option_ids: [index] });
    }
    row.appendChild(label);
    card.appendChild(row);
  });
  if (!showResults && poll.allows_multiple_answers) {
    const vote = element("button", "vote", "Vote");
    vote.onclick = () => chosen.size && act("vote", { message_id: message.message_id, option_ids: [...chosen] });
    card.appendChild(vote);
  }
  const footer = element("div", "meta", `${poll.total_voter_count} vote${poll.total_voter_count === 1 ? "" : "s"}`);
  if (mine.length && !poll.is_closed && poll.type !== "quiz") {
    const retract = element("button", "retract", "Retract vote");
    retract.onclick = () => act("vote", { message_id: message.message_id, option_ids: [] });
    footer.append(" · ", retract);
  }
  card.appendChild(footer);
  return card;
}

// The non-text part of a message, or null.
export function media(message) {
  if (message.photo) return photo(message.photo);
  if (message.document) return documentCard(message.document);
  if (message.venue) return placeCard(message.venue.location, message.venue);
  if (message.location) return placeCard(message.location, null);
  if (message.poll) return pollCard(message);
  for (const key of ["sticker", "voice", "audio", "video", "animation", "video_note", "contact", "dice"]) {
    if (message[key]) return element("div", "card other", `[${key.replace("_", " ")}${message.dice ? ` ${message.dice.emoji} ${message.dice.value}` : ""}]`);
  }
  return null;
}
