// lkjip studio: the page of `lkjip edit`. Plain JS, no library, no build step.
// The bundle lives on the server; every edit is one PATCH of one field path, sent in
// order; the answer carries the problems (shown under their fields) and the computed
// figures (capaian, predikat, porsi, serapan beside the rows). The pages pane follows the
// server's event stream and swaps only the pages whose hash changed.
'use strict';

const S = {
  version: 0, bundle: null, problems: [], figures: null, file: '', savedBefore: true,
  tab: 'iku', undo: [], redo: [], pending: [], sending: false, timer: 0,
  shown: [], dirty: false, outline: null, allKey: null, lastArea: null, diskChanged: false,
};

// ---------- JSON with exact numbers ----------
// Numbers keep their text (1.50 stays 1.50): JSON.rawJSON where the browser has it.
const RAW = typeof JSON.rawJSON === 'function';
function parseJSON(text) {
  return JSON.parse(text, (k, v, ctx) =>
    (RAW && typeof v === 'number' && ctx && ctx.source !== undefined && String(v) !== ctx.source)
      ? JSON.rawJSON(ctx.source) : v);
}
function isRaw(v) { return RAW && v !== null && typeof v === 'object' && JSON.isRawJSON(v); }
function numText(v) {
  if (v === undefined || v === null) return '';
  if (isRaw(v)) return v.rawJSON;
  return String(v);
}
// A number as a person here reads it: a JSON number 80.01 shows as 80,01 (80.01 reads as
// eight thousand and one in Indonesian); a text is shown as it was typed.
function numShow(v) {
  const t = numText(v);
  return typeof v === 'number' || isRaw(v) ? t.replace(/^(-?\d+)\.(\d+)$/, '$1,$2') : t;
}
function clone(v) { return v === undefined ? undefined : parseJSON(JSON.stringify(v)); }
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
// What a number field sends: a JSON number when typed as one (87.12), else the text
// ("87,12" is the Indonesian form the bundle accepts; anything else gets its message).
// A dot that groups thousands ("1.000", "12.500.000") is the Indonesian form: sent as
// text, which the bundle reads as one thousand, never as 1 (issue 20).
const GROUPED = /^-?\d{1,3}(\.\d{3})+$/;
function numValue(text) {
  const t = text.trim();
  if (t === '') return undefined;
  if (NUMBER.test(t) && !GROUPED.test(t)) return RAW ? JSON.rawJSON(t) : Number(t);
  return t;
}

// ---------- paths ----------
function segs(path) {
  const out = [];
  for (const part of path.split('.')) {
    const m = part.match(/^([^[\]]*)((?:\[\d+\])*)$/);
    if (!m) return out;
    if (m[1]) out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}
function join(base, key) {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
function getAt(path) {
  let v = S.bundle;
  for (const s of segs(path)) {
    if (v === null || typeof v !== 'object' || isRaw(v)) return undefined;
    v = v[s];
  }
  return v;
}
function setAt(path, value) {
  const ss = segs(path);
  let v = S.bundle;
  for (let i = 0; i < ss.length - 1; i++) {
    if (v[ss[i]] === undefined || v[ss[i]] === null || typeof v[ss[i]] !== 'object') {
      v[ss[i]] = typeof ss[i + 1] === 'number' ? [] : {};
    }
    v = v[ss[i]];
  }
  const last = ss[ss.length - 1];
  if (value === undefined) {
    if (Array.isArray(v)) v.splice(last, 1); else delete v[last];
  } else v[last] = value;
}

// ---------- server ----------
async function call(method, url, body) {
  const opts = { method, headers: {} };
  if (method !== 'GET') {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = body === undefined ? '{}' : JSON.stringify(body);
  }
  let r;
  try { r = await fetch(url, opts); } catch (e) {
    return { status: 0, data: { error: 'server tidak menjawab (lkjip edit berhenti?)' } };
  }
  let data = null;
  const text = await r.text();
  try { data = parseJSON(text); } catch (e) { data = { error: text || r.statusText }; }
  if (r.status === 413) data = { error: 'isian terlalu panjang (lebih dari 2 MB)' };
  return { status: r.status, data };
}

async function loadBundle() {
  const r = await call('GET', '/api/bundle');
  if (r.status !== 200) { toast(`Gagal memuat data laporan: ${why(r)}.`, true, r.data.error); return; }
  const d = r.data;
  S.version = d.version; S.bundle = d.bundle; S.file = d.file; S.savedBefore = d.saved_before;
  S.dirty = d.dirty; S.problems = d.problems || []; if (d.figures) S.figures = d.figures;
  S.outline = null; S.kerangka = null;
  renderAll();
}

// One field changed here: remember it for undo, send it (in order, one at a time).
function edit(path, value, record = true) {
  const before = clone(getAt(path));
  setAt(path, clone(value));
  if (record) {
    const top = S.undo[S.undo.length - 1];
    if (top && top.path === path && Date.now() - top.at < 1500) { top.after = clone(value); top.at = Date.now(); }
    else S.undo.push({ path, before, after: clone(value), at: Date.now() });
    S.redo = [];
  }
  const q = S.pending.findIndex(p => p.path === path);
  if (q >= 0) S.pending.splice(q, 1);
  S.pending.push({ path, value: clone(value) });
  clearTimeout(S.timer);
  S.timer = setTimeout(flush, 120);
  updateButtons();
}

async function flush() {
  if (S.sending) return;
  S.sending = true;
  while (S.pending.length) {
    const p = S.pending.shift();
    const body = p.value === undefined
      ? { version: S.version, path: p.path, remove: true }
      : { version: S.version, path: p.path, value: p.value };
    const r = await call('PATCH', '/api/bundle', body);
    if (r.status === 200) {
      applyReply(r.data);
    } else if (r.status === 409) {
      toast('Data laporan ini diubah di tab atau program lain; dimuat ulang. Perubahan terakhir Anda tidak terkirim.', true);
      S.pending = [];
      await loadBundle();
    } else {
      fieldMessage(p.path, r.status === 413 ? why(r) : `isian ini tidak diterima: ${why(r)}`, 'error', r.data.error);
      if (r.data.problems) showProblemList(r.data.problems);
    }
  }
  S.sending = false;
}

function applyReply(d) {
  S.version = d.version;
  S.problems = d.problems || [];
  if (d.figures) { S.figures = d.figures; S.stale = false; } else S.stale = true;
  if (d.dirty !== undefined) S.dirty = d.dirty;
  refreshComputed();
  showProblems();
  updateStatus();
}

// ---------- DOM helpers ----------
function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat(Infinity)) if (k !== null && k !== undefined && k !== false) e.append(k.nodeType ? k : String(k));
  return e;
}
const $ = s => document.querySelector(s);
// What went wrong, in the page's words. The server's own words (written for the API and
// its other users, in English) stay in the tooltip.
function why(r) {
  const by = {
    0: 'server tidak menjawab (lkjip edit berhenti?)',
    400: 'isiannya tidak berbentuk data laporan yang bisa diterima',
    403: 'ditolak: buka lagi alamat yang dicetak lkjip edit',
    404: 'tidak ditemukan',
    409: 'data laporan sudah berubah di tab atau program lain',
    413: 'isian terlalu panjang (lebih dari 2 MB)',
    422: 'tidak bisa diterima',
  };
  return by[r.status] || `gagal di server (${r.status})`;
}
function toast(msg, bad, detail) {
  const t = $('#toast');
  t.textContent = msg; t.className = bad ? 'bad' : ''; t.hidden = false;
  t.title = detail || '';
  clearTimeout(toast.t); toast.t = setTimeout(() => { t.hidden = true; }, bad ? 9000 : 4000);
}

// An input bound to a field path. kind: text | num | area | date | select | check | lines
function field(path, kind = 'text', o = {}) {
  const v = getAt(path);
  let e;
  const send = val => edit(path, val);
  if (kind === 'select') {
    e = h('select', { 'data-path': path, class: o.class });
    const opts = o.options || [];
    if (o.optional) e.append(h('option', { value: '' }, o.none || '—'));
    for (const op of opts) {
      const [val, label] = Array.isArray(op) ? op : [op, op];
      e.append(h('option', { value: val }, label));
    }
    e.value = v === undefined || v === null ? '' : String(v);
    if (v !== undefined && v !== null && e.value !== String(v)) {
      e.append(h('option', { value: String(v) }, String(v))); e.value = String(v);
    }
    e.addEventListener('change', () => send(e.value === '' && o.optional ? undefined : e.value));
  } else if (kind === 'check') {
    e = h('input', { type: 'checkbox', 'data-path': path });
    // `optional` with `dflt`: an absent value reads as the default, and choosing the
    // default removes the key (the bundle keeps only what differs from the default)
    const dflt = o.dflt === true;
    e.checked = o.present ? v !== undefined : (v === undefined && o.optional ? dflt : v === true);
    e.addEventListener('change', () => send(o.present ? (e.checked ? {} : undefined)
      : (o.optional && e.checked === dflt ? undefined : e.checked)));
  } else if (kind === 'area' || kind === 'lines') {
    e = h('textarea', { 'data-path': path, rows: o.rows || 3, class: o.class, placeholder: o.placeholder });
    e.value = kind === 'lines' ? (Array.isArray(v) ? v.join('\n') : '') : (v === undefined ? '' : String(v));
    autoGrow(e);
    e.addEventListener('input', () => {
      autoGrow(e);
      if (kind === 'lines') send(e.value.split('\n'));
      else send(e.value === '' && o.optional ? undefined : e.value);
    });
    e.addEventListener('focus', () => { S.lastArea = e; });
  } else if (kind === 'date') {
    // Typed day first, as Indonesians write dates (18-02-2022, 18/2/2022), stored as
    // YYYY-MM-DD, spelled out beside it. Not the browser's date picker: on an English
    // browser it reads month first. What is not a real date (30-02-2022) is not sent: the
    // field says so at once and the bundle keeps its last date.
    e = h('input', { type: 'text', 'data-path': path, class: 'date ' + (o.class || ''), placeholder: 'HH-BB-TTTT', title: o.title || 'Tanggal: hari-bulan-tahun, misalnya 18-02-2022' });
    const iso = v === undefined || v === null ? '' : String(v);
    const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    e.value = m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
    const said = h('span', { class: 'said' }, spellDate(iso));
    e.addEventListener('input', () => {
      const t = e.value.trim();
      const got = dateIso(t);
      said.textContent = spellDate(got || '');
      const box = e.closest('label.field, td, .leaf');
      if (box) box.querySelectorAll(':scope > .msgs.local').forEach(m => m.remove());
      e.classList.remove('bad');
      if (got || (t === '' && o.optional)) { send(got || undefined); return; }
      // Not a day that exists: said here at once, and the bundle keeps its last date.
      fieldMessage(path, t === '' ? 'isi tanggalnya: hari-bulan-tahun, misalnya 18-02-2022'
        : /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.test(t) ? `tanggal ${t} tidak ada di kalender` : `${t} bukan tanggal: tulis hari-bulan-tahun, misalnya 18-02-2022`, 'error', null, true);
    });
    const box = h('span', { class: 'datebox' }, e, said);
    if (o.label) return h('label', { class: 'field' + (o.wide ? ' wide' : '') }, h('span', {}, o.label), box);
    return box;
  } else {
    e = h('input', { type: 'text', 'data-path': path, class: (o.class || '') + (kind === 'num' ? ' num' : ''),
      placeholder: o.placeholder || (kind === 'date' ? 'YYYY-MM-DD' : ''), inputmode: kind === 'num' ? 'decimal' : null,
      title: o.title });
    e.value = kind === 'num' ? numShow(v) : (v === undefined || v === null ? '' : String(v));
    e.addEventListener('input', () => {
      if (kind === 'num') send(numValue(e.value));
      else send(e.value === '' && o.optional ? undefined : e.value);
    });
    if (kind === 'text') e.addEventListener('focus', () => { S.lastArea = e; });
  }
  if (o.label) return h('label', { class: 'field' + (o.wide ? ' wide' : '') }, h('span', {}, o.label), e);
  return e;
}
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
// "18-02-2022", "18/2/2022", "18.02.2022" or "2022-02-18" → "2022-02-18" when it is a real date.
function dateIso(t) {
  let y, mo, d;
  let m = t.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
  if (m) [d, mo, y] = [m[1], m[2], m[3]].map(Number);
  else if ((m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/))) [y, mo, d] = [m[1], m[2], m[3]].map(Number);
  else return null;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
function spellDate(iso) {
  const m = String(iso).match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m && dateIso(iso) ? `${Number(m[3])} ${BULAN[Number(m[2]) - 1]} ${m[1]}` : '';
}
function autoGrow(e) {
  requestAnimationFrame(() => { e.style.height = 'auto'; e.style.height = Math.min(e.scrollHeight + 2, 420) + 'px'; });
}

// ---------- figures ----------
function fig(name) { return S.figures && S.figures.names ? S.figures.names[name] : undefined; }
// A decimal from the figures (a string such as "99.8765") rounded half away from zero
// to 2 places, with a decimal comma; exact, on the digits.
function dec2(s) {
  if (s === null || s === undefined) return '–';
  s = String(s);
  const neg = s.startsWith('-'); if (neg) s = s.slice(1);
  let [i, f = ''] = s.split('.');
  f = (f + '000').slice(0, 3);
  let n = BigInt(i + f.slice(0, 2));
  if (Number(f[2]) >= 5) n += 1n;
  let t = n.toString().padStart(3, '0');
  let out = t.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + t.slice(-2);
  return (neg && n !== 0n ? '-' : '') + out;
}

// ---------- rendering ----------
function renderAll() {
  renderTab();
  updateStatus();
  updateButtons();
  $('#banner').hidden = true;
  if (!S.savedBefore) banner(`Belum ada berkas: Anda mulai dari contoh (${S.bundle.instansi ? S.bundle.instansi.nama : ''} ${S.bundle.laporan ? numText(S.bundle.laporan.tahun) : ''}). Simpan membuat ${S.file}. Menu <b>Berkas</b>: buka berkas Anda atau mulai tahun baru.`, false);
}
function banner(html, bad, actions = []) {
  const b = $('#banner');
  b.innerHTML = ''; b.className = bad ? 'bad' : '';
  const span = h('span'); span.innerHTML = html; b.append(span, ...actions);
  b.hidden = false;
}

function renderTab() {
  document.querySelectorAll('#tabs button').forEach(b => b.classList.toggle('on', b.dataset.tab === S.tab));
  const f = $('#form');
  // The same tab drawn again keeps its place; another tab opens where it was left (at
  // first, at its top), not at the place of the tab before it.
  S.scrollOf = S.scrollOf || {};
  if (S.drawn && S.drawn !== S.tab) S.scrollOf[S.drawn] = f.scrollTop;
  const top = S.drawn === S.tab ? f.scrollTop : S.scrollOf[S.tab] || 0;
  S.drawn = S.tab;
  f.innerHTML = '';
  const tabs = { iku: tabIku, narasi: tabNarasi, kerangka: tabKerangka, umum: tabUmum, anggaran: tabAnggaran, pegawai: tabPegawai, organisasi: tabOrganisasi, statistik: tabStatistik, semua: tabSemua, masalah: tabMasalah };
  (tabs[S.tab] || tabIku)(f);
  f.scrollTop = top;
  refreshComputed();
  showProblems();
}

function section(title, ...kids) { return h('section', { class: 'card' }, h('h2', {}, title), ...kids); }

