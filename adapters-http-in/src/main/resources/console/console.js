// The delivery console. Every value from the server is written with textContent (never as HTML), so a trait
// holding markup shows as text. Changes send the CSRF token from the XSRF-TOKEN cookie in X-XSRF-TOKEN.
'use strict';

const api = '/console/api';
const sections = ['sign-in', 'overview', 'messages', 'message', 'replays', 'sandbox'];
let refresh = null;
let lastSearch = new URLSearchParams();
let offset = 0;
const PAGE = 25;

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

function show(name) {
  sections.forEach(s => { $(s).hidden = s !== name; });
  $('nav').hidden = name === 'sign-in';
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.id === 'nav-' + name));
  if (refresh) { clearInterval(refresh); refresh = null; }
}

function cell(row, text, tag) {
  const td = document.createElement(tag || 'td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  row.appendChild(td);
  return td;
}

function clear(element) { while (element.firstChild) { element.removeChild(element.firstChild); } }

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
  location.hash = '';
  show('sign-in');
}

// ---- overview ----

function countsTable(table, counts) {
  clear(table);
  const states = new Set();
  Object.values(counts).forEach(byState => Object.keys(byState).forEach(s => states.add(s)));
  const columns = [...states].sort();
  const head = document.createElement('tr');
  cell(head, 'type', 'th');
  columns.forEach(s => cell(head, s, 'th'));
  table.appendChild(head);
  Object.keys(counts).sort().forEach(type => {
    const row = document.createElement('tr');
    cell(row, type);
    columns.forEach(s => cell(row, counts[type][s] || 0));
    table.appendChild(row);
  });
  if (Object.keys(counts).length === 0) {
    const row = document.createElement('tr');
    cell(row, 'no messages');
    table.appendChild(row);
  }
}

function chart(perMinute, at) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 600 160');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'messages delivered (green) and dead (red) per minute over the last hour');
  const end = new Date(at).getTime();
  const byMinute = new Map(perMinute.map(m => [Math.floor((end - new Date(m.minute).getTime()) / 60000), m]));
  const most = Math.max(1, ...perMinute.map(m => m.delivered + m.dead));
  for (let ago = 59; ago >= 0; ago--) {
    const m = byMinute.get(ago);
    if (!m) { continue; }
    const x = (59 - ago) * 10;
    const deliveredHeight = 140 * m.delivered / most;
    const deadHeight = 140 * m.dead / most;
    [['bar-delivered', 150 - deliveredHeight, deliveredHeight, m.delivered + ' delivered'],
     ['bar-dead', 150 - deliveredHeight - deadHeight, deadHeight, m.dead + ' dead']].forEach(([cls, y, h, label]) => {
      if (h <= 0) { return; }
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('class', cls);
      bar.setAttribute('x', x);
      bar.setAttribute('y', y);
      bar.setAttribute('width', 8);
      bar.setAttribute('height', h);
      const title = document.createElementNS(ns, 'title');
      title.textContent = m.minute + ': ' + label;
      bar.appendChild(title);
      svg.appendChild(bar);
    });
  }
  const axis = document.createElementNS(ns, 'line');
  axis.setAttribute('x1', 0); axis.setAttribute('x2', 600); axis.setAttribute('y1', 150); axis.setAttribute('y2', 150);
  axis.setAttribute('stroke', '#99a');
  svg.appendChild(axis);
  const box = $('chart');
  const legend = document.createElement('p');
  legend.className = 'legend';
  const total = perMinute.reduce((sum, m) => [sum[0] + m.delivered, sum[1] + m.dead], [0, 0]);
  legend.textContent = '60 minutes ago → now · ' + total[0] + ' delivered (green), ' + total[1] + ' dead (red)';
  clear(box);
  box.appendChild(svg);
  box.appendChild(legend);
}

async function loadOverview() {
  const { status, data } = await call('GET', '/overview');
  if (status !== 200) { return; }
  $('overview-at').textContent = 'as of ' + data.at;
  $('queue-depth').textContent = data.queueDepth;
  $('oldest-due').textContent = data.oldestDue || 'none';
  $('p95').textContent = data.p95AcceptToDeliveredMs === null ? 'none delivered' : data.p95AcceptToDeliveredMs + ' ms';
  chart(data.perMinute, data.at);
  const pauses = $('pauses');
  clear(pauses);
  data.pauses.forEach(p => {
    const item = document.createElement('li');
    item.textContent = p.what + ': ' + p.reason + (p.until ? ' (until ' + p.until + ')' : '');
    pauses.appendChild(item);
  });
  if (data.pauses.length === 0) {
    const item = document.createElement('li');
    item.textContent = 'none';
    pauses.appendChild(item);
  }
  countsTable($('last-hour'), data.lastHour);
  countsTable($('last-day'), data.lastDay);
  await loadDestinations();
}

