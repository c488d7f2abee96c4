/**
 * The card preview (GET /console/preview): paste a card JSON, see it drawn as the console draws the bot's
 * cards, and whether the emulator's card rules would accept it. For writing card builders. Browser only.
 */
import { mountCard } from './card/mount.js';

const $ = (sel) => document.querySelector(sel);

async function render() {
  const verdict = $('#verdict');
  let card;
  try {
    card = JSON.parse($('#card-json').value);
  } catch (err) {
    verdict.className = 'verdict bad';
    verdict.textContent = `Not JSON · 不是 JSON: ${err.message}`;
    return;
  }
  mountCard($('#preview'), card, { locale: $('#lang-select').value, name: () => undefined, onAction: (a) => { verdict.textContent = `callback value: ${JSON.stringify(a.value)}`; } });
  const res = await fetch('/console/api/check-card', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card }) });
  const answer = await res.json();
  verdict.className = `verdict ${answer.ok ? 'good' : 'bad'}`;
  verdict.textContent = answer.ok ? 'The emulator accepts this card · 模拟器接受此卡片' : `Refused · 拒绝: ${answer.code} ${answer.msg}`;
}

$('#render').addEventListener('click', () => void render());
$('#lang-select').addEventListener('change', () => void render());
document.body.dataset.ready = 'true';