// Indicators: rows, with target and realisation per year and the computed capaian.
function years() {
  const ys = new Set();
  const tahun = Number(numText(S.bundle.laporan && S.bundle.laporan.tahun));
  if (tahun) ys.add(tahun);
  const add = k => { for (const y of Object.keys(k || {})) if (/^\d{4}$/.test(y)) ys.add(Number(y)); };
  for (const s of S.bundle.sasaran || []) for (const k of s.indikator || []) { add(k.target); add(k.realisasi); }
  for (const t of S.bundle.tujuan || []) for (const k of t.indikator || []) { add(k.target); add(k.realisasi); }
  return [...ys].sort((a, b) => b - a).filter(y => !tahun || y <= tahun).slice(0, 4);
}
function statIds() {
  const st = S.bundle.statistik || {};
  return [...(st.laju || []).map(l => l.id), ...(st.seri || []).map(s => s.id)];
}
function indicatorTable(base, list, kind) {
  const ys = years();
  const tahun = ys[0];
  const head = h('tr', {},
    h('th', { class: 'sticky c-id' }, 'ID'), h('th', { class: 'sticky c-name' }, 'Indikator'),
    h('th', { class: 'c-out' }, `Capaian ${tahun || ''}`), h('th', { class: 'c-out' }, 'Predikat'),
    ys.map(y => [h('th', { class: y === tahun ? 'now' : '' }, `Target ${y}`), h('th', { class: y === tahun ? 'now' : '' }, `Realisasi ${y}`)]),
    h('th', {}, 'Satuan'), h('th', {}, 'Polaritas'), h('th', {}, 'Realisasi dari'),
    kind === 'iku' ? h('th', {}, 'Target Renstra') : null, h('th', {}, ''));
  const rows = list.map((k, j) => {
    const p = join(base, j);
    const dari = k.realisasi_dari;
    return h('tr', { 'data-row': p, 'data-id': k.id },
      h('td', { class: 'sticky c-id' }, field(join(p, 'id'), 'text', { class: 'id' })),
      h('td', { class: 'sticky c-name' }, field(join(p, 'nama'), 'area', { rows: 2 })),
      h('td', { class: 'c-out capaian', 'data-capaian': k.id }), h('td', { class: 'c-out predikat', 'data-predikat': k.id }),
      ys.map(y => [
        h('td', { class: y === tahun ? 'now' : '' }, field(join(join(p, 'target'), String(y)), 'num')),
        h('td', { class: y === tahun ? 'now' : '' }, dari ? h('span', { class: 'muted', title: `dari statistik ${dari}` }, `← ${dari}`) : field(join(join(p, 'realisasi'), String(y)), 'num')),
      ]),
      h('td', {}, field(join(p, 'satuan'), 'text', { class: 'short' })),
      h('td', {}, field(join(p, 'polaritas'), 'select', { options: [['positif', 'positif ↑'], ['negatif', 'negatif ↓']] })),
      h('td', {}, field(join(p, 'realisasi_dari'), 'select', { options: statIds(), optional: true, none: '(diisi)' })),
      kind === 'iku' ? h('td', {}, field(join(p, 'target_renstra'), 'num')) : null,
      h('td', {}, h('button', { type: 'button', class: 'x', title: 'Hapus indikator ini', onclick: () => removeItem(base, j) }, '×')));
  });
  return h('div', { class: 'grid-wrap' }, h('table', { class: 'grid' }, h('thead', {}, head), h('tbody', {}, rows)));
}
function tabIku(f) {
  f.append(h('p', { class: 'hint' }, 'Ketik target dan realisasi; capaian dan predikat dihitung saat Anda mengetik. Desimal dengan koma: 87,12; titik memisahkan ribuan: 1.000 = seribu.'));
  (S.bundle.sasaran || []).forEach((s, i) => {
    const base = `sasaran[${i}]`;
    f.append(section(`Sasaran ${s.id || i + 1}`,
      h('div', { class: 'row' }, field(join(base, 'id'), 'text', { label: 'ID', class: 'short' }), field(join(base, 'nama'), 'area', { label: 'Sasaran strategis', wide: true, rows: 2 })),
      indicatorTable(join(base, 'indikator'), s.indikator || [], 'iku'),
      h('button', { type: 'button', onclick: () => addItem(join(base, 'indikator'), 'IKU') }, '+ Indikator')));
  });
  (S.bundle.tujuan || []).forEach((t, i) => {
    const base = `tujuan[${i}]`;
    f.append(section(`Tujuan ${t.id || i + 1}`,
      field(join(base, 'nama'), 'area', { label: 'Tujuan', wide: true, rows: 2 }),
      indicatorTable(join(base, 'indikator'), t.indikator || [], 'tujuan'),
      h('button', { type: 'button', onclick: () => addItem(join(base, 'indikator'), 'IT') }, '+ Indikator tujuan')));
  });
  f.append(h('p', { class: 'hint' }, 'Sasaran, tujuan, program dan analisis tiap indikator (penyebab, efisiensi, program pendukung): tab Semua Data.'));
}

// Add an item to a list: a copy of the last one, with a new id and no values.
function addItem(listPath, prefix) {
  const list = getAt(listPath) || [];
  const last = clone(list[list.length - 1]) || {};
  const item = {};
  for (const [k, v] of Object.entries(last)) {
    if (k === 'id') item.id = `${prefix}${list.length + 1}`;
    else if (typeof v === 'string') item[k] = k === 'polaritas' ? v : '';
    else if (Array.isArray(v)) item[k] = [];
    else if (v && typeof v === 'object' && !isRaw(v)) item[k] = {};
    else item[k] = v;
  }
  if ('target_renstra' in last) item.target_renstra = 0;
  edit(join(listPath, list.length), item);
  renderTab();
}
function removeItem(listPath, j) {
  const list = getAt(listPath) || [];
  const label = list[j] && (list[j].id || list[j].nama || list[j].judul) || `nomor ${j + 1}`;
  if (!confirm(`Hapus ${label}? (Bisa dibatalkan dengan tombol Batal.)`)) return;
  const next = clone(list); next.splice(j, 1);
  edit(listPath, next);
  renderTab();
}
function moveItem(listPath, j, d) {
  const list = clone(getAt(listPath) || []);
  const k = j + d; if (k < 0 || k >= list.length) return;
  [list[j], list[k]] = [list[k], list[j]];
  edit(listPath, list);
  renderTab();
}

// Narrative: each slot of the outline in reading order, paragraphs as text areas.
async function tabNarasi(f) {
  const picker = placeholderPicker();
  const col = h('div', { class: 'narasi' });
  f.append(h('div', { class: 'split' }, col, picker));
  col.append(h('p', { class: 'hint' }, 'Teks narasi sesuai urutan laporan. Angka hasil hitungan dikutip sebagai {{ nama }} dari daftar di kanan (klik untuk menyisipkan), jangan diketik ulang.'));
  col.append(blocksEditor('kata_pengantar', 'Kata Pengantar'));
  col.append(blocksEditor('ikhtisar.pembuka', 'Ikhtisar Eksekutif: pembuka'));
  col.append(blocksEditor('ikhtisar.penutup', 'Ikhtisar Eksekutif: penutup'));
  if (!S.outline) {
    await loadOutline();
    if (!S.outline) S.outline = [];
    if (S.tab !== 'narasi') return;
  }
  const seen = new Set();
  for (const s of S.outline) {
    if (seen.has(s.slot)) continue; seen.add(s.slot);
    const title = withFigures(`BAB ${s.bab}${s.bagian ? ' · ' + s.bagian : ''}`);
    col.append(blocksEditor(`narasi.${s.slot}`, title, s.slot, s.wajib));
  }
  for (const k of Object.keys(S.bundle.narasi || {})) if (!seen.has(k)) col.append(blocksEditor(`narasi.${k}`, 'Tidak ditempatkan oleh kerangka', k));
  col.append(blocksEditor('surat_pengantar.isi', 'Surat pengantar: isi'));
  showProblems();
}
// A heading with its {{ name }} placeholders given their values, as the report prints it.
function withFigures(text) {
  return String(text).replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (m, n) => fig(n) ?? m);
}
function inlineText(t) {
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.map(inlineText).join('');
  if (t && typeof t === 'object') { if (t.br) return '\n'; return inlineText(t.b ?? t.i ?? t.u ?? ''); }
  return '';
}
// ---------- rich text, limited to the bundle's inline forms ----------
// A paragraph is plain text with bold, italic, underline (one at a time: the bundle's
// spans do not nest) and line breaks. Pasted text comes in as plain text; characters such
// as * # < print as typed.
const STYLE_TAG = { B: 'b', STRONG: 'b', I: 'i', EM: 'i', U: 'u' };
function isInlines(v) {
  if (typeof v === 'string') return true;
  return Array.isArray(v) && v.every(x => typeof x === 'string' ||
    (x && typeof x === 'object' && !isRaw(x) && Object.keys(x).length === 1 &&
      (x.br === true || ['b', 'i', 'u'].some(k => typeof x[k] === 'string'))));
}
function inlineToDom(v, el) {
  const add = x => {
    if (typeof x === 'string') el.append(x);
    else if (x && x.br) el.append(h('br'));
    else if (x) for (const k of ['b', 'i', 'u']) if (typeof x[k] === 'string') el.append(h(k, {}, x[k]));
  };
  if (Array.isArray(v)) v.forEach(add); else add(v === undefined || v === null ? '' : v);
  if (Array.isArray(v) && v.length && v[v.length - 1].br) el.append(h('br'));
}
function domToInline(el) {
  const out = [];
  const push = (style, text) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (!style) {
      if (typeof last === 'string') out[out.length - 1] = last + text; else out.push(text);
    } else if (last && typeof last === 'object' && typeof last[style] === 'string') last[style] += text;
    else out.push({ [style]: text });
  };
  const walk = (node, style) => {
    for (const n of node.childNodes) {
      if (n.nodeType === 3) push(style, n.nodeValue.replace(/\u00a0/g, ' '));
      else if (n.nodeType === 1) {
        if (n.tagName === 'BR') { out.push({ br: true }); continue; }
        if ((n.tagName === 'DIV' || n.tagName === 'P') && out.length && !(out[out.length - 1].br)) out.push({ br: true });
        let st = style || STYLE_TAG[n.tagName] || null;
        if (!st && n.style) {
          if (n.style.fontWeight === 'bold' || Number(n.style.fontWeight) >= 600) st = 'b';
          else if (n.style.fontStyle === 'italic') st = 'i';
          else if ((n.style.textDecorationLine || n.style.textDecoration || '').includes('underline')) st = 'u';
        }
        walk(n, st);
      }
    }
  };
  walk(el, null);
  while (out.length && out[out.length - 1].br) out.pop();
  if (!out.length) return '';
  if (out.length === 1 && typeof out[0] === 'string') return out[0];
  return out;
}
function richStyle(el, cmd) {
  el.focus();
  // One style per run: another style on the selection is removed first.
  if (!document.queryCommandState(cmd)) document.execCommand('removeFormat');
  document.execCommand(cmd);
}
function richField(path) {
  const e = h('div', { class: 'rich-text', contenteditable: 'true', 'data-path': path, role: 'textbox', 'aria-multiline': 'true' });
  inlineToDom(getAt(path), e);
  const send = () => edit(path, domToInline(e));
  e.addEventListener('input', send);
  e.addEventListener('keydown', ev => {
    if (ev.key === 'Enter') { ev.preventDefault(); document.execCommand('insertLineBreak'); }
    const k = ev.key.toLowerCase();
    if ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && !ev.altKey && (k === 'b' || k === 'i' || k === 'u')) {
      ev.preventDefault(); richStyle(e, { b: 'bold', i: 'italic', u: 'underline' }[k]);
    }
  });
  e.addEventListener('paste', ev => {
    ev.preventDefault();
    const lines = (ev.clipboardData.getData('text/plain') || '').replace(/\r/g, '').split('\n');
    lines.forEach((l, n) => { if (n) document.execCommand('insertLineBreak'); if (l) document.execCommand('insertText', false, l); });
  });
  e.addEventListener('drop', ev => ev.preventDefault());
  e.addEventListener('focus', () => { S.lastArea = e; });
  const btn = (cmd, label, title) => h('button', { type: 'button', class: 'fmt fmt-' + cmd, title, onmousedown: ev => ev.preventDefault(), onclick: () => richStyle(e, cmd) }, label);
  const bar = h('span', { class: 'fmtbar' },
    btn('bold', h('b', {}, 'B'), 'Tebal (Ctrl+B)'), btn('italic', h('i', {}, 'I'), 'Miring (Ctrl+I)'), btn('underline', h('u', {}, 'U'), 'Garis bawah (Ctrl+U)'),
    h('button', { type: 'button', class: 'fmt', title: 'Hapus format teks yang dipilih', onmousedown: ev => ev.preventDefault(), onclick: () => { e.focus(); document.execCommand('removeFormat'); } }, 'Polos'),
    h('span', { class: 'muted' }, 'Enter: baris baru'));
  return h('div', { class: 'rich' }, bar, e);
}

// One block at a time: for stored forms the whole-slot editor does not read back exactly.
function blocksByBlock(path, title, slot, wajib) {
  const blocks = getAt(path);
  const box = h('section', { class: 'card', 'data-block': path },
    h('h2', {}, title, slot ? h('small', {}, ` ${slot}${wajib === false ? ' (boleh kosong)' : ''}`) : null));
  if (!Array.isArray(blocks)) {
    box.append(h('p', { class: 'muted' }, 'Belum ada teks.'), h('button', { type: 'button', onclick: () => { edit(path, [{ p: '' }]); renderTab(); } }, '+ Paragraf'));
    return box;
  }
  blocks.forEach((b, k) => {
    const bp = join(path, k);
    const tools = h('span', { class: 'tools' },
      h('button', { type: 'button', title: 'Naikkan', onclick: () => moveItem(path, k, -1) }, '↑'),
      h('button', { type: 'button', title: 'Turunkan', onclick: () => moveItem(path, k, 1) }, '↓'),
      h('button', { type: 'button', class: 'x', title: 'Hapus', onclick: () => removeItem(path, k) }, '×'));
    if (b && isInlines(b.p)) {
      box.append(h('div', { class: 'block' }, richField(join(bp, 'p')), tools, valuesLine(inlineText(b.p))));
    } else if (b && b.list && Array.isArray(b.list.items) && b.list.items.every(i => typeof i === 'string')) {
      const lp = join(join(bp, 'list'), 'items');
      box.append(h('div', { class: 'block' }, h('span', { class: 'muted' }, `Daftar (${b.list.style || '1.'}), satu butir per baris:`), field(lp, 'lines', { rows: 3 }), tools));
    } else {
      const kind = b && b.table ? 'Tabel' : b && b.list ? 'Daftar bertingkat' : 'Teks berformat';
      box.append(h('div', { class: 'block rich' }, h('span', { class: 'muted' }, `${kind}: `), h('span', {}, inlineText(b && (b.p ?? '')).slice(0, 160) || '(lihat Semua Data)'), ' ',
        h('button', { type: 'button', onclick: () => openAll(bp) }, 'Sunting di Semua Data'), tools));
    }
  });
  box.append(h('button', { type: 'button', onclick: () => { edit(join(path, blocks.length), { p: '' }); renderTab(); } }, '+ Paragraf'));
  return box;
}
// ---------- rich text: a whole narrative slot in one editor ----------
// Paragraphs (<p>), lists (<ul>/<ol>, nested, with the bundle's numbering styles) and
// the inline forms above. Enter starts a new paragraph (or list item), Shift+Enter a
// line break. Free tables are edited in place (caption, header, cells). What is typed or pasted is
// read back from the page into the bundle's forms only: pasted markup (Word, web pages)
// keeps its paragraphs, lists, tables and bold/italic/underline, and nothing else.
const LIST_STYLES = [['1.', '1. 2. 3.'], ['1)', '1) 2) 3)'], ['a.', 'a. b. c.'], ['a)', 'a) b) c)'], ['A.', 'A. B. C.'], ['-', '• butir']];
const LIST_STYLE_SET = new Set(LIST_STYLES.map(s => s[0]));
const BLOCK_TAGS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'SECTION', 'ARTICLE', 'HEADER',
  'FOOTER', 'PRE', 'ADDRESS', 'LI', 'DL', 'DD', 'DT', 'FIGURE', 'FIGCAPTION', 'MAIN', 'NAV', 'ASIDE', 'CENTER', 'UL', 'OL', 'TABLE', 'HR']);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'NOSCRIPT', 'IFRAME', 'OBJECT',
  'EMBED', 'SVG', 'MATH', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'CANVAS', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'HR']);
