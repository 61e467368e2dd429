// The delivery console. Every value from the server is written with textContent (never as HTML), so a trait
// holding markup shows as text. Changes send the CSRF token from the XSRF-TOKEN cookie in X-XSRF-TOKEN.
// Each page keeps its own filters in the URL (#messages?email=…, #dead?…, #destination/ID?window=24h), so a view
// can be shared and reloaded, and no page inherits another's filters.
'use strict';

const api = '/console/api';
const sections = ['sign-in', 'overview', 'destination', 'messages', 'message', 'live', 'replays', 'erasures', 'sandbox'];
const PAGE = 25;
let refresh = null;
let bannerTimer = null;
let current = { page: '', params: new URLSearchParams() };

function $(id) { return document.getElementById(id); }

function csrf() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function call(method, path, body) {
  const options = { method, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') {
    options.headers['X-XSRF-TOKEN'] = csrf();
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body || {});
  }
  const response = await fetch(api + path, options);
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/sign-in') {
    show('sign-in');
  }
  return { status: response.status, data };
}

function show(name, navId) {
  sections.forEach(s => { $(s).hidden = s !== name; });
  $('nav').hidden = name === 'sign-in';
  if (name === 'sign-in') { $('pause-banner').hidden = true; }
  const active = navId || 'nav-' + name;
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.id === active));
  if (refresh) { clearInterval(refresh); refresh = null; }
}

function cell(row, text, tag) {
  const td = document.createElement(tag || 'td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  row.appendChild(td);
  return td;
}

function head(table, names) {
  const row = document.createElement('tr');
  names.forEach(h => cell(row, h, 'th'));
  table.appendChild(row);
}

function clear(element) { while (element.firstChild) { element.removeChild(element.firstChild); } }

function link(href, text, className) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  if (className) { a.className = className; }
  return a;
}

function number(n) { return Number(n || 0).toLocaleString(); }

function duration(ms) {
  if (ms === null || ms === undefined) { return 'none'; }
  if (ms < 1000) { return ms + ' ms'; }
  if (ms % 60000 === 0 && ms < 7200000) { return ms / 60000 + ' min'; }
  if (ms < 120000) { return (ms / 1000).toFixed(1) + ' s'; }
  if (ms < 7200000) { return Math.round(ms / 60000) + ' min'; }
  return (ms / 3600000).toFixed(1) + ' h';
}

// ---- times: the browser's zone, readable; the exact UTC time on hover ----

function local(iso, withSeconds) {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  const options = { hour: '2-digit', minute: '2-digit' };
  if (withSeconds !== false) { options.second = '2-digit'; }
  if (!sameDay) { options.month = 'short'; options.day = 'numeric'; }
  return date.toLocaleString(undefined, options);
}

function time(iso) {
  const element = document.createElement('time');
  if (!iso) { return element; }
  element.dateTime = iso;
  element.title = iso.replace(/\.\d+Z$/, 'Z') + ' (UTC)';
  element.textContent = local(iso);
  return element;
}

function timeCell(row, iso) {
  const td = document.createElement('td');
  td.appendChild(time(iso));
  row.appendChild(td);
  return td;
}

function ago(iso, now) {
  const ms = new Date(now || Date.now()).getTime() - new Date(iso).getTime();
  return ms >= 0 ? duration(ms) + ' ago' : 'in ' + duration(-ms);
}

// ---- URL state ----