async function loadDestinations() {
  const { status, data } = await call('GET', '/destinations');
  if (status !== 200) { return; }
  const table = $('destinations');
  clear(table);
  const head = document.createElement('tr');
  ['Destination', 'Kind', 'Account', 'State', 'Pending', 'Delivered (1 h)', 'Dead (1 h)']
    .forEach(h => cell(head, h, 'th'));
  table.appendChild(head);
  data.destinations.forEach(d => {
    const row = document.createElement('tr');
    cell(row, d.id);
    cell(row, d.kind);
    cell(row, d.account);
    cell(row, d.state === 'paused'
      ? 'paused: ' + d.pausedBecause + (d.pausedUntil ? ' (until ' + d.pausedUntil + ')' : '')
      : 'delivering');
    cell(row, d.pending);
    cell(row, d.deliveredLastHour);
    cell(row, d.deadLastHour);
    table.appendChild(row);
  });
}

async function overview() {
  show('overview');
  await loadOverview();
  refresh = setInterval(loadOverview, 5000);
}

// ---- messages ----

function searchParams() {
  const params = new URLSearchParams();
  new FormData($('search-form')).forEach((value, key) => { if (String(value).trim()) { params.set(key, value); } });
  return params;
}

async function runSearch() {
  const params = new URLSearchParams(lastSearch);
  params.set('offset', offset);
  params.set('limit', PAGE);
  const { status, data } = await call('GET', '/messages?' + params.toString());
  const table = $('results');
  clear(table);
  if (status !== 200) {
    $('search-error').textContent = data.message || 'search failed';
    $('search-summary').textContent = '';
    return;
  }
  $('search-error').textContent = '';
  $('search-summary').textContent = data.total + ' found' + (data.total > PAGE
    ? ', ' + (offset + 1) + '-' + Math.min(offset + PAGE, data.total) + ' shown' : '');
  const head = document.createElement('tr');
  ['received', 'type', 'state', 'messageId', 'reason'].forEach(h => cell(head, h, 'th'));
  table.appendChild(head);
  data.messages.forEach(m => {
    const row = document.createElement('tr');
    cell(row, m.receivedAt);
    cell(row, m.type);
    const state = cell(row, m.state);
    state.className = 'state ' + m.state;
    const idCell = document.createElement('td');
    const link = document.createElement('a');
    link.href = '#message/' + encodeURIComponent(m.source) + '/' + encodeURIComponent(m.messageId);
    link.textContent = m.messageId;
    link.className = 'message-link';
    idCell.appendChild(link);
    row.appendChild(idCell);
    cell(row, m.reason);
    table.appendChild(row);
  });
  $('previous').disabled = offset === 0;
  $('next').disabled = offset + PAGE >= data.total;
  $('retry-matching').hidden = !data.messages.some(m => m.state === 'dead') && lastSearch.get('state') !== 'dead';
}

async function messages(deadOnly) {
  show('messages');
  $('messages-title').textContent = deadOnly ? 'Dead letters' : 'Messages';
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.id === (deadOnly ? 'nav-dead' : 'nav-messages')));
  if (deadOnly) { $('search-state').value = 'dead'; }
  lastSearch = searchParams();
  offset = 0;
  await runSearch();
}

function confirmThen(text, action) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  dialog.onclose = () => { if (dialog.returnValue === 'ok') { action(); } };
  dialog.showModal();
}

// ---- one message ----