function isBlockNode(n) {
  return n.nodeType === 1 && (BLOCK_TAGS.has(n.tagName) || n.classList.contains('island'));
}
// Emphasis given as a style attribute (read as text: pasted documents are not laid out).
function styleOf(n) {
  const s = (n.getAttribute && n.getAttribute('style') || '').toLowerCase();
  if (!s) return null;
  if (/font-weight\s*:\s*(bold|bolder|[6-9]00)\b/.test(s)) return 'b';
  if (/font-style\s*:\s*(italic|oblique)\b/.test(s)) return 'i';
  if (/text-decoration[a-z-]*\s*:[^;]*underline/.test(s)) return 'u';
  return null;
}
// The inline forms of a run of nodes. `pasted`: whitespace as in HTML source (collapsed,
// trimmed at both ends); else as typed (the editor keeps spaces as they are).
function inlinesOf(nodes, pasted) {
  const out = [];
  const push = (style, text) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (!style) {
      if (typeof last === 'string') out[out.length - 1] = last + text; else out.push(text);
    } else if (last && typeof last === 'object' && typeof last[style] === 'string') last[style] += text;
    else out.push({ [style]: text });
  };
  const walk = (list, style) => {
    for (const n of list) {
      if (n.nodeType === 3) {
        let t = n.nodeValue.replace(/\u00a0/g, ' ');
        if (pasted) t = t.replace(/\s+/g, ' ');
        push(style, t);
      } else if (n.nodeType === 1 && !SKIP_TAGS.has(n.tagName)) {
        if (n.tagName === 'BR') { out.push({ br: true }); continue; }
        if (isBlockNode(n) && out.length && !out[out.length - 1].br) out.push({ br: true });
        // Google Docs wraps a whole copy in <b style="font-weight:normal">: not bold.
        const plainB = /font-weight\s*:\s*(normal|[1-4]00)\b/.test((n.getAttribute('style') || '').toLowerCase());
        walk(n.childNodes, style || (plainB ? null : STYLE_TAG[n.tagName]) || styleOf(n));
      }
    }
  };
  walk(nodes, null);
  if (pasted) {
    const text = x => typeof x === 'string' ? x : x.b ?? x.i ?? x.u;
    while (out.length && (out[0].br || text(out[0]).trim() === '')) out.shift();
    while (out.length && (out[out.length - 1].br || text(out[out.length - 1]).trim() === '')) out.pop();
    const trim = (k, f) => { const x = out[k]; if (typeof x === 'string') out[k] = f(x); else { const s = Object.keys(x)[0]; x[s] = f(x[s]); } };
    if (out.length) { trim(0, s => s.trimStart()); trim(out.length - 1, s => s.trimEnd()); }
  }
  if (!out.length) return '';
  if (out.length === 1 && typeof out[0] === 'string') return out[0];
  return out;
}
// The blocks of a run of nodes (the editor's children, a list item's, a pasted page's).
function blocksOf(nodes, pasted) {
  const blocks = [];
  let run = [];
  const para = list => {
    // A <br> that ends a block is the browser's placeholder, not a line break.
    if (list.length && list[list.length - 1].nodeName === 'BR') list = list.slice(0, -1);
    const p = inlinesOf(list, pasted);
    if (p !== '') blocks.push({ p });
  };
  const flush = () => { if (run.length) { para(run); run = []; } };
  for (const n of nodes) {
    if (n.nodeType !== 1 && n.nodeType !== 3) continue;
    if (n.nodeType === 1 && SKIP_TAGS.has(n.tagName)) { if (n.tagName === 'HR') flush(); continue; }
    if (!isBlockNode(n)) { run.push(n); continue; }
    flush();
    if (n.classList.contains('island')) { try { blocks.push(parseJSON(n.dataset.json)); } catch (e) { /* not ours */ } }
    else if (n.tagName === 'UL' || n.tagName === 'OL') { const l = listOf(n, pasted); if (l) blocks.push(l); }
    else if (n.tagName === 'TABLE') { const t = n.classList.contains('ftable') ? ftableOf(n) : tableOf(n); if (t) blocks.push(t); }
    else if ([...n.childNodes].some(isBlockNode)) blocks.push(...blocksOf([...n.childNodes], pasted));
    else para([...n.childNodes]);
  }
  flush();
  return blocks;
}
function olStyle(el) {
  const d = el.dataset && el.dataset.style;
  if (LIST_STYLE_SET.has(d)) return d;
  if (el.tagName === 'UL') return '-';
  const t = el.getAttribute('type') || '';
  const css = (el.style && el.style.listStyleType) || '';
  if (t === 'a' || css === 'lower-alpha' || css === 'lower-latin') return 'a.';
  if (t === 'A' || css === 'upper-alpha' || css === 'upper-latin') return 'A.';
  return '1.';
}
function listOf(el, pasted) {
  const items = [];
  const attach = sub => {
    const last = items[items.length - 1];
    if (last === undefined) items.push({ text: '', sub: [sub] });
    else if (last && typeof last === 'object' && !Array.isArray(last)) last.sub.push(sub);
    else items[items.length - 1] = { text: last, sub: [sub] };
  };
  for (const n of el.childNodes) {
    if (n.nodeType !== 1) continue;
    if (n.tagName === 'UL' || n.tagName === 'OL') { const l = listOf(n, pasted); if (l) attach(l); continue; }
    const it = itemOf(n, pasted);
    if (it !== null) items.push(it);
  }
  return items.length ? { list: { style: olStyle(el), items } } : null;
}
function itemOf(li, pasted) {
  const nodes = [...li.childNodes];
  let k = nodes.findIndex(isBlockNode);
  if (k < 0) k = nodes.length;
  let head = nodes.slice(0, k);
  if (head.length && head[head.length - 1].nodeName === 'BR') head = head.slice(0, -1);
  let text = inlinesOf(head, pasted);
  const sub = blocksOf(nodes.slice(k), pasted);
  if (text === '' && sub.length && sub[0].p !== undefined) text = sub.shift().p;
  if (!sub.length) return text === '' ? null : text;
  return { text, sub };
}
// A pasted table: the first row as the header, each cell as plain text.
function tableOf(t) {
  const rows = [...t.querySelectorAll('tr')].map(r => [...r.children].filter(c => c.tagName === 'TD' || c.tagName === 'TH')
    .map(c => c.textContent.replace(/\s+/g, ' ').trim()));
  const full = rows.filter(r => r.some(c => c !== ''));
  if (!full.length) return null;
  const kepala = full[0];
  const baris = full.slice(1).map(r => kepala.map((_, j) => r[j] ?? ''));
  return { table: { kepala, baris } };
}
// A free table in the text: caption (its judul), header cells (plain text) and body
// cells (inline forms), edited in place.
function isFreeTable(b) {
  const t = b && typeof b === 'object' && Object.keys(b).length === 1 ? b.table : null;
  return !!t && typeof t === 'object' && !isRaw(t) && Object.keys(t).every(k => ['judul', 'kepala', 'baris'].includes(k)) &&
    (t.judul === undefined || typeof t.judul === 'string') && Array.isArray(t.kepala) && t.kepala.every(c => typeof c === 'string') &&
    Array.isArray(t.baris) && t.baris.every(r => Array.isArray(r) && r.every(isInlines));
}
function ftableDom(t) {
  const cell = (tag, v) => { const c = h(tag); inlineToDom(v, c); if (!c.childNodes.length) c.append(h('br')); return c; };
  return h('table', { class: 'ftable' },
    h('caption', {}, t.judul || ''),
    h('thead', {}, h('tr', {}, t.kepala.map(k => cell('th', k)))),
    h('tbody', {}, t.baris.map(r => h('tr', {}, r.map(v => cell('td', v))))));
}
function ftableOf(el) {
  const plain = n => n.textContent.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
  const cap = el.querySelector(':scope > caption');
  const judul = cap ? plain(cap) : '';
  const rows = [...el.querySelectorAll(':scope > thead > tr, :scope > tbody > tr, :scope > tr')];
  if (!rows.length) return null;
  const kepala = [...rows[0].cells].map(plain);
  const baris = rows.slice(1).map(r => [...r.cells].map(c => {
    let nodes = [...c.childNodes];
    if (nodes.length && nodes[nodes.length - 1].nodeName === 'BR') nodes = nodes.slice(0, -1);
    return inlinesOf(nodes, false);
  }));
  return { table: judul ? { judul, kepala, baris } : { kepala, baris } };
}
function cellAtCaret(e) {
  const s = getSelection();
  let n = s && s.anchorNode;
  while (n && n !== e) { if (n.nodeName === 'TD' || n.nodeName === 'TH' || n.nodeName === 'CAPTION') return n; n = n.parentNode; }
  return null;
}
// The caret of an editor, kept while a picker of its toolbar has the focus.
document.addEventListener('selectionchange', () => {
  const s = getSelection();
  if (!s || !s.rangeCount) return;
  const r = s.getRangeAt(0);
  const e = r.startContainer.nodeType === 1 ? r.startContainer.closest('.rich-text.blocks') : r.startContainer.parentNode && r.startContainer.parentNode.closest('.rich-text.blocks');
  if (e) e.caret = r.cloneRange();
});
function restoreCaret(e) {
  if (!e.caret || !e.contains(e.caret.startContainer)) return;
  e.focus();
  const s = getSelection(); s.removeAllRanges(); s.addRange(e.caret);
}
// The table menu: a new table at the caret, rows and columns of the table at the caret.
function tableOp(e, op, send) {
  if (op === 'new') {
    insertBlocks(e, [ftableDom({ kepala: ['Kolom 1', 'Kolom 2'], baris: [['', '']] })]);
    send(); return;
  }
  const c = cellAtCaret(e);
  const t = c && c.closest('table.ftable');
  if (!t || c.nodeName === 'CAPTION') { toast('Letakkan kursor di dalam sel tabel dulu.'); return; }
  const tr = c.parentNode;
  const k = c.cellIndex;
  const rows = [...t.rows];
  const blank = tag => { const x = h(tag); x.append(h('br')); return x; };
  if (op === 'row') {
    const next = h('tr', {}, [...tr.cells].map(() => blank('td')));
    if (tr.parentNode.nodeName === 'THEAD') t.tBodies[0].prepend(next); else tr.after(next);
  } else if (op === 'col') {
    for (const r of rows) r.cells[k].after(blank(r.parentNode.nodeName === 'THEAD' ? 'th' : 'td'));
  } else if (op === 'del-row') {
    if (tr.parentNode.nodeName === 'THEAD') { toast('Baris judul kolom tidak bisa dihapus; hapus tabelnya dengan memilih seluruhnya lalu Delete.'); return; }
    tr.remove();
  } else if (op === 'del-col') {
    if (rows[0].cells.length <= 1) { toast('Tabel perlu paling sedikit satu kolom.'); return; }
    for (const r of rows) if (r.cells[k]) r.cells[k].remove();
  }
  send();
}
function blockDom(b) {
  if (b && typeof b === 'object' && Object.keys(b).length === 1 && isInlines(b.p)) {
    const p = h('p'); inlineToDom(b.p, p);
    if (!p.childNodes.length) p.append(h('br'));
    return p;
  }
  if (b && typeof b === 'object' && Object.keys(b).length === 1 && b.list && Array.isArray(b.list.items)) {
    const e = h(b.list.style === '-' ? 'ul' : 'ol', { 'data-style': b.list.style });
    for (const it of b.list.items) {
      const li = h('li');
      const obj = it && typeof it === 'object' && !Array.isArray(it);
      const text = obj ? it.text : it;
      if (isInlines(text)) inlineToDom(text, li);
      if (obj && Array.isArray(it.sub)) for (const s of it.sub) li.append(blockDom(s));
      if (!li.childNodes.length) li.append(h('br'));
      e.append(li);
    }
    return e;
  }
  if (isFreeTable(b)) return ftableDom(b.table);
  // Anything else: kept whole, shown, edited in Semua Data.
  const what = b && b.table ? `Tabel${b.table.judul ? ': ' + b.table.judul : ''} (${(b.table.baris || []).length} baris)` : 'Isi lain';
  return h('div', { class: 'island', contenteditable: 'false', 'data-json': JSON.stringify(b) }, what, ' ');
}
function listAtCaret(e) {
  const s = getSelection();
  let n = s && s.anchorNode;
  while (n && n !== e) { if (n.nodeName === 'OL' || n.nodeName === 'UL') return n; n = n.parentNode; }
  return null;
}
function setListStyle(e, style, send) {
  const l = listAtCaret(e);
  if (!l) { toast('Letakkan kursor di dalam daftar dulu, lalu pilih penomorannya.'); return; }
  const tag = style === '-' ? 'UL' : 'OL';
  let el = l;
  if (l.tagName !== tag) {
    el = document.createElement(tag);
    while (l.firstChild) el.append(l.firstChild);
    l.replaceWith(el);
  }
  el.dataset.style = style;
  send();
}
// Put whole blocks at the caret: the editor's block that holds it is split there, the
// new blocks go between its halves (the browser's insertHTML would drop the kept-whole
// tables). The caret ends after the last new block.
function insertBlocks(e, nodes) {
  const sel = getSelection();
  const r = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
  let blk = r ? r.startContainer : null;
  while (blk && blk.parentNode !== e) blk = blk.parentNode;
  if (!r || !blk || !e.contains(blk)) { e.append(...nodes); return; }
  r.deleteContents();
  const tail = document.createRange();
  tail.setStart(r.startContainer, r.startOffset);
  tail.setEnd(blk, blk.childNodes.length);
  const rest = tail.extractContents();
  const after = blk.cloneNode(false);
  after.append(rest);
  const empty = n => n.nodeType === 1 && !n.querySelector('.island') && n.textContent.trim() === '';
  blk.after(...nodes, ...(empty(after) ? [] : [after]));
  if (empty(blk)) blk.remove();
  const last = nodes[nodes.length - 1];
  const c = document.createRange();
  c.setStartAfter(last); c.collapse(true);
  sel.removeAllRanges(); sel.addRange(c);
}
function richBlocks(path, blocks) {
  const e = h('div', { class: 'rich-text blocks', contenteditable: 'true', 'data-path': path, role: 'textbox', 'aria-multiline': 'true' });
  for (const b of blocks) e.append(blockDom(b));
  if (!e.childNodes.length) e.append(h('p', {}, h('br')));
  const read = () => blocksOf([...e.childNodes], false);
  const send = () => edit(path, read());
  e.addEventListener('input', send);
  e.addEventListener('keydown', ev => {
    const k = ev.key.toLowerCase();
    if ((ev.ctrlKey || ev.metaKey) && !ev.shiftKey && !ev.altKey && (k === 'b' || k === 'i' || k === 'u')) {
      ev.preventDefault(); richStyle(e, { b: 'bold', i: 'italic', u: 'underline' }[k]);
    } else if (ev.key === 'Enter' && cellAtCaret(e)) {
      ev.preventDefault();
      if (cellAtCaret(e).nodeName === 'TD') document.execCommand('insertLineBreak');
    } else if (ev.key === 'Tab' && listAtCaret(e)) {
      ev.preventDefault(); document.execCommand(ev.shiftKey ? 'outdent' : 'indent');
    }
  });
  e.addEventListener('paste', ev => {
    ev.preventDefault();
    const dt = ev.clipboardData;
    const html = dt.getData('text/html');
    let got;
    if (html) got = blocksOf([...new DOMParser().parseFromString(html, 'text/html').body.childNodes], true);
    else got = (dt.getData('text/plain') || '').replace(/\r/g, '').split('\n').filter(l => l.trim() !== '').map(l => ({ p: l }));
    if (!got.length) return;
    if (got.length === 1 && got[0].p !== undefined) {
      const span = h('span'); inlineToDom(got[0].p, span);
      document.execCommand('insertHTML', false, span.innerHTML);
    } else {
      insertBlocks(e, got.map(blockDom));
      send();
    }
  });
  e.addEventListener('drop', ev => ev.preventDefault());
  e.addEventListener('focus', () => { S.lastArea = e; });
  const btn = (cmd, label, title, cls) => h('button', { type: 'button', class: 'fmt fmt-' + (cls || cmd), title, onmousedown: ev => ev.preventDefault(), onclick: () => { e.focus(); if (['bold', 'italic', 'underline'].includes(cmd)) richStyle(e, cmd); else document.execCommand(cmd); } }, label);
  const style = h('select', { class: 'fmt-style', title: 'Penomoran daftar tempat kursor berada' },
    h('option', { value: '' }, 'Penomoran…'), LIST_STYLES.map(([v, l]) => h('option', { value: v }, l)));
  style.addEventListener('change', () => { const v = style.value; style.value = ''; if (v) { restoreCaret(e); setListStyle(e, v, send); } });
  const table = h('select', { class: 'fmt-table', title: 'Tabel' },
    h('option', { value: '' }, 'Tabel…'), [['new', 'Sisipkan tabel di sini'], ['row', 'Tambah baris di bawah'], ['col', 'Tambah kolom di kanan'],
      ['del-row', 'Hapus baris ini'], ['del-col', 'Hapus kolom ini']].map(([v, l]) => h('option', { value: v }, l)));
  table.addEventListener('change', () => { const v = table.value; table.value = ''; if (v) { restoreCaret(e); tableOp(e, v, send); } });
  const bar = h('span', { class: 'fmtbar' },
    btn('bold', h('b', {}, 'B'), 'Tebal (Ctrl+B)'), btn('italic', h('i', {}, 'I'), 'Miring (Ctrl+I)'), btn('underline', h('u', {}, 'U'), 'Garis bawah (Ctrl+U)'),
    btn('removeFormat', 'Polos', 'Hapus format teks yang dipilih', 'plain'),
    btn('insertUnorderedList', '• Daftar', 'Daftar berbutir', 'bullets'), btn('insertOrderedList', '1. Daftar', 'Daftar bernomor', 'numbers'),
    btn('outdent', '⇤ Naik', 'Naikkan tingkat butir (Shift+Tab)'), btn('indent', 'Sub-butir ⇥', 'Jadikan sub-butir (Tab)'), style, table,
    h('span', { class: 'muted' }, 'Enter: paragraf/butir baru · Shift+Enter: baris baru'));
  return { editor: e, bar, read };
}