function parseHash() {
  const hash = location.hash.replace(/^#/, '');
  const at = hash.indexOf('?');
  return { path: at < 0 ? hash : hash.substring(0, at), params: new URLSearchParams(at < 0 ? '' : hash.substring(at + 1)) };
}

function go(path, params) {
  const query = params && params.toString();
  const target = '#' + path + (query ? '?' + query : '');
  if (location.hash === target) { route(); } else { location.hash = target; }
}

// ---- sign in ----

async function signIn(event) {
  event.preventDefault();
  await call('GET', '/session'); // a fresh CSRF token for this page
  const { status, data } = await call('POST', '/sign-in', { token: $('token').value });
  $('token').value = '';
  if (status !== 200) {
    $('sign-in-error').textContent = data.message || 'sign-in failed';
    return;
  }
  $('sign-in-error').textContent = '';
  await start();
}

async function signOut() {
  await call('POST', '/sign-out');
  if (bannerTimer) { clearInterval(bannerTimer); bannerTimer = null; }
  history.replaceState(null, '', location.pathname);
  show('sign-in');
}

// ---- pauses: a banner on every page while one is in force ----

async function loadBanner() {
  const { status, data } = await call('GET', '/pauses');
  const banner = $('pause-banner');
  clear(banner);
  if (status !== 200 || !data.pauses || data.pauses.length === 0) {
    banner.hidden = true;
    return;
  }
  data.pauses.forEach(p => {
    const title = document.createElement('strong');
    title.textContent = 'Paused: ' + p.what;
    banner.appendChild(title);
    const why = document.createElement('p');
    why.className = 'pause-reason';
    why.textContent = 'The CRM said: ' + p.reason;
    banner.appendChild(why);
    const when = document.createElement('p');
    when.appendChild(document.createTextNode('Since '));
    when.appendChild(p.since ? time(p.since) : document.createTextNode('a moment ago'));
    when.appendChild(document.createTextNode(p.until ? ', until ' : ', until the cause is fixed'));
    if (p.until) { when.appendChild(time(p.until)); }
    banner.appendChild(when);
    const what = document.createElement('p');
    what.textContent = 'What to do: ' + p.remedy;
    banner.appendChild(what);
  });
  banner.hidden = false;
}

// ---- charts: bars per time bucket, with labelled axes ----

function chart(box, buckets, options) {
  const ns = 'http://www.w3.org/2000/svg';
  const width = 640, height = 220, left = 48, bottom = 40, top = 10, right = 10;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const from = new Date(options.from).getTime(), to = new Date(options.to).getTime();
  const step = options.bucketSeconds * 1000;
  const slots = Math.max(1, Math.ceil((to - from) / step));
  const total = b => options.series.reduce((sum, s) => sum + (b[s.key] || 0), 0);
  const most = Math.max(1, ...buckets.map(total));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', options.label);
  const element = (name, attributes, text) => {
    const e = document.createElementNS(ns, name);
    Object.entries(attributes).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) { e.textContent = text; }
    return e;
  };
  buckets.forEach(b => {
    const slot = Math.floor((new Date(b.start).getTime() - from) / step);
    const x = left + Math.max(0, slot) * plotWidth / slots;
    const barWidth = Math.max(1, plotWidth / slots - 1);
    let y = top + plotHeight;
    options.series.forEach(s => {
      const h = plotHeight * (b[s.key] || 0) / most;
      if (h <= 0) { return; }
      y -= h;
      const bar = element('rect', { class: s.className, x, y, width: barWidth, height: h });
      bar.appendChild(element('title', {}, local(b.start) + ': ' + number(b[s.key]) + ' ' + s.key));
      svg.appendChild(bar);
    });
  });
  const axes = element('g', { class: 'axis' });
  axes.appendChild(element('line', { x1: left, x2: left + plotWidth, y1: top + plotHeight, y2: top + plotHeight }));
  axes.appendChild(element('line', { x1: left, x2: left, y1: top, y2: top + plotHeight }));
  [0, 0.5, 1].forEach(f => {
    const y = top + plotHeight - f * plotHeight;
    axes.appendChild(element('line', { x1: left - 4, x2: left, y1: y, y2: y }));
    axes.appendChild(element('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, number(Math.round(f * most))));
  });
  [0, 0.5, 1].forEach(f => {
    const x = left + f * plotWidth;
    const at = new Date(from + f * (to - from)).toISOString();
    axes.appendChild(element('line', { x1: x, x2: x, y1: top + plotHeight, y2: top + plotHeight + 4 }));
    axes.appendChild(element('text', { x, y: top + plotHeight + 16, 'text-anchor': f === 0 ? 'start' : f === 1 ? 'end' : 'middle' },
      local(at, false)));
  });
  axes.appendChild(element('text', { x: left + plotWidth / 2, y: height - 4, 'text-anchor': 'middle' },
    'time (your zone), one bar per ' + duration(step)));
  axes.appendChild(element('text', { x: 12, y: top + plotHeight / 2, 'text-anchor': 'middle',
    transform: 'rotate(-90 12 ' + (top + plotHeight / 2) + ')' }, options.unit));
  svg.appendChild(axes);
  const legend = document.createElement('p');
  legend.className = 'legend';
  legend.textContent = options.series.map(s => number(buckets.reduce((sum, b) => sum + (b[s.key] || 0), 0)) + ' '
    + s.key + ' (' + s.colour + ')').join(', ');
  clear(box);
  box.appendChild(svg);
  box.appendChild(legend);
}

// ---- overview ----

function countsTable(table, counts) {
  clear(table);
  const states = new Set();
  Object.values(counts).forEach(byState => Object.keys(byState).forEach(s => states.add(s)));
  const columns = [...states].sort();
  head(table, ['type', ...columns]);
  Object.keys(counts).sort().forEach(type => {
    const row = document.createElement('tr');
    cell(row, type);
    columns.forEach(s => { cell(row, number(counts[type][s])).className = 'num'; });
    table.appendChild(row);
  });
  if (Object.keys(counts).length === 0) {
    const row = document.createElement('tr');
    cell(row, 'no messages');
    table.appendChild(row);
  }
}

async function loadOverview() {
  const { status, data } = await call('GET', '/overview');
  if (status !== 200) { return; }
  $('overview-at').textContent = 'as of ' + local(data.at);
  $('queue-depth').textContent = number(data.queueDepth);
  const oldest = $('oldest-due');
  clear(oldest);
  if (!data.oldestDue) {
    oldest.textContent = 'none waiting';
  } else {
    const due = new Date(data.oldestDue).getTime() <= new Date(data.at).getTime();
    oldest.textContent = due ? 'waiting ' + ago(data.oldestDue, data.at).replace(' ago', '') : 'none due yet (next ' + ago(data.oldestDue, data.at) + ')';
    oldest.title = data.oldestDue + ' (UTC)';
  }
  $('p95').textContent = data.p95AcceptToDeliveredMs === null ? 'none delivered' : duration(data.p95AcceptToDeliveredMs);
  const to = new Date(data.at);
  chart($('chart'), data.perMinute.map(m => Object.assign({ start: m.minute }, m)), {
    from: new Date(to.getTime() - 3600000).toISOString(), to: data.at, bucketSeconds: 60,
    unit: 'messages per minute', label: 'messages delivered and dead per minute over the last hour',
    series: [{ key: 'delivered', className: 'bar-delivered', colour: 'green' }, { key: 'dead', className: 'bar-dead', colour: 'red' }],
  });
  countsTable($('last-hour'), data.lastHour);
  countsTable($('last-day'), data.lastDay);
  await loadDestinations();
}

async function loadDestinations() {
  const { status, data } = await call('GET', '/destinations');
  if (status !== 200) { return; }
  const table = $('destinations');
  clear(table);
  head(table, ['Destination', 'Kind', 'Account', 'State', 'Pending', 'Delivered (1 h)', 'Dead (1 h)']);
  data.destinations.forEach(d => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.appendChild(link('#destination/' + encodeURIComponent(d.id) + '?window=24h', d.id, 'destination-link'));
    row.appendChild(name);
    cell(row, d.kind);
    cell(row, d.account).className = 'wrap';
    const state = cell(row, d.state === 'paused' ? 'paused' : 'delivering');
    state.className = 'state ' + (d.state === 'paused' ? 'dead' : 'delivered');
    if (d.state === 'paused') { state.title = d.pausedBecause; }
    cell(row, number(d.pending)).className = 'num';
    cell(row, number(d.deliveredLastHour)).className = 'num';
    cell(row, number(d.deadLastHour)).className = 'num';
    table.appendChild(row);
  });
}

async function overview() {
  show('overview');
  await loadOverview();
  refresh = setInterval(loadOverview, 5000);
}

// ---- one destination: funnel, chart, errors by reason ----

function messagesOf(destination, extra) {
  const params = new URLSearchParams(extra || {});
  params.set('destination', destination);
  return '#messages?' + params.toString();
}

async function destination(id, params) {
  show('destination', 'nav-overview');
  const span = params.get('window') || '24h';
  $('destination-id').textContent = id;
  const windows = $('destination-windows');
  clear(windows);
  windows.appendChild(document.createTextNode('Window: '));
  ['1h', '6h', '24h', '7d'].forEach(w => {
    const a = link('#destination/' + encodeURIComponent(id) + '?window=' + w, 'last ' + w);
    a.classList.toggle('active', w === span);
    windows.appendChild(a);
  });
  const { status, data } = await call('GET', '/destinations/' + encodeURIComponent(id) + '/report?window=' + encodeURIComponent(span));
  if (status !== 200) {
    $('destination-span').textContent = data.message || 'no report';
    return;
  }
  $('destination-span').textContent = 'calls received ' + local(data.from) + ' – ' + local(data.to);
  $('destination-delivered').textContent = number(data.funnel.delivered);
  $('destination-dead').textContent = number(data.funnel.dead);
  $('destination-p95').textContent = data.p95AcceptToDeliveredMs === null ? 'none delivered' : duration(data.p95AcceptToDeliveredMs);
  funnel(id, data.funnel);
  $('destination-chart-title').textContent = 'Deliveries finished per ' + duration(data.bucketSeconds * 1000);
  chart($('destination-chart'), data.buckets, {
    from: data.from, to: data.to, bucketSeconds: data.bucketSeconds,
    unit: 'deliveries per ' + duration(data.bucketSeconds * 1000), label: 'deliveries by outcome over time',
    series: [{ key: 'delivered', className: 'bar-delivered', colour: 'green' }, { key: 'skipped', className: 'bar-skipped', colour: 'amber' },
      { key: 'dead', className: 'bar-dead', colour: 'red' }],
  });
  failures(id, data);
}

function funnel(id, f) {
  const table = $('funnel');
  clear(table);
  head(table, ['Stage', 'Calls', '']);
  const most = Math.max(1, f.received);
  const rows = [
    ['received (every source)', f.received, null],
    ['rejected at intake', f.rejected, '#messages?state=rejected'],
    ['filtered or ignored before routing', f.filtered, '#messages?state=filtered'],
    ['routed to ' + id, f.routed, messagesOf(id)],
    ...f.skipped.map(s => ['skipped: ' + s.reason, s.count, messagesOf(id, { reason: s.reason })]),
    ['delivered', f.delivered, null],
    ['dead', f.dead, messagesOf(id, { state: 'dead' })],
    ['still pending', f.pending, null],
    ['ended (destination removed)', f.ended, null],
  ];
  rows.forEach(([label, count, href]) => {
    const row = document.createElement('tr');
    const name = cell(row, '');
    name.className = 'reason';
    if (href && count > 0) { name.appendChild(link(href, label)); } else { name.textContent = label; }
    cell(row, number(count)).className = 'num';
    const bar = cell(row, '');
    const fill = document.createElement('span');
    fill.className = 'bar';
    fill.style.width = Math.round(120 * count / most) + 'px';
    bar.appendChild(fill);
    table.appendChild(row);
  });
}

function failures(id, data) {
  const box = $('failures');
  clear(box);
  if (data.failures.length === 0) {
    const none = document.createElement('p');
    none.textContent = 'No dead or retrying deliveries in this window.';
    box.appendChild(none);
    return;
  }
  data.failures.forEach(group => {
    const card = document.createElement('div');
    card.className = 'failure';
    const title = document.createElement('h4');
    title.textContent = group.reason;
    card.appendChild(title);
    const meta = document.createElement('p');
    meta.className = 'meta';
    const badge = document.createElement('span');
    badge.className = 'state ' + group.outcome;
    badge.textContent = group.outcome;
    meta.appendChild(badge);
    meta.appendChild(document.createTextNode(' ' + number(group.count) + ' deliveries · first seen '));
    meta.appendChild(time(group.firstSeen));
    meta.appendChild(document.createTextNode(' · last seen '));
    meta.appendChild(time(group.lastSeen));
    meta.appendChild(document.createTextNode(' · '));
    meta.appendChild(link(messagesOf(id, { reason: group.reason }), 'see these messages', 'failure-messages'));
    card.appendChild(meta);
    if (group.outcome === 'dead') {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'failure-retry';
      retry.textContent = 'Retry these ' + number(group.count);
      retry.onclick = () => retryMatching(new URLSearchParams({ destination: id, reason: group.reason }), $('failures-result'),
        () => destination(id, new URLSearchParams({ window: data.window })));
      card.appendChild(retry);
    }
    group.samples.forEach(s => {
      const sample = document.createElement('dl');
      sample.className = 'sample';
      const add = (term, node) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.appendChild(typeof node === 'string' ? document.createTextNode(node) : node);
        sample.appendChild(dt);
        sample.appendChild(dd);
      };
      const sent = document.createElement('span');
      sent.appendChild(link('#message/' + encodeURIComponent(s.source) + '/' + encodeURIComponent(s.messageId), s.type + ' ' + s.messageId, 'message-link'));
      sent.appendChild(document.createTextNode(' at '));
      sent.appendChild(time(s.at));
      add('You sent', sent);
      add('Request to the destination', s.request || 'no request was made');
      add('Response from the destination', (s.status === null ? 'no answer' : s.status) + (s.answer ? ' · ' + s.answer : ''));
      card.appendChild(sample);
    });
    box.appendChild(card);
  });
}