async function message(source, messageId) {
  show('message');
  const { status, data } = await call('GET', '/messages/' + encodeURIComponent(source) + '/' + encodeURIComponent(messageId));
  if (status !== 200) {
    $('message-id').textContent = messageId + ' (not found)';
    return;
  }
  $('message-id').textContent = data.messageId + ' (' + data.type + ')';
  $('message-state').textContent = data.state;
  $('message-state').className = 'state ' + data.state;
  $('message-reason').textContent = data.reason || '';
  const deliveries = $('deliveries');
  clear(deliveries);
  const deliveriesHead = document.createElement('tr');
  ['Destination', 'State', 'Reason', 'Attempts', 'Sent by'].forEach(h => cell(deliveriesHead, h, 'th'));
  deliveries.appendChild(deliveriesHead);
  data.deliveries.forEach(d => {
    const row = document.createElement('tr');
    cell(row, d.destination);
    cell(row, d.state);
    cell(row, d.reason);
    cell(row, d.attempts);
    cell(row, d.replay ? 'replay ' + d.replay : 'intake');
    deliveries.appendChild(row);
  });
  $('retry-one').hidden = !data.retryable;
  $('retry-one').onclick = () => confirmThen('Put message ' + data.messageId + ' back in the queue?', async () => {
    await call('POST', '/messages/' + encodeURIComponent(source) + '/' + encodeURIComponent(messageId) + '/retry');
    await message(source, messageId);
  });
  const who = {
    userId: typeof data.call.userId === 'string' ? data.call.userId : undefined,
    anonymousId: typeof data.call.anonymousId === 'string' ? data.call.anonymousId : undefined,
    email: data.mapping && typeof data.mapping.email === 'string' ? data.mapping.email : undefined,
  };
  const named = Object.values(who).filter(Boolean);
  $('erase-person').hidden = named.length === 0;
  $('erase-result').textContent = '';
  $('erase-person').onclick = () => {
    $('erase-text').textContent = 'Erase every message, delivery and directory entry of ' + named.join(', ') + '?';
    const dialog = $('erase');
    dialog.onclose = async () => {
      if (dialog.returnValue !== 'ok') { return; }
      const body = Object.assign({}, who, { crm: $('erase-crm').checked, suppress: $('erase-suppress').checked });
      const { status, data: erased } = await call('POST', '/erasures', body);
      $('erase-result').textContent = status === 200
        ? 'Erased: ' + erased.messages + ' messages, ' + erased.jobs + ' deliveries, ' + erased.attempts
          + ' attempts, ' + erased.directoryEntries + ' directory entries; CRM: ' + erased.crm
          + (erased.suppressionId ? '; suppression ' + erased.suppressionId : '') + ' (erasure ' + erased.id + ')'
        : (erased.message || 'the erasure failed');
      $('retry-one').hidden = true;
      $('erase-person').hidden = true;
    };
    dialog.showModal();
  };
  const attempts = $('attempts');
  clear(attempts);
  const head = document.createElement('tr');
  ['at', 'request', 'status', 'duration', 'CRM error'].forEach(h => cell(head, h, 'th'));
  attempts.appendChild(head);
  data.attempts.forEach(a => {
    const row = document.createElement('tr');
    cell(row, a.at);
    cell(row, a.request);
    cell(row, a.status === null ? 'no answer' : a.status);
    cell(row, a.durationMs + ' ms');
    cell(row, a.errorClass ? a.errorClass + ': ' + (a.error || '') : a.error).className = 'attempt-error';
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

async function sandbox() {
  show('sandbox');
  const { data } = await call('GET', '/sandbox');
  $('sandbox-state').textContent = JSON.stringify(data, null, 2);
  refresh = setInterval(async () => {
    const latest = await call('GET', '/sandbox');
    $('sandbox-state').textContent = JSON.stringify(latest.data, null, 2);
  }, 5000);
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
  const head = document.createElement('tr');
  ['Type', 'Covered', 'Will send', 'Passed over', 'What it does'].forEach(h => cell(head, h, 'th'));
  table.appendChild(head);
  plan.types.forEach(t => {
    const row = document.createElement('tr');
    cell(row, t.type);
    cell(row, t.covered);
    cell(row, t.send);
    cell(row, Object.entries(t.passed).map(([why, n]) => n + ': ' + why).join('; '));
    cell(row, t.action);
    table.appendChild(row);
  });
}

async function replayList() {
  const { data } = await call('GET', '/replays');
  const table = $('replay-list');
  clear(table);
  const head = document.createElement('tr');
  ['Id', 'Destination', 'State', 'Progress', 'Rate', 'Estimated end', 'Created', ''].forEach(h => cell(head, h, 'th'));
  table.appendChild(head);
  (data.replays || []).forEach(r => {
    const row = document.createElement('tr');
    row.className = 'replay';
    cell(row, r.id);
    cell(row, r.destination);
    cell(row, r.state);
    const progress = cell(row, '');
    const bar = document.createElement('progress');
    bar.max = Math.max(1, r.total);
    bar.value = r.done;
    progress.appendChild(bar);
    progress.appendChild(document.createTextNode(' ' + r.done + ' / ' + r.total));
    cell(row, r.ratePerSecond + '/s');
    cell(row, r.estimatedEnd || '');
    cell(row, r.createdAt);
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
  const hash = location.hash.replace(/^#/, '');
  if (hash.startsWith('message/')) {
    const [, source, id] = hash.split('/');
    return message(decodeURIComponent(source), decodeURIComponent(id));
  }
  if (hash === 'messages') { return messages(false); }
  if (hash === 'dead') { return messages(true); }
  if (hash === 'sandbox') { return sandbox(); }
  if (hash === 'replays') { return replays(); }
  return overview();
}

async function start() {
  const { data } = await call('GET', '/session');
  if (!data.signedIn) {
    show('sign-in');
    return;
  }
  $('nav-sandbox').hidden = !data.sandbox;
  await route();
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  $('search-form').addEventListener('submit', async event => {
    event.preventDefault();
    lastSearch = searchParams();
    offset = 0;
    if (location.hash !== '#messages' && location.hash !== '#dead') {
      history.replaceState(null, '', '#messages');
      show('messages');
    }
    await runSearch();
  });
  $('previous').addEventListener('click', async () => { offset = Math.max(0, offset - PAGE); await runSearch(); });
  $('next').addEventListener('click', async () => { offset += PAGE; await runSearch(); });
  $('retry-matching').addEventListener('click', () => confirmThen('Put every dead message that matches back in the queue?',
    async () => {
      const params = new URLSearchParams(lastSearch);
      const { data } = await call('POST', '/retry-dead?' + params.toString());
      $('search-summary').textContent = data.retried + ' put back in the queue';
      await runSearch();
    }));
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