function blocksEditor(path, title, slot, wajib) {
  const blocks = getAt(path);
  const head = title || slot ? h('h2', {}, title, slot ? h('small', {}, ` ${slot}${wajib === false ? ' (boleh kosong)' : ''}`) : null) : null;
  if (blocks !== undefined && !Array.isArray(blocks)) return blocksByBlock(path, title, slot, wajib);
  const r = richBlocks(path, blocks || []);
  // Only what reads back exactly as it is stored is edited here; anything else (a form
  // this editor does not make) keeps the editor per block, so nothing changes unasked.
  if (JSON.stringify(r.read()) !== JSON.stringify(blocks || [])) return blocksByBlock(path, title, slot, wajib);
  const tables = r.editor.querySelectorAll('.island').length;
  return h('section', { class: 'card', 'data-block': path }, head,
    h('div', { class: 'block' }, h('div', { class: 'rich' }, r.bar, r.editor),
      valuesLine((blocks || []).map(b => JSON.stringify(b)).join(' ')),
      tables ? h('div', { class: 'hint' }, 'Isi yang tidak bisa disunting di sini: ', h('a', { href: '#', onclick: ev => { ev.preventDefault(); openAll(path); } }, 'sunting di Semua Data')) : null));
}
function valuesLine(text) {
  const names = [...String(text).matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map(m => m[1]);
  if (!names.length) return null;
  return h('div', { class: 'values' }, names.slice(0, 8).map(n => h('span', { class: fig(n) === undefined ? 'bad' : '' }, `${n} = ${fig(n) ?? 'tidak dikenal'}`)));
}
function placeholderPicker() {
  const list = h('div', { class: 'plist' });
  const q = h('input', { type: 'search', placeholder: 'Cari angka: IKU1, serapan, 2021…' });
  const fill = () => {
    list.innerHTML = '';
    const names = S.figures && S.figures.names ? Object.entries(S.figures.names) : [];
    const term = q.value.trim().toLowerCase();
    const hit = ([k, v]) => term ? k.toLowerCase().includes(term) || String(v).toLowerCase().includes(term) : v !== '-';
    for (const [k, v] of names.filter(hit).slice(0, 300)) {
      list.append(h('button', { type: 'button', class: 'ph', title: 'Sisipkan {{ ' + k + ' }}', onmousedown: e => e.preventDefault(), onclick: () => insertPlaceholder(k) },
        h('code', {}, k), h('span', {}, String(v).slice(0, 60))));
    }
  };
  q.addEventListener('input', fill);
  fill();
  return h('aside', { class: 'picker' }, h('h3', {}, 'Sisipkan angka'), q, list);
}
function insertPlaceholder(name) {
  const e = S.lastArea;
  if (!e || !document.body.contains(e)) { toast('Klik dulu di dalam teks tempat angka disisipkan.'); return; }
  const ins = `{{ ${name} }}`;
  if (e.isContentEditable) { e.focus(); document.execCommand('insertText', false, ins); return; }
  const a = e.selectionStart ?? e.value.length, b = e.selectionEnd ?? a;
  e.value = e.value.slice(0, a) + ins + e.value.slice(b);
  e.focus(); e.selectionStart = e.selectionEnd = a + ins.length;
  e.dispatchEvent(new Event('input'));
}

// ---------- outline (kerangka) ----------
// The outline in force is the default (or the bundle's own) with the changes of
// kerangka.ubah applied, in order. Every action here appends (or updates) one change:
// move = pindah + sebelum/setelah, hide = hapus, rename = ganti_judul, insert = sisip + ke.
const KOMPONEN = {
  tabel_statistik: 'Tabel statistik', landasan_hukum: 'Daftar landasan hukum', tugas_pokok: 'Tugas pokok',
  fungsi: 'Daftar fungsi', unit_organisasi: 'Unit organisasi dan tugasnya', tabel_pegawai: 'Tabel pegawai',
  grafik_pegawai: 'Grafik pegawai', bagan_organisasi: 'Bagan organisasi', grafik_iku: 'Grafik capaian IKU',
  grafik_tren: 'Grafik tren realisasi', grafik_anggaran: 'Grafik anggaran', grafik_statistik: 'Grafik statistik',
  rincian_pegawai: 'Tabel rincian pegawai', tabel_aset: 'Tabel aset', visi: 'Visi', misi: 'Misi', tujuan: 'Tujuan dan indikatornya',
  tabel_sasaran: 'Tabel sasaran', tabel_iku: 'Tabel IKU', tabel_program: 'Tabel program', skala: 'Skala penilaian',
  tabel_tujuan: 'Tabel indikator tujuan', pengukuran: 'Tabel pengukuran kinerja', analisis_indikator: 'Analisis tiap indikator',
  tiga_tahun: 'Perbandingan tiga tahun', renstra: 'Capaian terhadap target Renstra', nasional: 'Perbandingan nasional',
  alokasi: 'Tabel alokasi anggaran', kinerja_anggaran: 'Kinerja dan anggaran', tanda_tangan: 'Tanda tangan',
};
const CHARTS = ['grafik_statistik', 'grafik_iku', 'grafik_tren', 'grafik_anggaran', 'grafik_pegawai'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
async function loadOutline() {
  const r = await call('GET', '/api/outline');
  if (r.status === 200 && r.data.kerangka) {
    S.outline = r.data.slots; S.kerangka = r.data.kerangka; S.outlineLabels = r.data.labels || {};
  }
}
function ubahList() { return clone((S.bundle.kerangka && S.bundle.kerangka.ubah) || []); }
async function setUbah(list) {
  if (!S.bundle.kerangka || typeof S.bundle.kerangka !== 'object') edit('kerangka', { ubah: list });
  else edit('kerangka.ubah', list);
  await settle();
  await loadOutline();
  if (S.tab === 'kerangka') renderTab();
}
function idLabel(id) {
  const l = S.outlineLabels && S.outlineLabels[id];
  return l ? `${KOMPONEN[l] || l}` : id;
}
// The siblings (items with an id) of the item `id`, in the resolved outline.
function siblingsOf(id) {
  if (S.kerangka.bab.some(b => b.id === id)) return S.kerangka.bab.map(b => b.id);
  let found = null;
  const look = items => {
    for (const it of items) {
      if (it.id === id) { found = items.filter(x => x.id).map(x => x.id); return; }
      if (it.bagian) look(it.bagian.isi);
      if (found) return;
    }
  };
  for (const b of S.kerangka.bab) { look(b.isi); if (found) break; }
  return found || [];
}
function moveOutline(id, d) {
  const sib = siblingsOf(id);
  const i = sib.indexOf(id), j = i + d;
  if (i < 0 || j < 0 || j >= sib.length) return;
  const list = ubahList();
  const last = list[list.length - 1];
  const change = d < 0 ? { pindah: id, sebelum: sib[j] } : { pindah: id, setelah: sib[j] };
  // Moving the same item again replaces its last move (the place is absolute).
  if (last && last.pindah === id) list[list.length - 1] = change; else list.push(change);
  setUbah(list);
}
function hideOutline(id) {
  const list = ubahList();
  list.push({ hapus: id });
  setUbah(list);
  toast(`“${idLabel(id)}” tidak dicetak lagi. Tampilkan lagi dari daftar “Perubahan kerangka” di bawah.`);
}
function renameOutline(id, judul) {
  const list = (S.bundle.kerangka && S.bundle.kerangka.ubah) || [];
  const i = list.findIndex(u => u && u.ganti_judul === id);
  if (i >= 0) edit(`kerangka.ubah[${i}].judul`, judul);
  else if (!S.bundle.kerangka || typeof S.bundle.kerangka !== 'object') edit('kerangka', { ubah: [{ ganti_judul: id, judul }] });
  else edit(`kerangka.ubah[${list.length}]`, { ganti_judul: id, judul });
}
function freshId(prefix) {
  const used = new Set(Object.keys(S.outlineLabels || {}));
  for (const u of ubahList()) if (u.sisip && u.sisip.id) used.add(u.sisip.id);
  let n = 1; while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
async function insertOutline(where, kind, judul, seri) {
  const list = ubahList();
  let item;
  if (kind === 'bagian') {
    const id = freshId('bagian');
    let slot = id.replace(/-/g, '_'); while (S.bundle.narasi && S.bundle.narasi[slot]) slot += '_';
    edit(`narasi.${slot}`, [{ p: `Teks ${judul || 'bagian baru'}.` }]);
    item = { id, bagian: { judul: judul || 'Bagian Baru', isi: [{ narasi: slot }] } };
  } else if (kind === 'grafik_statistik') {
    if (!seri) { toast('Pilih dulu statistik yang digambar.', true); return; }
    item = { id: freshId(`grafik-${seri}`), komponen: 'grafik_statistik', tabel: seri };
  } else if (kind === 'tabel_statistik') {
    item = { id: freshId('tabel-statistik'), komponen: 'tabel_statistik' };
    if (seri) item.tabel = seri;
  } else item = { id: freshId(kind.replace(/_/g, '-')), komponen: kind };
  list.push({ sisip: item, ke: where });
  await setUbah(list);
  toast('Disisipkan di akhir bagian itu; pindahkan dengan ↑ ↓.');
}
function describeUbah(u) {
  if (u.hapus) return `Disembunyikan: ${idLabel(u.hapus)}`;
  if (u.ganti_judul) return `Judul “${idLabel(u.ganti_judul)}” menjadi “${u.judul || ''}”`;
  const place = u.sebelum ? `sebelum ${idLabel(u.sebelum)}` : u.setelah ? `setelah ${idLabel(u.setelah)}` : u.ke ? `di akhir ${idLabel(u.ke)}` : '';
  if (u.pindah) return `Dipindah: ${idLabel(u.pindah)} ${place}`;
  if (u.sisip) {
    const it = u.sisip;
    const what = it.bagian ? `bagian “${it.bagian.judul}”` : it.komponen ? (KOMPONEN[it.komponen] || it.komponen) + (it.tabel ? ` (${it.tabel})` : '') : it.narasi ? `teks ${it.narasi}` : 'butir';
    return `Disisipkan: ${what} ${place}`;
  }
  return JSON.stringify(u);
}
function insertForm(where, depth) {
  const kinds = [['bagian', depth >= 2 ? 'Sub-bagian baru dengan teks' : 'Bagian baru dengan teks'],
    ...CHARTS.map(c => [c, KOMPONEN[c]]), ['tabel_statistik', 'Tabel statistik']];
  const kind = h('select', { 'data-insert-kind': where, title: 'Yang disisipkan' }, kinds.map(([v, l]) => h('option', { value: v }, l)));
  const st = S.bundle.statistik || {};
  const seriOpts = [...(st.laju || []).map(l => [l.id, `${l.nama} (${l.id})`]), ...(st.seri || []).map(x => [x.id, `${x.nama} (${x.id})`])];
  const tabelOpts = (st.tabel || []).map(t => [t.id, `${t.judul} (${t.id})`]);
  const seri = h('select', { 'data-insert-seri': where, title: 'Data yang digambar atau ditabelkan' });
  const judul = h('input', { type: 'text', placeholder: 'Judul bagian', 'data-insert-title': where });
  const sync = () => {
    const k = kind.value;
    judul.hidden = k !== 'bagian';
    seri.hidden = !(k === 'grafik_statistik' || k === 'tabel_statistik');
    seri.innerHTML = '';
    if (k === 'tabel_statistik') seri.append(h('option', { value: '' }, 'semua tabel statistik'));
    for (const [v, l] of (k === 'tabel_statistik' ? tabelOpts : seriOpts)) seri.append(h('option', { value: v }, l));
  };
  kind.addEventListener('change', sync); sync();
  const box = h('div', { class: 'row insert', hidden: true }, kind, judul, seri,
    h('button', { type: 'button', class: 'primary', 'data-insert-go': where, onclick: () => insertOutline(where, kind.value, judul.value.trim(), seri.value) }, 'Sisipkan'),
    h('button', { type: 'button', onclick: () => { box.hidden = true; } }, 'Batal'));
  const open = h('button', { type: 'button', class: 'add-in', 'data-insert-open': where, onclick: () => { box.hidden = false; open.hidden = true; } }, '+ Sisipkan bagian atau grafik di sini');
  return [open, box];
}
function outlineTools(id, first, last) {
  return h('span', { class: 'tools' },
    h('button', { type: 'button', title: 'Naikkan', 'data-up': id, disabled: first, onclick: () => moveOutline(id, -1) }, '↑'),
    h('button', { type: 'button', title: 'Turunkan', 'data-down': id, disabled: last, onclick: () => moveOutline(id, 1) }, '↓'),
    h('button', { type: 'button', title: 'Jangan cetak bagian ini', 'data-hide': id, onclick: () => hideOutline(id) }, 'Sembunyikan'));
}
// The first words of a narrative slot ("Kabupaten Mojokerto merupakan …").
function blocksWords(blocks) {
  if (!Array.isArray(blocks)) return '';
  const text = blocks.map(b => b && b.p !== undefined ? inlineText(b.p) : b && b.list ? (b.list.items || []).map(i => inlineText(i && i.text !== undefined ? i.text : i)).join(' ')
    : b && b.table ? `[Tabel${typeof b.table.judul === 'string' ? ' ' + b.table.judul : ''}]` : '').join(' ').replace(/\s+/g, ' ').trim();
  return text.length > 70 ? text.slice(0, 70).replace(/\s+\S*$/, '') + ' …' : text;
}
function outlineItems(items, depth, number) {
  const ids = items.filter(x => x.id).map(x => x.id);
  const out = [];
  let sec = 0;
  for (const it of items) {
    const tools = it.id ? outlineTools(it.id, ids[0] === it.id, ids[ids.length - 1] === it.id) : null;
    if (it.bagian) {
      sec++;
      const num = `${number}.${sec}`;
      const title = h('input', { type: 'text', value: it.bagian.judul, 'data-outline': it.id, title: 'Ubah judul bagian' });
      title.addEventListener('input', () => renameOutline(it.id, title.value));
      out.push(h('div', { class: 'ol-sec', 'data-id': it.id },
        h('div', { class: 'ol-head' }, h('span', { class: 'ol-num' }, num), title, tools),
        h('div', { class: 'ol-body' }, outlineItems(it.bagian.isi, depth + 1, num), depth < 2 && it.id ? insertForm(it.id, depth + 1) : null)));
    } else {
      let text;
      if (it.narasi) {
        const words = blocksWords(S.bundle.narasi && S.bundle.narasi[it.narasi]);
        text = h('span', { title: `narasi.${it.narasi}` }, 'Teks: ', h('a', { href: '#', onclick: e => { e.preventDefault(); goTo(`narasi.${it.narasi}`); } },
          words ? `“${words}”` : 'belum diisi (sunting)'), it.wajib === false ? h('small', { class: 'muted' }, ' · boleh kosong') : '');
      }
      else if (it.komponen) text = h('span', {}, (KOMPONEN[it.komponen] || it.komponen) + (it.tabel ? ` (${it.tabel})` : ''), h('small', { class: 'muted' }, ' · dibuat dari data'));
      else if (it.kalimat) text = h('span', { class: 'muted' }, `Kalimat: ${it.kalimat.slice(0, 90)}${it.kalimat.length > 90 ? '…' : ''}`);
      else if (it.halaman_baru) text = h('span', { class: 'muted' }, '— halaman baru —');
      else text = h('span', { class: 'muted' }, '(butir)');
      out.push(h('div', { class: 'ol-item' + (it.komponen && it.komponen.startsWith('grafik') ? ' chart' : '') }, text, tools));
    }
  }
  return out;
}
async function tabKerangka(f) {
  f.append(h('p', { class: 'hint' }, 'Susunan bab dan bagian laporan. ↑ ↓ memindahkan, “Sembunyikan” mengeluarkan dari laporan, judul bisa diubah langsung. Halaman di kanan mengikuti setiap perubahan. Butir tanpa tombol (teks, kalimat) ikut bagiannya.'));
  if (!S.kerangka) { await loadOutline(); if (S.tab !== 'kerangka') return; }
  if (!S.kerangka) { f.append(h('p', { class: 'muted' }, 'Kerangka belum bisa disusun: perbaiki dulu galat di tab Masalah.')); return; }
  const tree = h('div', { class: 'outline', 'data-path': 'kerangka' });
  const babIds = S.kerangka.bab.map(b => b.id);
  S.kerangka.bab.forEach((b, i) => {
    const title = h('input', { type: 'text', value: b.judul, 'data-outline': b.id, title: 'Ubah judul bab' });
    title.addEventListener('input', () => renameOutline(b.id, title.value));
    tree.append(h('section', { class: 'card ol-bab', 'data-id': b.id },
      h('div', { class: 'ol-head' }, h('strong', { class: 'ol-num' }, `BAB ${ROMAN[i] || i + 1}`), title, outlineTools(b.id, i === 0, i === babIds.length - 1)),
      h('div', { class: 'ol-body' }, outlineItems(b.isi, 1, String(i + 1)), insertForm(b.id, 1))));
  });
  f.append(tree);
  const list = (S.bundle.kerangka && S.bundle.kerangka.ubah) || [];
  const changes = h('section', { class: 'card' }, h('h2', {}, `Perubahan kerangka (${list.length})`),
    h('p', { class: 'hint' }, 'Kerangka baku (PermenPAN-RB 53/2014) dengan perubahan berikut, berurutan. × membatalkan satu perubahan.'));
  list.forEach((u, i) => {
    changes.append(h('div', { class: 'leaf ol-change', 'data-path': `kerangka.ubah[${i}]` }, h('span', { class: 'k' }, `${i + 1}.`), h('span', {}, describeUbah(u)),
      h('button', { type: 'button', class: 'x', title: u.hapus ? 'Tampilkan lagi' : 'Batalkan perubahan ini', onclick: () => { const l = ubahList(); l.splice(i, 1); setUbah(l); } }, u.hapus ? 'Tampilkan lagi' : '×')));
  });
  if (list.length) changes.append(h('button', { type: 'button', onclick: () => { if (confirm('Kembalikan ke kerangka baku? Semua perubahan kerangka dihapus.')) setUbah([]); } }, 'Kembalikan ke kerangka baku'));
  f.append(changes);
  showProblems();
}

function tabUmum(f) {
  const tahun = 'laporan';
  f.append(section('Laporan',
    h('div', { class: 'row' },
      field(`${tahun}.tahun`, 'num', { label: 'Tahun laporan', class: 'short' }),
      field(`${tahun}.tanggal`, 'date', { label: 'Tanggal' }),
      field(`${tahun}.tempat`, 'text', { label: 'Tempat' }),
      field(`${tahun}.periode_renstra[0]`, 'num', { label: 'Renstra dari', class: 'short' }),
      field(`${tahun}.periode_renstra[1]`, 'num', { label: 'sampai', class: 'short' }))));
  f.append(section('Instansi',
    h('div', { class: 'row' },
      field('instansi.nama', 'text', { label: 'Nama', wide: true }),
      field('instansi.singkatan', 'text', { label: 'Singkatan', optional: true, class: 'short' })),
    h('div', { class: 'row' },
      field('instansi.daerah', 'text', { label: 'Daerah' }),
      field('instansi.pemerintah', 'text', { label: 'Pemerintah', wide: true }))));
  f.append(section('Kop surat',
    h('div', { class: 'row' }, field('kop.alamat', 'text', { label: 'Alamat', wide: true }), field('kop.kota', 'text', { label: 'Kota dan kode pos' })),
    h('div', { class: 'row' },
      field('kop.telepon', 'text', { label: 'Telepon', optional: true }), field('kop.faks', 'text', { label: 'Faks', optional: true }),
      field('kop.email', 'text', { label: 'E-mail', optional: true }), field('kop.laman', 'text', { label: 'Laman', optional: true })),
    lambangForm()));
  const ids = (S.bundle.pejabat || []).map(p => [p.id, `${p.nama} (${p.id})`]);
  const rows = (S.bundle.pejabat || []).map((p, i) => {
    const b = `pejabat[${i}]`;
    return h('tr', {},
      h('td', {}, field(`${b}.id`, 'text', { class: 'id' })), h('td', {}, field(`${b}.nama`, 'text')), h('td', {}, field(`${b}.jabatan`, 'area', { rows: 2 })),
      h('td', {}, field(`${b}.pangkat`, 'text', { optional: true })), h('td', {}, field(`${b}.golongan`, 'text', { optional: true, class: 'short' })),
      h('td', {}, field(`${b}.nip`, 'text', { optional: true, placeholder: '18 angka' })),
      h('td', {}, field(`${b}.plt`, 'select', { options: ['Plt.', 'Plh.', 'Pj.'], optional: true })),
      h('td', {}, h('button', { type: 'button', class: 'x', onclick: () => removeItem('pejabat', i) }, '×')));
  });
  f.append(section('Pejabat dan penandatangan',
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid' }, h('thead', {}, h('tr', {}, ['ID', 'Nama dan gelar', 'Jabatan', 'Pangkat', 'Gol.', 'NIP', 'Plt/Plh/Pj', ''].map(t => h('th', {}, t)))), h('tbody', {}, rows))),
    h('button', { type: 'button', onclick: () => addItem('pejabat', 'pejabat') }, '+ Pejabat'),
    h('div', { class: 'row' },
      field('penandatangan.kepala', 'select', { label: 'Kepala (surat, kata pengantar, penutup)', options: ids }),
      field('penandatangan.atasan', 'select', { label: 'Atasan (PIHAK KEDUA)', options: ids }))));
  f.append(section('Surat pengantar',
    h('div', { class: 'row' },
      field('surat_pengantar.nomor', 'text', { label: 'Nomor' }), field('surat_pengantar.tanggal', 'date', { label: 'Tanggal' }),
      field('surat_pengantar.sifat', 'text', { label: 'Sifat', class: 'short' }), field('surat_pengantar.lampiran', 'text', { label: 'Lampiran' })),
    field('surat_pengantar.hal', 'area', { label: 'Hal', wide: true, rows: 2 }),
    h('div', { class: 'row' },
      field('surat_pengantar.kepada', 'lines', { label: 'Kepada Yth. (satu baris per baris surat)', rows: 3, wide: true }),
      field('surat_pengantar.di', 'text', { label: 'di', optional: true })),
    h('p', { class: 'hint' }, 'Isi surat: tab Narasi.')));
  const t = 'tata_letak';
  f.append(section('Tata letak dan TTE',
    h('div', { class: 'row' },
      field(`${t}.kertas`, 'select', { label: 'Kertas', options: ['A4', 'F4'], optional: true, none: 'A4 (bawaan)' }),
      field(`${t}.huruf`, 'select', { label: 'Huruf', options: ['Arial', 'Times New Roman'], optional: true, none: 'Arial (bawaan)' }),
      field(`${t}.rupiah`, 'select', { label: 'Rupiah', options: [['baku', 'Rp1.234,00'], ['lama', 'Rp. 1.234,-']], optional: true, none: 'baku (bawaan)' }),
      field(`${t}.desimal`, 'num', { label: 'Desimal', class: 'short' })),
    h('div', { class: 'row' },
      field(`${t}.rumus_negatif`, 'select', { label: 'Rumus polaritas negatif', options: [['2T-R', '(2T−R)/T'], ['T/R', 'T/R']], optional: true, none: '(2T−R)/T (bawaan)' }),
      field(`${t}.efisiensi`, 'select', { label: 'Efisiensi', options: [['rasio', 'rasio'], ['selisih', 'selisih']], optional: true, none: 'rasio (bawaan)' }),
      field(`${t}.porsi_sisa_terbesar`, 'check', { label: 'Porsi genap 100 %', optional: true, dflt: true }),
      field(`${t}.tte`, 'check', { label: 'Tanda tangan elektronik (TTE)', present: true })),
    h('div', { class: 'row' },
      field(`${t}.daftar_tabel`, 'check', { label: 'Daftar Tabel', optional: true }),
      field(`${t}.daftar_grafik`, 'check', { label: 'Daftar Grafik', optional: true }))));
}

// The emblem: a preview, an upload (PNG, stored beside the bundle as lambang.png) and
// the neutral emblem (no kop.lambang).
function lambangForm() {
  const name = S.bundle.kop && S.bundle.kop.lambang;
  const img = h('img', { class: 'lambang-img', alt: 'Lambang' });
  if (name) img.src = `/api/lambang?v=${S.version}`;
  const input = h('input', { type: 'file', accept: 'image/png,.png', 'data-lambang': '' });
  input.addEventListener('change', () => uploadLambang(input));
  return h('div', { class: 'lambang', 'data-path': 'kop.lambang' },
    h('div', { class: 'lambang-box' }, name ? img : h('span', { class: 'muted' }, 'lambang netral')),
    h('div', {},
      h('div', { class: 'field-label' }, 'Lambang daerah di kop surat dan sampul'),
      h('div', { class: 'muted' }, name ? `Berkas: ${name}` : 'Belum ada: laporan memakai lambang netral.'),
      h('div', { class: 'row' },
        h('label', { class: 'filebtn' }, name ? 'Ganti lambang (PNG)…' : 'Unggah lambang (PNG)…', input),
        name ? h('button', { type: 'button', onclick: () => { edit('kop.lambang', undefined); renderTab(); } }, 'Pakai lambang netral') : null),
      h('p', { class: 'hint' }, 'PNG paling besar 1 MB. Disimpan sebagai lambang.png di folder berkas data laporan (yang lama menjadi lambang.png.bak).')));
}
async function uploadLambang(input) {
  const file = input.files[0]; input.value = '';
  if (!file) return;
  if (file.size > 1024 * 1024) { fieldMessage('kop.lambang', `berkas lambang terlalu besar (${Math.round(file.size / 1024)} KB); paling besar 1024 KB`, 'error'); return; }
  const png = await new Promise(r => { const fr = new FileReader(); fr.onload = () => r(fr.result); fr.readAsDataURL(file); });
  await settle();
  const r = await call('POST', '/api/lambang', { version: S.version, png });
  if (r.status === 200) {
    applyReply(r.data);
    setAt('kop.lambang', 'lambang.png');
    renderTab();
    toast('Lambang diganti; halaman menyusul.');
  } else if (r.status === 409) {
    toast('Data laporan ini diubah di tab lain; dimuat ulang. Unggah lagi.', true); await loadBundle();
  } else fieldMessage('kop.lambang', r.status === 422 && r.data.error ? r.data.error : `lambang tidak diterima: ${why(r)}`, 'error', r.data.error);
}

function tabAnggaran(f) {
  const sas = (S.bundle.sasaran || []).map(s => [s.id, s.id]);
  const prog = (S.bundle.program || []).map(p => [p.id, `${p.id}: ${p.nama}`.slice(0, 60)]);
  const rows = (S.bundle.anggaran || []).map((a, i) => {
    const b = `anggaran[${i}]`;
    return h('tr', { 'data-row': b },
      h('td', {}, field(`${b}.sasaran`, 'select', { options: sas })),
      h('td', {}, field(`${b}.program`, 'select', { options: prog, optional: true, none: '(seluruh sasaran)' })),
      h('td', {}, field(`${b}.alokasi`, 'num', { class: 'money' })),
      h('td', {}, field(`${b}.realisasi`, 'num', { class: 'money' })),
      h('td', { class: 'c-out', 'data-porsi': i }), h('td', { class: 'c-out', 'data-serapan': i }),
      h('td', {}, h('button', { type: 'button', class: 'x', onclick: () => removeItem('anggaran', i) }, '×')));
  });
  f.append(section('Anggaran per sasaran dan program',
    h('p', { class: 'hint' }, 'Rupiah tanpa titik ribuan (2135244834) atau dengan ("2.135.244.834,00"). Porsi dan serapan dihitung.'),
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Sasaran', 'Program', 'Alokasi (Rp)', 'Realisasi (Rp)', 'Porsi', 'Serapan', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { colspan: 2 }, 'Jumlah'), h('th', { 'data-fig': 'anggaran.total' }), h('th', { 'data-fig': 'anggaran.realisasi' }), h('th', {}), h('th', { 'data-fig': 'anggaran.serapan' }), h('th', {}))))),
    h('button', { type: 'button', onclick: () => addItem('anggaran', '') }, '+ Baris anggaran')));
}

function tabPegawai(f) {
  const rows = ((S.bundle.pegawai || {}).per_tahun || []).map((p, i) => {
    const b = `pegawai.per_tahun[${i}]`;
    return h('tr', {},
      h('td', {}, field(`${b}.tahun`, 'num', { class: 'short' })),
      ['I', 'II', 'III', 'IV'].map(g => h('td', {}, field(`${b}.pns.${g}`, 'num', { class: 'short' }))),
      h('td', {}, field(`${b}.pppk`, 'num', { class: 'short' })),
      h('td', { class: 'c-out', 'data-pegawai': numText(p.tahun) }),
      h('td', {}, h('button', { type: 'button', class: 'x', onclick: () => removeItem('pegawai.per_tahun', i) }, '×')));
  });
  f.append(section('Pegawai per tahun dan golongan',
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Tahun', 'Gol. I', 'Gol. II', 'Gol. III', 'Gol. IV', 'PPPK', 'Jumlah', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, rows))),
    h('button', { type: 'button', onclick: addYear }, '+ Tahun'),
    h('p', { class: 'hint' }, 'Rincian pegawai (pendidikan, jabatan …) dan aset: tab Semua Data.')));
}
function addYear() {
  const list = (S.bundle.pegawai || {}).per_tahun || [];
  const last = clone(list[list.length - 1]) || { tahun: Number(numText(S.bundle.laporan.tahun)), pns: { I: 0, II: 0, III: 0, IV: 0 } };
  last.tahun = Number(numText(last.tahun)) + (list.length ? 1 : 0);
  edit(`pegawai.per_tahun[${list.length}]`, last);
  renderTab();
}

// ---------- organisation (struktur organisasi) ----------
// The units as a tree (by induk), in the order of organisasi.unit among siblings. Moving
// a unit under one of its own descendants (or itself) is refused here at once; the server
// reports a cycle typed elsewhere (Semua Data) as lkjip check does.
const JENIS = [['kepala', 'Kepala'], ['sekretariat', 'Sekretariat'], ['subbagian', 'Sub Bagian'], ['bidang', 'Bidang'],
  ['subbidang', 'Sub Bidang'], ['seksi', 'Seksi'], ['upt', 'Unit Pelaksana Teknis'], ['kelurahan', 'Kelurahan'], ['desa', 'Desa'],
  ['staf_ahli', 'Staf Ahli'], ['inspektur_pembantu', 'Inspektur Pembantu'], ['fungsional', 'Kelompok Jabatan Fungsional'], ['lainnya', 'Unit lainnya']];
const CHILD_JENIS = { kepala: 'bidang', sekretariat: 'subbagian', bidang: 'seksi', subbidang: 'seksi', inspektur_pembantu: 'lainnya' };
function units() { return ((S.bundle.organisasi || {}).unit) || []; }
// Ids of `id` and every unit below it.
function descendants(id) {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units()) if (u.induk && out.has(u.induk) && !out.has(u.id)) { out.add(u.id); grew = true; }
  }
  return out;
}
function unitName(id) { const u = units().find(x => x.id === id); return u ? u.nama : id; }
function reparent(i, induk, select) {
  const u = units()[i];
  if (induk && descendants(u.id).has(induk)) {
    select.value = u.induk || '';
    const why = induk === u.id ? `${u.nama} tidak bisa menjadi induknya sendiri.` : `${unitName(induk)} berada di bawah ${u.nama}: memindahkannya ke sana membuat lingkaran.`;
    fieldMessage(`organisasi.unit[${i}].induk`, why, 'error');
    toast(`Ditolak: ${why}`, true);
    return;
  }
  edit(`organisasi.unit[${i}].induk`, induk || undefined);
  renderTab();
}
function freshUnitId(nama) {
  const base = (nama || 'unit').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'unit';
  const used = new Set(units().map(u => u.id));
  if (!used.has(base)) return base;
  let n = 2; while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
function addUnit(induk) {
  const list = units();
  const parent = list.find(u => u.id === induk);
  const jenis = parent ? (CHILD_JENIS[parent.jenis] || 'lainnya') : (list.length ? 'lainnya' : 'kepala');
  const nama = `${(JENIS.find(j => j[0] === jenis) || [0, 'Unit'])[1]} Baru`;
  const unit = { id: freshUnitId(nama), nama, jenis };
  if (induk) unit.induk = induk;
  unit.tugas = [{ p: `${nama} mempunyai tugas …` }];
  // After the parent's last descendant, so the new unit is printed under its siblings.
  let at = list.length;
  if (induk) {
    const below = descendants(induk);
    for (let k = list.length - 1; k >= 0; k--) if (below.has(list[k].id)) { at = k + 1; break; }
  }
  const next = clone(list); next.splice(at, 0, unit);
  if (!S.bundle.organisasi) edit('organisasi', { unit: next }); else edit('organisasi.unit', next);
  S.openUnit = unit.id;
  renderTab();
  setTimeout(() => focusPath(`organisasi.unit[${at}].nama`), 0);
}
function removeUnit(i) {
  const u = units()[i];
  const kids = units().filter(x => x.induk === u.id);
  if (kids.length) { toast(`${u.nama} masih membawahi ${kids.map(k => k.nama).join(', ')}: pindahkan atau hapus dulu unit di bawahnya.`, true); return; }
  removeItem('organisasi.unit', i);
}
// Swap unit i with its previous (d = -1) or next (d = 1) sibling in the list order.
function moveUnit(i, d) {
  const list = units();
  const u = list[i];
  const sib = list.map((x, k) => [x, k]).filter(([x]) => (x.induk || '') === (u.induk || '')).map(([, k]) => k);
  const j = sib[sib.indexOf(i) + d];
  if (j === undefined) return;
  const next = clone(list);
  [next[i], next[j]] = [next[j], next[i]];
  edit('organisasi.unit', next);
  renderTab();
}
function unitNode(u, i, depth, sibs) {
  const list = units();
  const p = `organisasi.unit[${i}]`;
  const blocked = descendants(u.id);
  const indukSel = h('select', { 'data-path': `${p}.induk`, title: 'Unit atasan' },
    h('option', { value: '' }, '— tanpa atasan (pimpinan) —'),
    list.filter(x => x.id !== u.id).map(x => h('option', { value: x.id }, (blocked.has(x.id) ? '⛔ ' : '') + x.nama)));
  indukSel.value = u.induk || '';
  indukSel.addEventListener('change', () => reparent(i, indukSel.value, indukSel));
  const pos = sibs.indexOf(i);
  const kids = list.map((x, k) => [x, k]).filter(([x]) => x.induk === u.id);
  const tugas = h('details', { class: 'tugas', open: S.openUnit === u.id ? true : null },
    h('summary', {}, `Tugas dan fungsi (${(u.tugas || []).length} blok)`));
  tugas.addEventListener('toggle', () => { if (tugas.open && !tugas.dataset.filled) { tugas.dataset.filled = 1; tugas.append(blocksEditor(`${p}.tugas`, '')); showProblems(); } });
  if (tugas.open) { tugas.dataset.filled = 1; tugas.append(blocksEditor(`${p}.tugas`, '')); }
  return h('div', { class: 'org-unit', 'data-unit': u.id, 'data-row': p },
    h('div', { class: 'org-head' },
      field(`${p}.nama`, 'text', { class: 'org-name', title: 'Nama unit' }),
      field(`${p}.jenis`, 'select', { options: JENIS }),
      h('label', { class: 'inline' }, 'di bawah ', indukSel),
      h('span', { class: 'tools' },
        h('button', { type: 'button', title: 'Naikkan', 'data-up': u.id, disabled: pos <= 0, onclick: () => moveUnit(i, -1) }, '↑'),
        h('button', { type: 'button', title: 'Turunkan', 'data-down': u.id, disabled: pos >= sibs.length - 1, onclick: () => moveUnit(i, 1) }, '↓'),
        h('button', { type: 'button', title: 'Tambah unit di bawah unit ini', 'data-add': u.id, onclick: () => addUnit(u.id) }, '+ Sub-unit'),
        h('button', { type: 'button', class: 'x', title: 'Hapus unit ini', onclick: () => removeUnit(i) }, '×'))),
    tugas,
    kids.length ? h('div', { class: 'org-kids' }, kids.map(([x, k]) => unitNode(x, k, depth + 1, kids.map(([, kk]) => kk)))) : null);
}
function tabOrganisasi(f) {
  const o = S.bundle.organisasi || {};
  f.append(h('p', { class: 'hint' }, 'Struktur organisasi sebagai pohon: ubah nama dan jenis, pilih unit atasan (“di bawah”), ↑ ↓ mengubah urutan di antara unit yang satu atasan. Bagan organisasi di laporan mengikuti.'));
  const list = units();
  const ids = new Set(list.map(u => u.id));
  const roots = list.map((u, k) => [u, k]).filter(([u]) => !u.induk || !ids.has(u.induk) || u.induk === u.id);
  const tree = h('div', { class: 'org', 'data-path': 'organisasi.unit' }, roots.map(([u, k]) => unitNode(u, k, 0, roots.map(([, kk]) => kk))));
  // A cycle typed elsewhere leaves units unreachable from a root: list them so they can be fixed.
  const shown = new Set(); for (const [u] of roots) for (const d of descendants(u.id)) shown.add(d);
  const lost = list.map((u, k) => [u, k]).filter(([u]) => !shown.has(u.id));
  f.append(section('Unit organisasi', tree,
    lost.length ? h('div', { class: 'org-lost' }, h('p', { class: 'msg error' }, 'Unit berikut saling menjadi atasan (lingkaran); pilih atasan lain untuk salah satunya:'), lost.map(([u, k]) => unitNode(u, k, 0, [k]))) : null,
    h('button', { type: 'button', onclick: () => addUnit(null) }, '+ Unit tanpa atasan')));
  f.append(section('Tugas pokok dan fungsi instansi',
    field('organisasi.tugas_pokok', 'area', { label: 'Tugas pokok', wide: true, rows: 2 }),
    (o.fungsi || []).every(x => typeof x === 'string')
      ? field('organisasi.fungsi', 'lines', { label: 'Fungsi (satu per baris)', wide: true, rows: 5 })
      : h('button', { type: 'button', onclick: () => openAll('organisasi.fungsi') }, 'Fungsi (berformat): sunting di Semua Data')));
  if (o.pembuka !== undefined) f.append(blocksEditor('organisasi.pembuka', 'Pembuka (sebelum tugas pokok)'));
  if (o.pengantar_unit !== undefined) f.append(blocksEditor('organisasi.pengantar_unit', 'Pengantar struktur organisasi'));
}

// ---------- statistics (statistik) ----------
// Periods as columns, series as rows (the values the agency keeps), rates as a formula
// picked from the series (pembilang ÷ penyebut × pengali) with the computed values beside.
const PENGALI = [['1', '× 1'], ['100', '× 100 (persen)'], ['1000', '× 1.000 (per mil)'], ['10000', '× 10.000'], ['100000', '× 100.000']];
function statPeriods() { return ((S.bundle.statistik || {}).periode) || []; }
function addPeriod() {
  const ps = statPeriods();
  const last = ps[ps.length - 1];
  const year = last ? Number(numText(last.tahun)) + 1 : Number(numText(S.bundle.laporan.tahun));
  let id = String(year); let n = 2;
  while (ps.some(p => p.id === id)) id = `${year}-${n++}`;
  const p = { id, label: String(year), tahun: year };
  if (!S.bundle.statistik) edit('statistik', { periode: [p], seri: [] });
  else edit(`statistik.periode[${ps.length}]`, p);
  renderTab();
}
function removePeriod(j) {
  const p = statPeriods()[j];
  const used = (S.bundle.statistik.seri || []).filter(s => s.nilai && s.nilai[p.id] !== undefined).length;
  if (!confirm(`Hapus periode ${p.label}?` + (used ? ` ${used} nilai pada periode ini ikut terhapus.` : ''))) return;
  const st = clone(S.bundle.statistik);
  st.periode.splice(j, 1);
  for (const s of st.seri || []) if (s.nilai) delete s.nilai[p.id];
  for (const t of st.tabel || []) if (Array.isArray(t.periode)) t.periode = t.periode.filter(x => x !== p.id);
  edit('statistik', st);
  renderTab();
}
function addSeries() {
  const st = S.bundle.statistik || {};
  const list = st.seri || [];
  const used = new Set([...list.map(s => s.id), ...(st.laju || []).map(l => l.id)]);
  let n = list.length + 1; while (used.has(`seri_${n}`)) n++;
  edit(`statistik.seri[${list.length}]`, { id: `seri_${n}`, nama: 'Data baru', satuan: '', nilai: {} });
  renderTab();
}
function addRate() {
  const st = S.bundle.statistik || {};
  const list = st.laju || [];
  const seri = st.seri || [];
  const used = new Set([...seri.map(s => s.id), ...list.map(l => l.id)]);
  let n = list.length + 1; while (used.has(`laju_${n}`)) n++;
  const item = { id: `laju_${n}`, nama: 'Laju baru', satuan: '%', pembilang: seri[0] ? seri[0].id : '', penyebut: seri[1] ? seri[1].id : (seri[0] ? seri[0].id : ''), pengali: 100 };
  edit(`statistik.laju[${list.length}]`, item);
  renderTab();
}
function pengaliPicker(path) {
  const v = numText(getAt(path));
  const e = h('select', { 'data-path': path, title: 'Pengali' }, PENGALI.map(([val, l]) => h('option', { value: val }, l)));
  e.value = v;
  if (e.value !== v) { e.append(h('option', { value: v }, `× ${v}`)); e.value = v; }
  e.addEventListener('change', () => edit(path, numValue(e.value)));
  return e;
}
// A period's code: renamed in every value keyed by it, in the tables' column lists, and
// in the {{ data.kode }} quotations of the texts.
function renamePeriod(j, input) {
  const st = clone(S.bundle.statistik);
  const old = st.periode[j].id;
  const now = input.value.trim();
  const bad = why => { input.value = old; fieldMessage(`statistik.periode[${j}].id`, why, 'error'); toast(`Kode periode tidak diganti: ${why}`, true); };
  if (now === old) return;
  if (!/^[A-Za-z0-9_-]+$/.test(now)) return bad('kode hanya huruf, angka, - dan _ (tanpa spasi atau titik), karena dipakai di {{ data.kode }}');
  if (st.periode.some(p => p.id === now)) return bad(`kode ${now} sudah dipakai periode lain`);
  st.periode[j].id = now;
  for (const s of st.seri || []) {
    if (!s.nilai || !(old in s.nilai)) continue;
    const nilai = {};
    for (const [k, v] of Object.entries(s.nilai)) nilai[k === old ? now : k] = v;
    s.nilai = nilai;
  }
  for (const t of st.tabel || []) if (Array.isArray(t.periode)) t.periode = t.periode.map(x => x === old ? now : x);
  edit('statistik', st);
  const ids = statIds().map(x => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const quote = new RegExp(`(\\{\\{\\s*(?:${ids.join('|')})\\.)${old.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\}\\})`, 'g');
  let n = 0;
  const fix = v => {
    if (typeof v === 'string') return v.replace(quote, (m, a, b) => { n++; return a + now + b; });
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object' && !isRaw(v)) { const o = {}; for (const [k, x] of Object.entries(v)) o[k] = fix(x); return o; }
    return v;
  };
  for (const k of Object.keys(S.bundle)) {
    if (k === 'statistik' || ids.length === 0) continue;
    const before = n;
    const next = fix(S.bundle[k]);
    if (n > before) edit(k, next);
  }
  renderTab();
  toast(`Kode periode ${old} menjadi ${now}` + (n ? `; ${n} kutipan {{ … }} di teks ikut diganti.` : '.'));
}
function periodCode(j, id) {
  const e = h('input', { type: 'text', class: 'short code', value: id, 'data-path': `statistik.periode[${j}].id`, title: 'Kode periode, dipakai di {{ data.kode }}; diganti di semua nilai dan kutipan' });
  e.addEventListener('change', () => renamePeriod(j, e));
  e.addEventListener('keydown', ev => { if (ev.key === 'Enter') e.blur(); });
  return e;
}
// Identities: a series that must equal the sum of others (a difference is a warning).
function identitasSection(st) {
  const seri = st.seri || [];
  const opts = seri.map(s => [s.id, s.nama]);
  const rows = (st.identitas || []).map((it, i) => {
    const b = `statistik.identitas[${i}]`;
    const jumlah = Array.isArray(it.jumlah) ? it.jumlah : [];
    const parts = jumlah.map((id, k) => h('span', { class: 'part' }, k ? h('span', { class: 'op' }, '+') : null,
      field(`${b}.jumlah[${k}]`, 'select', { options: opts }),
      h('button', { type: 'button', class: 'x', title: 'Keluarkan dari penjumlahan', onclick: () => { const l = clone(jumlah); l.splice(k, 1); edit(`${b}.jumlah`, l); renderTab(); } }, '×')));
    const add = h('select', { title: 'Tambah data yang dijumlahkan', 'data-add-part': i },
      h('option', { value: '' }, jumlah.length ? '+ tambah…' : 'pilih data yang dijumlahkan…'),
      opts.filter(([v]) => v !== it.seri && !jumlah.includes(v)).map(([v, l]) => h('option', { value: v }, l)));
    add.addEventListener('change', () => { if (add.value) { edit(`${b}.jumlah`, [...jumlah, add.value]); renderTab(); } });
    return h('tr', { 'data-row': b },
      h('td', {}, field(`${b}.seri`, 'select', { options: opts })),
      h('td', { class: 'op' }, '='),
      h('td', { class: 'parts' }, parts, add),
      h('td', {}, h('button', { type: 'button', class: 'x', title: 'Hapus identitas ini', onclick: () => removeItem('statistik.identitas', i) }, '×')));
  });
  const addIdentity = () => {
    const list = st.identitas || [];
    const item = { seri: seri[0] ? seri[0].id : '', jumlah: [] };
    if (!Array.isArray(st.identitas)) edit('statistik.identitas', [item]); else edit(`statistik.identitas[${list.length}]`, item);
    renderTab();
  };
  return section('Identitas (jumlah yang harus sama)',
    h('p', { class: 'hint' }, 'Data di kiri harus sama dengan jumlah data di kanan pada setiap periode (misalnya Angkatan Kerja = Bekerja + Penganggur). Selisih ditandai sebagai peringatan.'),
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid stat ident' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Data (jumlah)'), h('th', {}, ''), h('th', {}, 'sama dengan jumlah dari'), h('th', {}, ''))),
      h('tbody', {}, rows))),
    seri.length ? h('button', { type: 'button', onclick: addIdentity }, '+ Identitas') : null);
}
function tabStatistik(f) {
  const st = S.bundle.statistik;
  f.append(h('p', { class: 'hint' }, 'Data statistik instansi (tabel konteks di BAB I dan dasar “Realisasi dari” pada indikator). Isi nilai per periode; laju (TPT, AKI …) dihitung dari rumusnya. Angka dikutip di narasi sebagai {{ id.periode }}.'));
  if (!st) {
    f.append(section('Statistik', h('p', { class: 'muted' }, 'Data laporan ini belum memuat statistik.'), h('button', { type: 'button', onclick: addPeriod }, '+ Mulai dengan satu periode')));
    return;
  }
  const ps = st.periode || [];
  f.append(section('Periode (kolom)',
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid' },
      h('thead', {}, h('tr', {}, ['Kode', 'Label di tabel', 'Tahun', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, ps.map((p, j) => h('tr', {},
        h('td', {}, periodCode(j, p.id)),
        h('td', {}, field(`statistik.periode[${j}].label`, 'text')),
        h('td', {}, field(`statistik.periode[${j}].tahun`, 'num', { class: 'short' })),
        h('td', {}, h('button', { type: 'button', class: 'x', title: 'Hapus periode ini', onclick: () => removePeriod(j) }, '×'))))))),
    h('button', { type: 'button', onclick: addPeriod }, '+ Periode')));
  const head = h('tr', {}, h('th', { class: 'sticky c-name' }, 'Data'), h('th', {}, 'Satuan'), ps.map(p => h('th', {}, p.label)), h('th', {}, ''));
  const rows = (st.seri || []).map((s, i) => {
    const b = `statistik.seri[${i}]`;
    return h('tr', { 'data-row': b },
      h('td', { class: 'sticky c-name' }, field(`${b}.nama`, 'text'), h('small', { class: 'muted', title: 'Kode data (tetap)' }, s.id)),
      h('td', {}, field(`${b}.satuan`, 'text', { class: 'short', optional: true })),
      ps.map(p => h('td', {}, field(`${b}.nilai.${p.id}`, 'num'))),
      h('td', {}, h('button', { type: 'button', class: 'x', title: 'Hapus data ini', onclick: () => removeItem('statistik.seri', i) }, '×')));
  });
  f.append(section('Data per periode',
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid stat' }, h('thead', {}, head), h('tbody', {}, rows))),
    h('button', { type: 'button', onclick: addSeries }, '+ Data')));
  const seriOpts = (st.seri || []).map(s => [s.id, s.nama]);
  // Two rows per rate: names and the computed values, then its formula (one row would not
  // fit the values in view at 1366 px).
  const lrows = (st.laju || []).map((l, i) => {
    const b = `statistik.laju[${i}]`;
    return [h('tr', { 'data-row': b, class: 'laju' },
      h('td', { class: 'sticky c-name', rowspan: 2 }, field(`${b}.nama`, 'area', { rows: 2 }), h('small', { class: 'muted' }, l.id)),
      h('td', {}, field(`${b}.singkatan`, 'text', { class: 'short', optional: true })),
      h('td', {}, field(`${b}.satuan`, 'text', { class: 'short' })),
      ps.map(p => h('td', { class: 'c-out', 'data-fig': `${l.id}.${p.id}` })),
      h('td', { rowspan: 2 }, h('button', { type: 'button', class: 'x', title: 'Hapus laju ini', onclick: () => removeItem('statistik.laju', i) }, '×'))),
    h('tr', { class: 'laju-rumus' },
      h('td', { class: 'formula', colspan: 2 + ps.length }, h('span', { class: 'muted' }, 'Rumus: '),
        field(`${b}.pembilang`, 'select', { options: seriOpts }), h('span', { class: 'op' }, '÷'),
        field(`${b}.penyebut`, 'select', { options: seriOpts }), pengaliPicker(`${b}.pengali`)))];
  });
  f.append(section('Laju (dihitung)',
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid stat' },
      h('thead', {}, h('tr', {}, h('th', { class: 'sticky c-name' }, 'Laju'), h('th', {}, 'Singkatan'), h('th', {}, 'Satuan'), ps.map(p => h('th', {}, p.label)), h('th', {}, ''))),
      h('tbody', {}, lrows))),
    h('button', { type: 'button', onclick: addRate }, '+ Laju')));
  f.append(identitasSection(st));
  f.append(h('p', { class: 'hint' }, 'Susunan tabel konteks (baris, rincian, kolom periode): tab Semua Data, bagian statistik.'));
}