// ---- messages and dead letters ----

function fillForm(params, deadOnly) {
  $('search-form').reset();
  ['email', 'userId', 'messageId', 'type', 'state', 'destination', 'reason', 'from', 'to'].forEach(name => {
    const field = $('search-form').elements[name];
    if (field && params.has(name)) { field.value = params.get(name); }
  });
  $('search-state').disabled = deadOnly;
  if (deadOnly) { $('search-state').value = 'dead'; }
}

function formParams() {
  const params = new URLSearchParams();
  new FormData($('search-form')).forEach((value, key) => { if (String(value).trim()) { params.set(key, String(value).trim()); } });
  return params;
}

async function messages(deadOnly, params) {
  show('messages', deadOnly ? 'nav-dead' : 'nav-messages');
  $('messages-title').textContent = deadOnly ? 'Dead letters' : 'Messages';
  fillForm(params, deadOnly);
  const query = new URLSearchParams(params);
  if (deadOnly) { query.set('state', 'dead'); }
  const offset = Number(params.get('offset') || 0);
  query.set('offset', offset);
  query.set('limit', PAGE);
  const { status, data } = await call('GET', '/messages?' + query.toString());
  const table = $('results');
  clear(table);
  if (status !== 200) {
    $('search-error').textContent = data.message || 'search failed';
    $('search-summary').textContent = '';
    return;
  }
  $('search-error').textContent = '';
  const filters = [...new URLSearchParams(params).entries()].filter(([k]) => k !== 'offset').map(([k, v]) => k + ' = ' + v);
  $('search-summary').textContent = number(data.total) + ' found' + (data.total > PAGE
    ? ', ' + (offset + 1) + '–' + Math.min(offset + PAGE, data.total) + ' shown' : '')
    + (deadOnly ? ' (dead only)' : '') + (filters.length ? ' · ' + filters.join(', ') : ' · no filter');
  head(table, ['Received', 'Type', 'Event / name', 'userId', 'Email', 'State', 'messageId', 'Reason']);
  data.messages.forEach(m => table.appendChild(messageRow(m)));
  $('previous').disabled = offset === 0;
  $('next').disabled = offset + PAGE >= data.total;
  const deadToo = deadOnly || params.get('state') === 'dead' || data.messages.some(m => m.state === 'dead');
  $('retry-matching').hidden = !deadToo;
  if (deadToo) {
    const deadQuery = new URLSearchParams(params);
    deadQuery.delete('offset');
    deadQuery.set('state', 'dead');
    deadQuery.set('limit', 1);
    const dead = await call('GET', '/messages?' + deadQuery.toString());
    const count = dead.status === 200 ? dead.data.total : 0;
    $('retry-matching').hidden = count === 0;
    $('retry-matching').textContent = 'Retry the ' + number(count) + ' dead that match';
  }
}

