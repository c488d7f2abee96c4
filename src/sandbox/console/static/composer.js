/**
 * The composer: Enter sends, Shift+Enter breaks the line, `@` opens a picker of people. A picked person is
 * written as `@Name` and, on send, becomes `@_user_N` in the text with a real entry in `mentions`, the way
 * Feishu sends a message (feishu-events.md: mentions[].key maps each placeholder to an open_id).
 */
export function toMessage(text, picked) {
  const mentions = [];
  let out = '';
  let rest = text;
  for (;;) {
    // The earliest picked name still in the text, longest first when two start at the same place.
    let best;
    for (const p of picked) {
      const at = rest.indexOf(`@${p.name}`);
      if (at >= 0 && (!best || at < best.at || (at === best.at && p.name.length > best.p.name.length))) best = { at, p };
    }
    if (!best) break;
    const key = `@_user_${mentions.length + 1}`;
    mentions.push({ key, openId: best.p.openId, name: best.p.name });
    out += rest.slice(0, best.at) + key;
    rest = rest.slice(best.at + best.p.name.length + 1);
  }
  return { text: out + rest, mentions };
}

export function setupComposer({ input, picker, sendButton, candidates, onSend }) {
  let picked = [];
  let choices = [];
  let active = 0;
  const query = () => {
    const before = input.value.slice(0, input.selectionStart);
    const m = /@([^\s@]*)$/.exec(before);
    return m ? { text: m[1], start: before.length - m[0].length } : undefined;
  };
  const close = () => { picker.hidden = true; choices = []; };
  const open = () => {
    const q = query();
    if (!q) return close();
    const needle = q.text.toLowerCase();
    choices = candidates().filter((c) => c.name.toLowerCase().includes(needle) || c.alt.toLowerCase().includes(needle)).slice(0, 8);
    if (!choices.length) return close();
    active = Math.min(active, choices.length - 1);
    picker.innerHTML = '';
    choices.forEach((c, i) => {
      const li = document.createElement('li');
      li.dataset.openId = c.openId;
      li.className = i === active ? 'active' : '';
      li.textContent = `${c.name} · ${c.alt}`;
      li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
      picker.append(li);
    });
    picker.hidden = false;
  };
  const choose = (i) => {
    const c = choices[i];
    const q = query();
    if (!c || !q) return;
    const label = `@${c.name} `;
    const after = input.value.slice(input.selectionStart);
    input.value = input.value.slice(0, q.start) + label + after;
    const caret = q.start + label.length;
    input.setSelectionRange(caret, caret);
    if (!picked.some((p) => p.openId === c.openId)) picked.push({ openId: c.openId, name: c.name });
    close();
    input.focus();
  };
  const send = async () => {
    const raw = input.value.trim();
    if (!raw) return;
    const message = toMessage(raw, picked);
    input.value = '';
    picked = [];
    close();
    await onSend(message);
  };
  input.addEventListener('input', () => { active = 0; open(); });
  input.addEventListener('keydown', (e) => {
    if (!picker.hidden && choices.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length;
        open();
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(active); return; }
      if (e.key === 'Escape') { close(); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); void send(); }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  sendButton.addEventListener('click', () => void send());
  return { reset: () => { picked = []; input.value = ''; close(); } };
}