// Everything else: a generic editor of the bundle, so that every field is reachable.
function tabSemua(f) {
  const keys = Object.keys(S.bundle);
  if (!S.allKey || !(S.allKey in S.bundle)) S.allKey = keys.includes('organisasi') ? 'organisasi' : keys[0];
  const nav = h('div', { class: 'keys' }, keys.map(k => h('button', { type: 'button', class: k === S.allKey ? 'on' : '', onclick: () => { S.allKey = k; renderTab(); } }, k)));
  const body = h('div', { class: 'tree' });
  body.append(node(S.allKey, S.bundle[S.allKey], S.allKey, 0));
  f.append(h('p', { class: 'hint' }, 'Semua isi data laporan, apa adanya. Daftar: tambah (salinan butir terakhir), ↑ ↓ untuk urutan, × untuk hapus.'), h('div', { class: 'split all' }, nav, body));
}
function summaryOf(v, i) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const s = v.id || v.nama || v.judul || v.narasi || v.komponen || v.p || v.hapus || v.sisip && v.sisip.id;
    if (typeof s === 'string') return `${i + 1}. ${s.slice(0, 70)}`;
  }
  if (typeof v === 'string') return `${i + 1}. ${v.slice(0, 70)}`;
  return `${i + 1}.`;
}
function node(label, v, path, depth) {
  if (Array.isArray(v)) {
    const box = h('details', { open: depth < 1 || v.length <= 3 ? true : null, 'data-path': path, class: 'arr' }, h('summary', {}, `${label} (${v.length})`));
    v.forEach((item, i) => {
      const p = join(path, i);
      const tools = h('span', { class: 'tools' },
        h('button', { type: 'button', onclick: () => moveItem(path, i, -1) }, '↑'), h('button', { type: 'button', onclick: () => moveItem(path, i, 1) }, '↓'),
        h('button', { type: 'button', class: 'x', onclick: () => removeItem(path, i) }, '×'));
      if (item !== null && typeof item === 'object' && !isRaw(item)) {
        const d = node(summaryOf(item, i), item, p, depth + 1);
        d.querySelector('summary').append(tools);
        box.append(d);
      } else box.append(h('div', { class: 'leaf' }, h('span', { class: 'k' }, `${i + 1}.`), leaf(item, p), tools));
    });
    box.append(h('button', { type: 'button', onclick: () => { edit(join(path, v.length), v.length ? blank(clone(v[v.length - 1])) : ''); renderTab(); } }, `+ tambah ke ${label}`));
    return box;
  }
  if (v !== null && typeof v === 'object' && !isRaw(v)) {
    const box = h('details', { open: depth < 2 ? true : null, 'data-path': path }, h('summary', {}, label));
    for (const [k, x] of Object.entries(v)) {
      const p = join(path, k);
      if (x !== null && typeof x === 'object' && !isRaw(x)) box.append(node(k, x, p, depth + 1));
      else box.append(h('div', { class: 'leaf' }, h('span', { class: 'k' }, k), leaf(x, p),
        h('button', { type: 'button', class: 'x', title: 'Hapus isian ini', onclick: () => { edit(p, undefined); renderTab(); } }, '×')));
    }
    const name = h('input', { type: 'text', placeholder: 'nama isian baru', class: 'short' });
    box.append(h('div', { class: 'add' }, name, h('button', { type: 'button', onclick: () => { if (name.value.trim()) { edit(join(path, name.value.trim()), ''); renderTab(); } } }, '+ isian')));
    return box;
  }
  return h('div', { class: 'leaf' }, h('span', { class: 'k' }, label), leaf(v, path));
}
function blank(v) {
  if (typeof v === 'string') return '';
  if (Array.isArray(v)) return [];
  if (v && typeof v === 'object' && !isRaw(v)) { for (const k of Object.keys(v)) v[k] = blank(v[k]); return v; }
  return v;
}
function leaf(v, path) {
  if (typeof v === 'boolean') return field(path, 'check');
  if (typeof v === 'number' || isRaw(v)) return field(path, 'num');
  if (typeof v === 'string' && v.length > 60) return field(path, 'area', { rows: 2 });
  return field(path, 'text');
}
function openAll(path) {
  const top = segs(path)[0];
  S.allKey = top; S.tab = 'semua'; renderTab();
  focusPath(path);
}