function messageRow(m) {
  const row = document.createElement('tr');
  timeCell(row, m.receivedAt);
  cell(row, m.type);
  cell(row, m.name).className = 'wrap';
  cell(row, m.userId).className = 'id';
  cell(row, m.email).className = 'id';
  const state = cell(row, m.state);
  state.className = 'state ' + m.state;
  const idCell = document.createElement('td');
  idCell.className = 'id';
  idCell.appendChild(link('#message/' + encodeURIComponent(m.source) + '/' + encodeURIComponent(m.messageId), m.messageId, 'message-link'));
  row.appendChild(idCell);
  cell(row, m.reason).className = 'reason';
  return row;
}

function confirmThen(text, action) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  dialog.onclose = () => { if (dialog.returnValue === 'ok') { action(); } };
  dialog.showModal();
}

/** Counts the dead that match, asks with that count, retries them, and leaves the result on the page. */
async function retryMatching(params, result, then) {
  const count = new URLSearchParams(params);
  count.set('state', 'dead');
  count.set('limit', 1);
  const { data } = await call('GET', '/messages?' + count.toString());
  const total = data.total || 0;
  confirmThen('Put the ' + number(total) + ' dead messages that match back in the queue?', async () => {
    const answer = await call('POST', '/retry-dead?' + params.toString());
    const text = answer.status === 200
      ? number(answer.data.retried) + ' of ' + number(total) + ' dead messages put back in the queue at ' + local(new Date().toISOString())
      : (answer.data.message || 'the retry failed');
    if (then) { await then(); }
    result.textContent = text;
  });
}

