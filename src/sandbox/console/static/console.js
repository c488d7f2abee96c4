/** The sandbox console's page: chats, cards, clicks, and the panels around them. Browser only. */
import { mountCard } from './card/mount.js';
import { setupComposer } from './composer.js';
import { fillApis, renderCalls, renderFaultState, renderFiles } from './panels.js';
import { translatePage, ui } from './ui.js';

const $ = (sel) => document.querySelector(sel);
const POLL_MS = 300;
const state = { world: undefined, as: '', chat: 'p2p', lang: 'en_us', since: '', view: undefined, rendered: new Map() };

async function api(path, body, method = body === undefined ? 'GET' : 'POST') {
  const res = await fetch(`/console/api/${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((state.lang === 'zh_cn' ? json.error_zh : json.error) ?? `HTTP ${res.status}`);
  return json;
}

const personOf = (id) => state.world?.people.find((p) => p.open_id === id);
function nameOf(id) {
  if (id === state.world?.bot.open_id) return state.world.bot.name;
  const p = personOf(id);
  return p ? (state.lang === 'zh_cn' ? p.name : p.en_name) : undefined;
}

export function toast(type, text) {
  const el = document.createElement('div');
  el.className = `toast toast-${type}`;
  el.textContent = text;
  $('#toasts').append(el);
  setTimeout(() => el.remove(), 4000);
}

function confirmFirst(confirm) {
  if (!confirm) return Promise.resolve(true);
  const dialog = $('#confirm');
  $('#confirm-title').textContent = confirm.title;
  $('#confirm-text').textContent = confirm.text;
  return new Promise((resolve) => {
    const done = (ok) => { dialog.close(); $('#confirm-ok').onclick = null; $('#confirm-cancel').onclick = null; resolve(ok); };
    $('#confirm-ok').onclick = () => done(true);
    $('#confirm-cancel').onclick = () => done(false);
    dialog.showModal();
  });
}

async function click(messageId, action, button) {
  if (!(await confirmFirst(action.confirm))) return;
  button.disabled = true;
  try {
    const answer = await api('click', { as: state.as, message_id: messageId, value: action.value });
    const t = answer.body?.toast;
    if (t) toast(t.type ?? 'info', t.i18n?.[state.lang] ?? t.content ?? '');
    else if (!answer.ok) toast('error', `${ui('sendFailed', state.lang)}: ${answer.detail}`);
  } catch (err) {
    toast('error', err.message);
  } finally {
    button.disabled = false;
    void poll(true);
  }
}

function userText(item) {
  let text = item.text ?? '';
  for (const m of item.mentions ?? []) text = text.split(m.key).join(`@${nameOf(m.openId) ?? m.name}`);
  return text;
}

function renderItem(item) {
  const el = document.createElement('div');
  el.className = `msg ${item.kind}${item.sender === state.as ? ' mine' : ''}`;
  el.dataset.messageId = item.id;
  const who = document.createElement('div');
  who.className = 'who';
  who.textContent = item.kind === 'user' ? (item.sender === state.as ? ui('you', state.lang) : nameOf(item.sender) ?? item.sender) : state.world.bot.name;
  el.append(who);
  const body = document.createElement('div');
  body.className = 'bubble';
  if (item.card) mountCard(body, item.card, { locale: state.lang, name: nameOf, onAction: (action, btn) => click(item.id, action, btn) });
  else if (item.refusal) {
    body.classList.add('refusal');
    body.innerHTML = '<strong></strong><div class="refusal-api"></div><code></code>';
    body.querySelector('strong').textContent = ui('refused', state.lang);
    body.querySelector('.refusal-api').textContent = `${item.refusal.api} · code ${item.refusal.code}`;
    body.querySelector('code').textContent = item.refusal.msg;
  } else if (item.file) {
    const a = document.createElement('a');
    a.href = `/console/api/files/${encodeURIComponent(item.file.key)}`;
    a.download = item.file.name;
    a.textContent = `📄 ${item.file.name} (${item.file.bytes} B)`;
    body.append(a);
  } else body.textContent = userText(item);
  el.append(body);
  return el;
}

function renderTimeline(items) {
  const box = $('#timeline');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  const keep = new Map();
  const nodes = items.map((item) => {
    const key = `${state.lang}|${state.as}|${JSON.stringify(item)}`;
    const old = state.rendered.get(item.id);
    const node = old && old.key === key ? old.node : renderItem(item);
    keep.set(item.id, { key, node });
    return node;
  });
  state.rendered = keep;
  box.replaceChildren(...nodes);
  if (atBottom) box.scrollTop = box.scrollHeight;
}

function renderView(view) {
  state.view = view;
  renderTimeline(view.timeline);
  renderCalls($('#calls tbody'), view.calls, state.lang);
  renderFiles($('#files'), view.files, state.lang);
  renderFaultState($('#fault-state'), view, state.lang);
  if (document.activeElement !== $('#latency')) $('#latency').value = String(view.latencyMs);
}

let polling = false;
async function poll(force = false) {
  if (polling && !force) return;
  polling = true;
  try {
    const q = new URLSearchParams({ as: state.as, chat: state.chat, since: force ? '' : state.since });
    const view = await api(`poll?${q}`);
    if (!view.same) {
      state.since = view.fingerprint;
      renderView(view);
    }
  } catch (err) {
    console.warn('poll failed', err);
  } finally {
    polling = false;
  }
}

function refreshChrome() {
  translatePage(document, state.lang);
  $('[data-chat="p2p"]').textContent = ui('p2p', state.lang);
  $('[data-chat="group"]').textContent = state.world.group.name;
  for (const b of document.querySelectorAll('[data-chat]')) b.classList.toggle('active', b.dataset.chat === state.chat);
  $('#chat-title').textContent = state.chat === 'group' ? state.world.group.name : ui('p2p', state.lang);
  $('#composer').placeholder = ui(state.chat === 'group' ? 'placeholderGroup' : 'placeholderP2p', state.lang);
  const sel = $('#as-select');
  for (const o of sel.options) {
    const p = personOf(o.value);
    const role = p.role ? ui(p.role, state.lang) : p.tenant === 'other' ? ui('external', state.lang) : '';
    o.textContent = `${state.lang === 'zh_cn' ? p.name : p.en_name}${role ? ` (${role})` : ''}`;
  }
  fillApis($('#fault-api'), state.world.apis, state.lang);
  $('#transport').textContent = `${ui('eventsBy', state.lang)} ${state.world.transport === 'ws' ? ui('longConnection', state.lang) : 'webhook'}`;
  state.rendered.clear();
  state.since = '';
  void poll(true);
}

async function sendEvent(body) {
  try {
    const r = await api('event', { as: state.as, ...body });
    if (!r.ok) toast('error', `${ui('sendFailed', state.lang)}: ${r.detail}`);
  } catch (err) {
    toast('error', err.message);
  }
}

async function fault(path, body, method) {
  try {
    await api(path, body, method);
  } catch (err) {
    toast('error', err.message);
  }
  void poll(true);
}

async function start() {
  state.world = await api('world');
  state.as = state.world.people.find((p) => p.role === 'admin')?.open_id ?? state.world.people[0].open_id;
  const sel = $('#as-select');
  for (const p of state.world.people) sel.append(new Option(p.en_name, p.open_id));
  sel.value = state.as;
  sel.addEventListener('change', () => { state.as = sel.value; refreshChrome(); });
  $('#lang-select').addEventListener('change', (e) => { state.lang = e.target.value; refreshChrome(); });
  for (const b of document.querySelectorAll('[data-chat]')) b.addEventListener('click', () => { state.chat = b.dataset.chat; refreshChrome(); });
  setupComposer({
    input: $('#composer'), picker: $('#mention-picker'), sendButton: $('#send'),
    candidates: () => [
      ...(state.chat === 'group' ? [{ openId: state.world.bot.open_id, name: state.world.bot.name, alt: 'bot' }] : []),
      ...state.world.people.map((p) => ({ openId: p.open_id, name: p.en_name, alt: p.name })),
    ],
    onSend: async (message) => {
      try {
        const r = await api('send', { as: state.as, chat: state.chat, ...message });
        if (!r.ok) toast('error', `${ui('sendFailed', state.lang)}: ${r.detail}`);
      } catch (err) {
        toast('error', err.message);
      }
      void poll(true);
    },
  });
  $('#ev-bot-added').addEventListener('click', () => { state.chat = 'group'; refreshChrome(); void sendEvent({ kind: 'bot-added' }); });
  $('#ev-p2p-entered').addEventListener('click', () => { state.chat = 'p2p'; refreshChrome(); void sendEvent({ kind: 'p2p-entered' }); });
  $('#ev-menu').addEventListener('click', () => { state.chat = 'p2p'; refreshChrome(); void sendEvent({ kind: 'menu', key: $('#menu-key').value.trim() }); });
  $('#latency').addEventListener('change', (e) => fault('faults/latency', { ms: Number(e.target.value) }));
  for (const b of document.querySelectorAll('button.fault')) {
    b.addEventListener('click', () => fault('faults', { api: $('#fault-api').value, kind: b.dataset.kind, times: Number($('#fault-times').value) }));
  }
  $('#fault-clear').addEventListener('click', () => fault('faults', undefined, 'DELETE'));
  refreshChrome();
  setInterval(() => void poll(), POLL_MS);
  document.body.dataset.ready = 'true';
}

start().catch((err) => {
  document.body.textContent = `The console could not start: ${err.message}`;
});