// Where a field is, in words ("Sasaran S1 › Indikator IKU1 › Realisasi 2021"), for the
// list of problems; the JSON path stays in the link's title.
const KEY_LABEL = {
  laporan: 'Laporan', instansi: 'Instansi', kop: 'Kop surat', pejabat: 'Pejabat', penandatangan: 'Penandatangan',
  surat_pengantar: 'Surat pengantar', tata_letak: 'Tata letak', kata_pengantar: 'Kata pengantar', ikhtisar: 'Ikhtisar eksekutif',
  pembuka: 'pembuka', penutup: 'penutup', narasi: 'Narasi', sasaran: 'Sasaran', tujuan: 'Tujuan', indikator: 'Indikator',
  target: 'Target', realisasi: 'Realisasi', nasional: 'Nilai nasional', target_renstra: 'Target Renstra', satuan: 'Satuan',
  polaritas: 'Polaritas', realisasi_dari: 'Realisasi dari', nama: 'Nama', id: 'Kode', anggaran: 'Anggaran', alokasi: 'Alokasi',
  pegawai: 'Pegawai', per_tahun: 'per tahun', organisasi: 'Organisasi', unit: 'Unit', induk: 'Atasan', jenis: 'Jenis',
  tugas: 'Tugas', statistik: 'Statistik', seri: 'Data', laju: 'Laju', periode: 'Periode', identitas: 'Identitas',
  jumlah: 'Dijumlahkan', pembilang: 'Pembilang', penyebut: 'Penyebut', pengali: 'Pengali', kerangka: 'Susunan',
  ubah: 'Perubahan', program: 'Program', aset: 'Aset', visi: 'Visi', misi: 'Misi', landasan_hukum: 'Landasan hukum',
  lambang: 'Lambang', tanggal: 'Tanggal', nomor: 'Nomor', tahun: 'Tahun', label: 'Label', list: 'Daftar', items: 'butir',
  table: 'Tabel', baris: 'baris', analisis: 'Analisis', penyebab: 'Penyebab', efisiensi: 'Efisiensi', draf: 'Draf',
};
const NAME_FIRST = new Set(['seri', 'laju', 'unit', 'pejabat', 'program', 'aset']);
function pathLabel(path) {
  const ss = segs(path);
  const out = [];
  let v = S.bundle;
  for (let k = 0; k < ss.length; k++) {
    const s = ss[k];
    v = v !== null && typeof v === 'object' && !isRaw(v) ? v[s] : undefined;
    if (typeof s === 'number') {
      const named = v !== null && typeof v === 'object' && !Array.isArray(v) && !isRaw(v)
        ? (NAME_FIRST.has(ss[k - 1]) ? v.nama || v.id : v.id || v.nama || v.judul || v.label) : null;
      const it = typeof named === 'string' && named.length <= 40 ? named : `no. ${s + 1}`;
      if (out.length) out[out.length - 1] += ' ' + it; else out.push(it);
    } else if (ss[k - 1] === 'nilai' && ss[0] === 'statistik') {
      const per = statPeriods().find(p => p.id === s);
      out.push(per ? per.label : s);
    } else if (/^\d{4}$/.test(s) && out.length) {
      out[out.length - 1] += ' ' + s;
    } else if (s !== 'nilai' && s !== 'p') {
      out.push(KEY_LABEL[s] || s.replace(/_/g, ' '));
    }
  }
  return out.join(' › ');
}