// ---- one message ----

async function message(source, messageId) {
  show('message', 'nav-messages');
  $('message-details').hidden = false;
  $('erase-result').textContent = '';
  const { status, data } = await call('GET', '/messages/' + encodeURIComponent(source) + '/' + encodeURIComponent(messageId));
  if (status !== 200) {
    $('message-id').textContent = messageId;
    $('message-state').textContent = 'not found';
    $('message-state').className = 'state';
    $('message-reason').textContent = 'no message with this id is stored (never received, erased, or past the retention)';
    $('message-details').hidden = true;
    $('retry-one').hidden = true;
    $('erase-person').hidden = true;
    return;
  }
  $('message-id').textContent = data.messageId + ' (' + data.type + ')';
  $('message-state').textContent = data.state;
  $('message-state').className = 'state ' + data.state;
  $('message-reason').textContent = data.reason || '';
  const deliveries = $('deliveries');
  clear(deliveries);
  head(deliveries, ['Destination', 'State', 'Reason', 'Attempts', 'Sent by']);
  data.deliveries.forEach(d => {
    const row = document.createElement('tr');
    const name = document.createElement('td');
    name.appendChild(link('#destination/' + encodeURIComponent(d.destination) + '?window=24h', d.destination));
    row.appendChild(name);
    cell(row, d.state).className = 'state ' + d.state;
    cell(row, d.reason).className = 'reason';
    cell(row, d.attempts).className = 'num';
    cell(row, d.replay ? 'replay ' + d.replay : 'intake');
    deliveries.appendChild(row);
  });
  $('retry-one').hidden = !data.retryable;
  $('retry-one').onclick = () => confirmThen('Put message ' + data.messageId + ' back in the queue?', async () => {
    await call('POST', '/messages/' + encodeURIComponent(source) + '/' + encodeURIComponent(messageId) + '/retry');
    await message(source, messageId);
  });
  erasable(data);
  const attempts = $('attempts');
  clear(attempts);
  head(attempts, ['At', 'Request', 'Status', 'Duration', 'CRM error']);
  data.attempts.forEach(a => {
    const row = document.createElement('tr');
    timeCell(row, a.at);
    cell(row, a.request).className = 'wrap';
    const refused = a.status !== null && a.status < 300 && a.errorClass;
    cell(row, a.status === null ? 'no answer' : a.status + (refused ? ' (refused)' : '')).className = refused ? 'state dead' : 'nowrap';
    cell(row, a.durationMs + ' ms').className = 'num';
    cell(row, a.errorClass ? a.errorClass + ': ' + (a.error || '') : a.error).className = 'attempt-error reason';
    attempts.appendChild(row);
  });
  if (data.attempts.length === 0) {
    const row = document.createElement('tr');
    cell(row, 'no request was made for this message');
    attempts.appendChild(row);
  }
  const mapping = Object.assign({}, data.mapping, { unmapped: data.unmapped, warnings: data.warnings });
  $('mapping').textContent = JSON.stringify(mapping, null, 2);
  $('call').textContent = JSON.stringify(data.call, null, 2);
}

