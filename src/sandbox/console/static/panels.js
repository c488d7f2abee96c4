/** The panels around the chat: upstream calls, files the bot sent, fault switches. Browser only. */
import { ui } from './ui.js';

const failed = (c) => c.status === 0 || c.status >= 400 || (c.code !== undefined && c.code !== 0);

/** A call is a retry when the call before it to the same method and path failed. */
export function attempts(calls) {
  const last = new Map();
  return calls.map((c) => {
    const key = `${c.method} ${c.path}`;
    const prev = last.get(key);
    const n = prev && failed(prev.call) ? prev.n + 1 : 1;
    last.set(key, { call: c, n });
    return n;
  });
}

export function renderCalls(tbody, calls, locale) {
  const tries = attempts(calls);
  const rows = calls.map((c, i) => ({ c, n: tries[i] })).reverse();
  tbody.innerHTML = '';
  for (const { c, n } of rows) {
    const tr = document.createElement('tr');
    if (failed(c)) tr.className = 'failed';
    const cells = [String(c.seq), `${c.method} ${c.path}`, c.status === 0 ? ui('dropped', locale) : String(c.status), c.code === undefined ? '' : String(c.code), String(c.ms), n > 1 ? `#${n}` : ''];
    cells.forEach((text, j) => {
      const td = document.createElement('td');
      td.textContent = text;
      if (j === 1) td.title = c.api;
      tr.append(td);
    });
    tbody.append(tr);
  }
}

export function renderFiles(ul, files, locale) {
  ul.innerHTML = '';
  if (!files.length) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = ui('noFiles', locale);
    ul.append(li);
    return;
  }
  for (const f of files) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/console/api/files/${encodeURIComponent(f.key)}`;
    a.download = f.name;
    a.textContent = `${f.name} (${f.bytes} B)`;
    li.append(a);
    ul.append(li);
  }
}

export function renderFaultState(el, view, locale) {
  const pending = view.faults.reduce((n, f) => n + f.times, 0);
  el.textContent = pending ? `${pending} ${ui('pending', locale)}` : '';
}

export function fillApis(select, apis, locale) {
  const keep = select.value;
  select.innerHTML = '';
  const any = document.createElement('option');
  any.value = '';
  any.textContent = ui('anyApi', locale);
  select.append(any);
  for (const api of apis) {
    const o = document.createElement('option');
    o.value = api;
    o.textContent = api;
    select.append(o);
  }
  select.value = keep;
}