function tabMasalah(f) {
  showProblemList(S.problems, f);
}
function showProblemList(problems, f) {
  f = f || $('#form');
  if (S.tab !== 'masalah' && !f.isConnected) return;
  const box = h('section', { class: 'card' }, h('h2', {}, problems.length ? `Masalah (${problems.length})` : 'Tidak ada masalah'));
  const ul = h('ul', { class: 'problems' });
  for (const p of problems) {
    ul.append(h('li', { class: p.severity },
      h('span', { class: 'sev' }, p.severity === 'error' ? 'galat' : p.severity === 'warning' ? 'peringatan' : 'catatan'),
      h('a', { href: '#', title: p.path, onclick: e => { e.preventDefault(); goTo(p.path); } }, p.path ? pathLabel(p.path) : '(seluruh data)'),
      h('span', {}, ' ', p.message)));
  }
  box.append(ul);
  if (S.tab === 'masalah') { f.innerHTML = ''; f.append(box); }
}

// ---------- computed cells, messages ----------
function refreshComputed() {
  const F = S.figures;
  document.body.classList.toggle('stale', !!S.stale);
  document.querySelectorAll('[data-capaian]').forEach(td => {
    const id = td.dataset.capaian;
    const v = fig(`${id}.capaian`);
    td.textContent = v === undefined ? '–' : v;
  });
  document.querySelectorAll('[data-predikat]').forEach(td => {
    const id = td.dataset.predikat;
    const v = fig(`${id}.kategori`);
    td.textContent = v === undefined ? '–' : v;
    td.className = 'c-out predikat ' + (v ? 'p-' + v.toLowerCase().replace(/\s+/g, '-') : '');
  });
  document.querySelectorAll('[data-porsi]').forEach(td => {
    const a = (S.bundle.anggaran || [])[Number(td.dataset.porsi)];
    const f = a && F && F.anggaran ? F.anggaran.find(x => x.sasaran === a.sasaran) : null;
    let porsi, serapan;
    if (f && a.program) { const p = (f.program || []).find(x => x.program === a.program); porsi = p && p.porsi; serapan = p && p.serapan; }
    else if (f) { porsi = f.porsi; serapan = f.serapan; }
    td.textContent = porsi != null ? dec2(porsi) + ' %' : '–';
    const s = td.parentNode.querySelector('[data-serapan]');
    if (s) s.textContent = serapan != null ? dec2(serapan) + ' %' : '–';
  });
  document.querySelectorAll('[data-fig]').forEach(td => { td.textContent = fig(td.dataset.fig) ?? '–'; });
  // Amounts typed without thousands separators, shown with them under the field.
  document.querySelectorAll('input.money').forEach(e => {
    let s = e.parentNode.querySelector(':scope > .grouped');
    if (!s) { s = h('div', { class: 'grouped' }); e.after(s); e.addEventListener('input', refreshComputed); }
    const m = e.value.trim().match(/^(\d+)(?:\.(\d+))?$/);
    const lama = S.bundle.tata_letak && S.bundle.tata_letak.rupiah === 'lama';
    const g = m ? m[1].replace(/\B(?=(\d{3})+(?!\d))/g, '.') : '';
    s.textContent = !m ? '' : lama ? `Rp. ${g},${m[2] || '-'}` : `Rp${g}${m[2] ? ',' + m[2] : ''}`;
  });
  document.querySelectorAll('[data-pegawai]').forEach(td => {
    const p = F && F.pegawai ? F.pegawai.find(x => String(x.tahun) === td.dataset.pegawai) : null;
    td.textContent = p ? String(p.jumlah) : '–';
  });
}