function erasable(data) {
  const who = {
    userId: typeof data.call.userId === 'string' ? data.call.userId : undefined,
    anonymousId: typeof data.call.anonymousId === 'string' ? data.call.anonymousId : undefined,
    email: data.mapping && typeof data.mapping.email === 'string' ? data.mapping.email : undefined,
  };
  const named = Object.values(who).filter(Boolean);
  $('erase-person').hidden = named.length === 0;
  $('erase-person').onclick = () => {
    $('erase-text').textContent = 'Erase every message, delivery and directory entry of ' + named.join(', ') + '?';
    const dialog = $('erase');
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'ok') { return; }
      const body = Object.assign({}, who, { crm: $('erase-crm').checked, suppress: $('erase-suppress').checked });
      const { status, data: erased } = await call('POST', '/erasures', body);
      if (status !== 200) {
        $('erase-result').textContent = erased.message || 'the erasure failed';
        return;
      }
      $('erase-result').textContent = 'Erased: ' + erased.messages + ' messages, ' + erased.jobs + ' deliveries, ' + erased.attempts
        + ' attempts, ' + erased.directoryEntries + ' directory entries; CRM: ' + erased.crm
        + (erased.suppressionId ? '; suppression ' + erased.suppressionId : '') + ' (erasure ' + erased.id + ')';
      // what the page showed of the person is gone from the store: it goes from the page too
      $('message-state').textContent = 'erased';
      $('message-state').className = 'state erased';
      $('message-reason').textContent = '';
      $('message-details').hidden = true;
      ['deliveries', 'attempts', 'mapping', 'call'].forEach(id => clear($(id)));
      $('retry-one').hidden = true;
      $('erase-person').hidden = true;
    };
    dialog.showModal();
  };
}

// ---- live tail ----

let liveSeen = new Set();
let livePaused = false;

async function liveTick() {
  if (livePaused) { return; }
  const { status, data } = await call('GET', '/messages?limit=50');
  if (status !== 200) { return; }
  const table = $('live-calls');
  const first = liveSeen.size === 0;
  if (table.rows.length === 0) {
    head(table, ['Received', 'Type', 'Event / name', 'userId', 'Email', 'State', 'messageId', 'Reason']);
  }
  const fresh = data.messages.filter(m => !liveSeen.has(m.source + '/' + m.messageId));
  fresh.reverse().forEach(m => {
    liveSeen.add(m.source + '/' + m.messageId);
    const row = messageRow(m);
    if (!first) { row.classList.add('new'); }
    table.insertBefore(row, table.rows[1] || null);
  });
  while (table.rows.length > 201) { table.deleteRow(table.rows.length - 1); }
  $('live-status').textContent = 'newest first · updated ' + local(new Date().toISOString());
}