function findField(path) {
  let p = path;
  while (p) {
    const e = document.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (e) return e;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}
// local: a message of the page itself about what it did not send (a date that does not
// exist); it stays until that field is typed in again, through the server's replies.
function fieldMessage(path, message, severity, detail, local) {
  const e = findField(path);
  if (!e) return false;
  const holder = e.closest('td, label.field, .leaf, .block, .org-head') || e.parentNode;
  const kind = local ? '.msgs.local' : '.msgs:not(.local)';
  let box = holder.querySelector(`:scope > ${kind}`);
  if (!box) { box = h('div', { class: local ? 'msgs local' : 'msgs' }); holder.append(box); }
  box.append(h('div', { class: 'msg ' + severity, title: detail ? `${path}: ${detail}` : path }, message));
  if (e.matches('input, select, textarea, .rich-text')) e.classList.add(severity === 'error' ? 'bad' : 'warn');
  return true;
}
function showProblems() {
  document.querySelectorAll('.msgs:not(.local)').forEach(m => m.remove());
  document.querySelectorAll('.bad, .warn').forEach(e => {
    const held = e.closest('td, label.field, .leaf, .block, .org-head');
    if (e.matches('input, select, textarea, .rich-text') && !(held && held.querySelector(':scope > .msgs.local'))) e.classList.remove('bad', 'warn');
  });
  for (const p of S.problems) if (p.severity !== 'note') fieldMessage(p.path, p.message, p.severity);
  if (S.tab === 'masalah') showProblemList(S.problems);
  updateStatus();
}

function tabOf(path) {
  const top = segs(path)[0];
  if (top === 'sasaran' && /indikator\[\d+\]\.(id|nama|satuan|polaritas|realisasi_dari|target|realisasi|target_renstra)\b/.test(path)) return 'iku';
  if (top === 'sasaran' && /^sasaran\[\d+\]\.(id|nama)$/.test(path)) return 'iku';
  if (top === 'tujuan' && /indikator\[\d+\]\.(id|nama|satuan|polaritas|realisasi_dari|target|realisasi)\b/.test(path)) return 'iku';
  if (['narasi', 'kata_pengantar', 'ikhtisar'].includes(top) || path.startsWith('surat_pengantar.isi')) return 'narasi';
  if (['laporan', 'instansi', 'kop', 'pejabat', 'penandatangan', 'surat_pengantar', 'tata_letak'].includes(top)) return 'umum';
  if (top === 'anggaran') return 'anggaran';
  if (top === 'kerangka') return 'kerangka';
  if (path.startsWith('pegawai.per_tahun')) return 'pegawai';
  if (/^organisasi\.(unit|tugas_pokok|fungsi|pembuka|pengantar_unit)\b/.test(path)) return 'organisasi';
  if (/^statistik\.(periode|seri|laju)\b/.test(path)) return 'statistik';
  return 'semua';
}
async function goTo(path) {
  const tab = tabOf(path);
  if (tab === 'semua') S.allKey = segs(path)[0] || S.allKey;
  S.tab = tab;
  await renderTabAsync();
  focusPath(path);
}
async function renderTabAsync() { renderTab(); if (S.tab === 'narasi' && !S.outline) await new Promise(r => setTimeout(r, 300)); }
function focusPath(path) {
  const e = findField(path);
  if (!e) return;
  for (let d = e.closest('details'); d; d = d.parentNode.closest('details')) d.open = true;
  e.scrollIntoView({ block: 'center' });
  if (e.focus) e.focus({ preventScroll: true });
  e.classList.add('flash'); setTimeout(() => e.classList.remove('flash'), 1200);
}

// ---------- header ----------
function updateStatus() {
  $('#file').textContent = S.file.split('/').pop();
  $('#file').title = S.file;
  const st = $('#status');
  st.textContent = S.diskChanged ? 'Berkas berubah di disk' : S.dirty ? 'Belum disimpan' : 'Tersimpan';
  st.className = 'chip ' + (S.diskChanged ? 'bad' : S.dirty ? 'warn' : 'good');
  const e = S.problems.filter(p => p.severity === 'error').length;
  const w = S.problems.filter(p => p.severity === 'warning').length;
  const c = $('#counts');
  c.textContent = `${e} galat · ${w} peringatan`;
  c.className = 'chip ' + (e ? 'bad' : w ? 'warn' : 'good');
  $('#tab-masalah').textContent = `Masalah (${e + w})`;
}
function updateButtons() {
  $('#undo').disabled = !S.undo.length;
  $('#redo').disabled = !S.redo.length;
}
function undo() {
  const u = S.undo.pop(); if (!u) return;
  S.redo.push(u);
  edit(u.path, u.before, false);
  afterUndo(u.path);
}
function redo() {
  const u = S.redo.pop(); if (!u) return;
  S.undo.push(u);
  edit(u.path, u.after, false);
  afterUndo(u.path);
}
async function afterUndo(path) {
  if (path.startsWith('kerangka')) { await settle(); await loadOutline(); }
  renderTab(); focusPath(path); updateButtons();
}
async function settle() {
  clearTimeout(S.timer);
  await flush();
  while (S.sending) await new Promise(r => setTimeout(r, 30));
}
async function save() {
  await settle();
  const r = await call('POST', '/api/save', { version: S.version });
  if (r.status === 200) {
    S.dirty = false; S.savedBefore = true; S.file = r.data.path; $('#banner').hidden = true;
    toast(`Tersimpan: ${r.data.path} (berkas sebelumnya: ${r.data.backup})` + (r.data.errors ? ` — masih ${r.data.errors} galat` : ''));
  } else if (r.status === 409 && r.data.disk_changed) {
    S.diskChanged = true;
    diskBanner();
  } else toast(`Gagal menyimpan: ${why(r)}.`, true, r.data.error);
  updateStatus();
}
function diskBanner(msg) {
  banner(msg || 'Berkas ini diubah di disk oleh program lain sejak dibuka di sini. Simpan tidak akan menimpanya.', true, [
    h('button', { type: 'button', onclick: reloadDisk }, 'Muat ulang dari disk (buang suntingan di sini)'),
    h('button', { type: 'button', onclick: () => { $('#banner').hidden = true; } }, 'Tutup')]);
}
async function reloadDisk() {
  const r = await call('POST', '/api/reload', {});
  if (r.status !== 200) { toast(`Gagal memuat ulang dari disk: ${r.status === 400 ? 'berkas ini belum pernah disimpan' : why(r)}.`, true, r.data.error); return; }
  S.diskChanged = false; S.undo = []; S.redo = [];
  await loadBundle();
  toast('Dimuat ulang dari disk.');
}
async function renderFiles() {
  await settle();
  const b = $('#render'); b.disabled = true; b.textContent = 'Membuat…';
  const r = await call('POST', '/api/render', {});
  b.disabled = false; b.textContent = 'Buat PDF + DOCX';
  if (r.status === 200) {
    toast(`Dibuat: ${r.data.pdf} (${r.data.pages} halaman) dan ${r.data.docx}`);
    $('#dl-pdf').classList.remove('disabled'); $('#dl-docx').classList.remove('disabled');
  } else if (r.data.problems) {
    toast('PDF dan DOCX belum bisa dibuat: masih ada galat. Perbaiki dulu yang ada di tab Masalah.', true);
    S.tab = 'masalah'; renderTab();
  } else toast(`Gagal membuat PDF dan DOCX: ${why(r)}.`, true, r.data.error);
}
async function openFile(input, init) {
  const file = input.files[0]; input.value = '';
  if (!file) return;
  const text = await file.text();
  let body;
  if (init) {
    const year = Number($('#init-year').value);
    if (!year) { toast('Isi dulu tahun laporan baru.', true); return; }
    body = { version: S.version, year, bundle: text };
  } else {
    let b; try { b = parseJSON(text); } catch (e) { toast(`${file.name} bukan berkas data laporan (isinya tidak terbaca sebagai JSON).`, true, e.message); return; }
    body = { version: S.version, bundle: b };
  }
  const r = await call(init ? 'POST' : 'PUT', init ? '/api/init' : '/api/bundle', body);
  if (r.status === 200) { S.undo = []; S.redo = []; $('#filemenu').hidden = true; await loadBundle(); toast(init ? `Draf tahun ${body.year}: periksa peringatan “draf”.` : `${file.name} dimuat; Simpan menulis ke ${S.file}.`); }
  else { toast(r.data.problems ? `${file.name} belum bisa dimuat: ada galat (lihat tab Masalah).` : `${file.name} tidak dimuat: ${why(r)}.`, true, r.data.error); if (r.data.problems) { S.problems = r.data.problems; S.tab = 'masalah'; renderTab(); } }
}
async function initThis() {
  const year = Number($('#init-year').value);
  if (!year) { toast('Isi dulu tahun laporan baru.', true); return; }
  await settle();
  const r = await call('POST', '/api/init', { version: S.version, year });
  if (r.status === 200) { S.undo = []; S.redo = []; $('#filemenu').hidden = true; await loadBundle(); toast(`Draf tahun ${year}: ${r.data.draf.length} nilai perlu diperbarui (peringatan “draf”). Simpan membuat ${r.data.file}.`); }
  else toast(`Draf tahun baru tidak dibuat: ${r.data.problems ? 'data laporan ini masih ada galat' : why(r)}.`, true, r.data.error);
}

// ---------- pages ----------
function onState(snap) {
  S.diskChanged = snap.disk_changed;
  if (snap.disk_changed && $('#banner').hidden) diskBanner();
  if (snap.version !== S.version && !S.sending && !S.pending.length && S.bundle) {
    // Another tab or program changed the bundle: show its state.
    loadBundle();
  }
  S.dirty = snap.dirty;
  updateStatus();
  const pages = $('#pages');
  while (pages.children.length > snap.count) pages.lastChild.remove();
  for (let k = 1; k <= snap.count; k++) {
    const hash = snap.hashes[k - 1];
    let fig = pages.children[k - 1];
    if (!fig) {
      fig = h('figure', { 'data-k': k }, h('img', { alt: `Halaman ${k}`, loading: 'lazy', decoding: 'async' }), h('figcaption', {}, k));
      pages.append(fig);
    }
    const img = fig.firstChild;
    if (fig.dataset.h !== hash) { fig.dataset.h = hash; img.src = `/api/pages/${k}.svg?h=${hash}`; }
  }
  $('#pageinfo').textContent = `${snap.count} halaman` + (snap.layouts > 1 && snap.changed.length ? ` · ${snap.changed.length} berubah dalam ${snap.ms} ms` : '');
  // The studio's own note (Indonesian) as it is; a layout failure's words (typst's, in
  // English) in the tooltip.
  const own = snap.error && snap.error.startsWith('halaman');
  $('#pageerr').textContent = snap.error ? ' · ' + (own ? snap.error : 'halaman belum bisa disusun ulang; yang tampil adalah susunan terakhir') : '';
  $('#pageerr').title = snap.error && !own ? snap.error : '';
  $('#pageerr').className = snap.error ? 'bad' : '';
  if (snap.focus && snap.layouts > 1 && snap.changed.length) {
    const fig = pages.children[snap.focus - 1];
    if (fig) {
      const pane = $('#right');
      const top = fig.offsetTop - pages.offsetTop;
      pane.scrollTo({ top, behavior: 'smooth' });
      fig.classList.add('changed'); setTimeout(() => fig.classList.remove('changed'), 1500);
    }
  }
}

function start() {
  // Enter in a rich text editor makes a <p>, read back as a bundle paragraph.
  document.execCommand('defaultParagraphSeparator', false, 'p');
  document.querySelectorAll('#tabs button').forEach(b => b.addEventListener('click', () => { S.tab = b.dataset.tab; renderTab(); }));
  $('#counts').addEventListener('click', () => { S.tab = 'masalah'; renderTab(); });
  $('#undo').addEventListener('click', undo);
  $('#redo').addEventListener('click', redo);
  $('#save').addEventListener('click', save);
  $('#render').addEventListener('click', renderFiles);
  $('#menu').addEventListener('click', () => { $('#filemenu').hidden = !$('#filemenu').hidden; if (!$('#init-year').value && S.bundle) $('#init-year').value = Number(numText(S.bundle.laporan.tahun)) + 1; });
  $('#open-file').addEventListener('change', e => openFile(e.target, false));
  $('#init-file').addEventListener('change', e => openFile(e.target, true));
  $('#init-this').addEventListener('click', initThis);
  document.addEventListener('keydown', e => {
    const inField = e.target.matches && e.target.matches('input, textarea');
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); save(); }
    else if ((e.ctrlKey || e.metaKey) && !inField && e.key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
    else if ((e.ctrlKey || e.metaKey) && !inField && (e.key === 'y' || (e.key === 'Z' && e.shiftKey))) { e.preventDefault(); redo(); }
  });
  window.addEventListener('beforeunload', e => { if (S.dirty || S.pending.length) { e.preventDefault(); e.returnValue = ''; } });
  const es = new EventSource('/api/events');
  es.addEventListener('state', e => onState(JSON.parse(e.data)));
  es.onerror = () => { $('#pageerr').textContent = ' · server tidak menjawab'; $('#pageerr').className = 'bad'; };
  loadBundle();
}
start();