async function live() {
  show('live');
  liveSeen = new Set();
  livePaused = false;
  $('live-toggle').textContent = 'Pause';
  clear($('live-calls'));
  await liveTick();
  refresh = setInterval(liveTick, 2000);
}

// ---- erasures and suppressions ----

async function erasureLog() {
  show('erasures');
  const { status, data } = await call('GET', '/erasures');
  const table = $('erasure-log');
  clear(table);
  if (status !== 200) { return; }
  head(table, ['Erasure', 'Requested', 'Completed', 'Messages', 'Deliveries', 'Attempts', 'Directory entries', 'CRM', 'Suppression']);
  data.erasures.forEach(e => {
    const row = document.createElement('tr');
    cell(row, e.id).className = 'id';
    timeCell(row, e.requestedAt);
    timeCell(row, e.completedAt);
    [e.messages, e.jobs, e.attempts, e.directoryEntries].forEach(n => { cell(row, number(n)).className = 'num'; });
    cell(row, e.crm).className = 'reason';
    const suppression = cell(row, e.suppressionId || 'none');
    suppression.className = 'id';
    if (e.suppressionId) {
      const lift = document.createElement('button');
      lift.type = 'button';
      lift.className = 'lift';
      lift.textContent = 'lift';
      lift.onclick = () => confirmThen('Lift suppression ' + e.suppressionId + '? Later calls of that person are accepted again.', async () => {
        const answer = await call('POST', '/suppressions/' + encodeURIComponent(e.suppressionId) + '/lift');
        $('erasures-result').textContent = answer.status === 200 ? 'Suppression ' + e.suppressionId + ' lifted.'
          : (answer.data.message || 'the lift failed');
      });
      suppression.appendChild(document.createTextNode(' '));
      suppression.appendChild(lift);
    }
    table.appendChild(row);
  });
  if (data.erasures.length === 0) {
    const row = document.createElement('tr');
    cell(row, 'no erasure yet');
    table.appendChild(row);
  }
}

// ---- sandbox: what the built-in account holds, as tables ----

function valueText(value) {
  if (value === null || value === undefined) { return ''; }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderSandbox(state) {
  const box = $('sandbox-state');
  clear(box);
  Object.entries(state || {}).forEach(([name, value]) => {
    const title = document.createElement('h3');
    const rows = Array.isArray(value) ? value : (value && typeof value === 'object' ? Object.entries(value).map(([k, v]) =>
      (v && typeof v === 'object' && !Array.isArray(v) ? Object.assign({ key: k }, v) : { key: k, value: v })) : [{ value }]);
    title.textContent = name + ' (' + rows.length + ')';
    box.appendChild(title);
    const columns = [];
    rows.forEach(r => Object.keys(r && typeof r === 'object' ? r : { value: r }).forEach(k => { if (!columns.includes(k)) { columns.push(k); } }));
    const wrap = document.createElement('div');
    wrap.className = 'scroll';
    const table = document.createElement('table');
    table.className = 'results sandbox-table';
    head(table, columns);
    rows.slice(0, 200).forEach(r => {
      const row = document.createElement('tr');
      const record = r && typeof r === 'object' ? r : { value: r };
      columns.forEach(c => { cell(row, valueText(record[c])).className = 'wrap'; });
      table.appendChild(row);
    });
    wrap.appendChild(table);
    box.appendChild(wrap);
    if (rows.length > 200) {
      const more = document.createElement('p');
      more.textContent = 'the first 200 of ' + rows.length + ' shown';
      box.appendChild(more);
    }
  });
}

async function sandbox() {
  show('sandbox');
  const { data } = await call('GET', '/sandbox');
  renderSandbox(data);
  refresh = setInterval(async () => renderSandbox((await call('GET', '/sandbox')).data), 5000);
}

// ---- replays ----

function listOf(id) {
  return $(id).value.split(',').map(v => v.trim()).filter(Boolean);
}

function replayRequest() {
  const people = listOf('replay-people');
  return {
    destination: $('replay-destination').value.trim(),
    from: $('replay-from').value.trim(),
    to: $('replay-to').value.trim(),
    types: listOf('replay-types'),
    states: listOf('replay-states'),
    userIds: people.filter(p => !p.includes('@')),
    emails: people.filter(p => p.includes('@')),
    reason: $('replay-reason').value.trim() || undefined,
    resendDelivered: $('replay-resend').checked,
  };
}

function showPlan(plan) {
  const table = $('replay-preview');
  clear(table);
  head(table, ['Type', 'Covered', 'Will send', 'Passed over', 'What it does']);
  plan.types.forEach(t => {
    const row = document.createElement('tr');
    cell(row, t.type);
    cell(row, number(t.covered)).className = 'num';
    cell(row, number(t.send)).className = 'num';
    cell(row, Object.entries(t.passed).map(([why, n]) => n + ': ' + why).join('; ')).className = 'reason';
    cell(row, t.action).className = 'reason';
    table.appendChild(row);
  });
}

async function replayList() {
  const { data } = await call('GET', '/replays');
  const table = $('replay-list');
  clear(table);
  head(table, ['Id', 'Destination', 'State', 'Progress', 'Rate', 'Estimated end', 'Created', '']);
  (data.replays || []).forEach(r => {
    const row = document.createElement('tr');
    row.className = 'replay';
    cell(row, r.id);
    cell(row, r.destination);
    cell(row, r.state).className = 'state ' + r.state;
    const progress = cell(row, '');
    progress.className = 'nowrap';
    const bar = document.createElement('progress');
    bar.max = Math.max(1, r.total);
    bar.value = r.done;
    progress.appendChild(bar);
    progress.appendChild(document.createTextNode(' ' + number(r.done) + ' / ' + number(r.total)));
    cell(row, r.ratePerSecond + '/s').className = 'num';
    if (r.estimatedEnd) { timeCell(row, r.estimatedEnd); } else { cell(row, ''); }
    timeCell(row, r.createdAt);
    const actions = cell(row, '');
    const verbs = r.state === 'running' ? ['pause', 'cancel'] : r.state === 'paused' ? ['resume', 'cancel'] : [];
    verbs.forEach(verb => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = verb;
      button.className = 'replay-' + verb;
      button.onclick = async () => {
        const answer = await call('POST', '/replays/' + r.id + '/' + verb);
        $('replay-error').textContent = answer.status === 200 ? '' : (answer.data.message || verb + ' failed');
        await replayList();
      };
      actions.appendChild(button);
    });
    table.appendChild(row);
  });
}

async function replays() {
  show('replays');
  await replayList();
  refresh = setInterval(replayList, 2000);
}

// ---- routing ----

async function route() {
  const { path, params } = parseHash();
  current = { page: path, params };
  if (path.startsWith('message/')) {
    const [, source, id] = path.split('/');
    return message(decodeURIComponent(source), decodeURIComponent(id));
  }
  if (path.startsWith('destination/')) {
    return destination(decodeURIComponent(path.substring('destination/'.length)), params);
  }
  switch (path) {
    case 'messages': return messages(false, params);
    case 'dead': return messages(true, params);
    case 'live': return live();
    case 'sandbox': return sandbox();
    case 'replays': return replays();
    case 'erasures': return erasureLog();
    default: return overview();
  }
}

async function start() {
  const { data } = await call('GET', '/session');
  if (!data.signedIn) {
    show('sign-in');
    return;
  }
  $('nav-sandbox').hidden = !data.sandbox;
  if (!bannerTimer) {
    bannerTimer = setInterval(loadBanner, 10000);
  }
  loadBanner();
  await route();
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('search-form').addEventListener('submit', event => {
    event.preventDefault();
    const deadOnly = current.page === 'dead';
    $('retry-result').textContent = '';
    const params = formParams();
    if (deadOnly) { params.delete('state'); }
    go(deadOnly ? 'dead' : 'messages', params);
  });
  $('search-clear').addEventListener('click', () => go(current.page === 'dead' ? 'dead' : 'messages', new URLSearchParams()));
  const page = delta => {
    const params = new URLSearchParams(current.params);
    params.set('offset', Math.max(0, Number(params.get('offset') || 0) + delta));
    go(current.page, params);
  };
  $('previous').addEventListener('click', () => page(-PAGE));
  $('next').addEventListener('click', () => page(PAGE));
  $('retry-matching').addEventListener('click', () => {
    const params = new URLSearchParams(current.params);
    params.delete('offset');
    retryMatching(params, $('retry-result'), () => route());
  });
  $('live-toggle').addEventListener('click', () => {
    livePaused = !livePaused;
    $('live-toggle').textContent = livePaused ? 'Resume' : 'Pause';
    $('live-status').textContent = livePaused ? 'paused' : 'resuming…';
  });
  $('replay-plan').addEventListener('click', async () => {
    const { status, data } = await call('POST', '/replays/plan', replayRequest());
    $('replay-error').textContent = status === 200 ? '' : (data.message || 'refused');
    if (status === 200) { showPlan(data); }
  });
  $('replay-form').addEventListener('submit', async event => {
    event.preventDefault();
    const { status, data } = await call('POST', '/replays', replayRequest());
    $('replay-error').textContent = status === 201 ? '' : (data.message || 'refused');
    if (status === 201) { showPlan(data.plan); }
    await replayList();
  });
  window.addEventListener('hashchange', start);
  start();
});
