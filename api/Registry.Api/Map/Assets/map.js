// The registry's map page for GIS staff. Draws only the registry's own geometry (no background tiles) from the
// API of the same origin: OGC API - Features collections for divisions, boundary lines and markers, and the boundary
// reports (inspections overdue, repairs open). Each layer reports its state in data- attributes of its list item
// (data-state, data-http, data-features, data-as-of), and <body data-map-state> is "ready" when no layer is loading,
// so people and browser tests can see what was drawn.
'use strict';
(() => {
  const tokenKey = 'registry.map.token';
  const pageSize = 1000;
  const colours = { line: '#34495e', overdue: '#e67e22', marker: '#1f6fb2', repair: '#c0392b' };

  const levelSelect = document.getElementById('level');
  const asOfInput = document.getElementById('as-of');
  const tokenInput = document.getElementById('token');
  const recordPanel = document.getElementById('record');

  const map = L.map('map', { preferCanvas: true, zoomSnap: 0.25, worldCopyJump: false });
  map.attributionControl.setPrefix('Leaflet 1.9.4');
  map.attributionControl.addAttribution('Geometry: the registry');
  map.setView([35, 105], 4);

  // Divisions (many large polygons) draw on the canvas of the overlay pane; the other layers draw as SVG in panes
  // stacked above it, so markers stay on top of lines whatever answers first, and a click on the SVG's empty area
  // passes through to the divisions below (a second canvas would catch it).
  function pane(name, zIndex) {
    map.createPane(name).style.zIndex = String(zIndex);
    return { pane: name, renderer: L.svg({ pane: name }) };
  }

  const panes = { lines: pane('lines', 410), inspections: pane('inspections', 420), markers: pane('markers', 430),
    repairs: pane('repairs', 440) };

  const layers = {};
  for (const item of document.querySelectorAll('#layers li')) {
    const name = item.dataset.layer;
    const group = L.layerGroup().addTo(map);
    const checkbox = item.querySelector('input[type=checkbox]');
    checkbox.addEventListener('change', () => (checkbox.checked ? group.addTo(map) : group.remove()));
    layers[name] = { item, group, generation: 0 };
  }

  let fitted = false;
  let lineFeatures = null;
  let markerFeatures = null;

  function token() {
    return sessionStorage.getItem(tokenKey);
  }

  function today() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  class HttpError extends Error {
    constructor(status, problem) {
      super(problem && (problem.detail || problem.title) ? `${status}: ${problem.detail || problem.title}` : `HTTP ${status}`);
      this.status = status;
    }
  }

  async function getJson(url, withToken) {
    const headers = { Accept: 'application/geo+json, application/json' };
    if (withToken && token()) {
      headers.Authorization = `Bearer ${token()}`;
    }

    const response = await fetch(url, { headers, cache: 'no-store' });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      throw new HttpError(response.status, body);
    }

    return { status: response.status, body };
  }

  // Every feature of an OGC API items query, following its next links.
  async function getAllFeatures(url, withToken) {
    const features = [];
    let next = url;
    let status = 0;
    let matched = 0;
    while (next) {
      const page = await getJson(next, withToken);
      status = page.status;
      matched = page.body.numberMatched ?? matched;
      features.push(...page.body.features);
      const link = (page.body.links || []).find((l) => l.rel === 'next');
      next = link ? link.href : null;
    }

    return { status, matched, features };
  }

  // The open repairs answer a list; the overdue report answers numbered pages ({page, limit, total, items}),
  // each followed to the last; a page with a next link ({items, links}) is followed too.
  async function getAllItems(url) {
    const items = [];
    let next = url;
    let status = 0;
    while (next) {
      const page = await getJson(next, true);
      status = page.status;
      const body = page.body;
      items.push(...(Array.isArray(body) ? body : body.items || []));
      const link = Array.isArray(body) ? null : (body.links || []).find((l) => l.rel === 'next');
      if (link) {
        next = link.href;
      } else if (!Array.isArray(body) && body.page && body.limit && body.total > body.page * body.limit) {
        const following = new URL(next, window.location.href);
        following.searchParams.set('page', String(body.page + 1));
        next = following.toString();
      } else {
        next = null;
      }
    }

    return { status, items };
  }

  function setLayer(name, state, text, data) {
    const { item } = layers[name];
    item.dataset.state = state;
    for (const key of ['http', 'features', 'matched', 'asOf', 'level']) {
      delete item.dataset[key];
    }

    Object.assign(item.dataset, data || {});
    item.querySelector('.status').textContent = text;
    const loading = Object.values(layers).some((l) => l.item.dataset.state === 'loading');
    document.body.dataset.mapState = loading ? 'loading' : 'ready';
  }

  async function load(name, work) {
    const layer = layers[name];
    const generation = ++layer.generation;
    setLayer(name, 'loading', 'loading…');
    try {
      const result = await work();
      if (generation !== layer.generation) {
        return;
      }

      layer.group.clearLayers();
      if (result.layer) {
        layer.group.addLayer(result.layer);
      }

      setLayer(name, 'ready', result.text, result.data);
    } catch (error) {
      if (generation === layer.generation) {
        layer.group.clearLayers();
        setLayer(name, 'error', error.message, error.status ? { http: String(error.status) } : {});
      }
    }
  }

  function divisionColour(code) {
    let hash = 0;
    for (const c of code) {
      hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
    }

    return `hsl(${hash % 360}, 45%, 70%)`;
  }

  function loadDivisions() {
    const asOf = asOfInput.value;
    const level = levelSelect.value;
    return load('divisions', async () => {
      const url = `/ogc/collections/divisions/items?limit=${pageSize}&datetime=${encodeURIComponent(asOf)}`;
      const { status, matched, features } = await getAllFeatures(url, false);
      const shown = features.filter((f) => f.properties.level === level);
      const layer = L.geoJSON(shown, {
        style: (f) => ({ color: '#56616c', weight: 1, fillColor: divisionColour(f.id), fillOpacity: 0.55 }),
        onEachFeature: (f, l) => l.on('click', (e) => showRecord('division', f, e.latlng, asOf)),
      });
      if (!fitted && shown.length > 0) {
        map.fitBounds(layer.getBounds(), { padding: [10, 10] });
        fitted = true;
      }

      return {
        layer,
        text: `${shown.length} at ${level} level on ${asOf} (${matched} divisions with geometry in force)`,
        data: { http: String(status), features: String(shown.length), matched: String(matched), asOf, level },
      };
    });
  }

  // Lines and markers are read once and shared by their own layer and the report layers drawn from them; a failed
  // read is asked again next time.
  function lines() {
    lineFeatures ??= getAllFeatures(`/ogc/collections/boundary-lines/items?limit=${pageSize}`, false)
      .catch((error) => { lineFeatures = null; throw error; });
    return lineFeatures;
  }

  function markers() {
    markerFeatures ??= getAllFeatures(`/ogc/collections/markers/items?limit=${pageSize}`, true)
      .catch((error) => { markerFeatures = null; throw error; });
    return markerFeatures;
  }

  function loadLines() {
    return load('lines', async () => {
      const { status, features } = await lines();
      const layer = L.geoJSON(features, {
        ...panes.lines,
        style: () => ({ color: colours.line, weight: 2 }),
        onEachFeature: (f, l) => l.on('click', (e) => showRecord('line', f, e.latlng)),
      });
      return { layer, text: `${features.length} lines`, data: { http: String(status), features: String(features.length) } };
    });
  }

  function needsToken(name) {
    layers[name].generation++;
    layers[name].group.clearLayers();
    setLayer(name, 'needs-token', 'needs a token');
  }

  function loadMarkers() {
    if (!token()) {
      needsToken('markers');
      return Promise.resolve();
    }

    return load('markers', async () => {
      const { status, features } = await markers();
      const layer = L.geoJSON(features, {
        pointToLayer: (f, latlng) => L.circleMarker(latlng,
          { ...panes.markers, radius: 4, color: colours.marker, weight: 1, fillOpacity: 0.8 }),
        onEachFeature: (f, l) => l.on('click', (e) => showRecord('marker', f, e.latlng)),
      });
      return { layer, text: `${features.length} markers`, data: { http: String(status), features: String(features.length) } };
    });
  }

  function loadInspections() {
    if (!token()) {
      needsToken('inspections');
      return Promise.resolve();
    }

    return load('inspections', async () => {
      const [{ status, items }, all] = await Promise.all([getAllItems('/api/boundaries/inspections/overdue'), lines()]);
      const due = new Map(items.map((i) => [i.line, i]));
      const shown = all.features.filter((f) => due.has(f.id));
      const layer = L.geoJSON(shown, {
        ...panes.inspections,
        style: () => ({ color: colours.overdue, weight: 4, dashArray: '8 6' }),
        onEachFeature: (f, l) => l.on('click', (e) => showRecord('inspection', f, e.latlng, null, due.get(f.id))),
      });
      return {
        layer,
        text: `${items.length} lines due (${shown.length} drawn)`,
        data: { http: String(status), features: String(shown.length), matched: String(items.length) },
      };
    });
  }

  function loadRepairs() {
    if (!token()) {
      needsToken('repairs');
      return Promise.resolve();
    }

    return load('repairs', async () => {
      const [{ status, items }, all] = await Promise.all([getAllItems('/api/boundaries/repairs/open'), markers()]);
      const open = new Map(items.map((r) => [r.marker, r]));
      const shown = all.features.filter((f) => open.has(f.id));
      const layer = L.geoJSON(shown, {
        pointToLayer: (f, latlng) => L.circleMarker(latlng,
          { ...panes.repairs, radius: 8, color: colours.repair, weight: 2, fillOpacity: 0.3 }),
        onEachFeature: (f, l) => l.on('click', (e) => showRecord('repair', f, e.latlng, null, open.get(f.id))),
      });
      return {
        layer,
        text: `${items.length} open (${shown.length} drawn)`,
        data: { http: String(status), features: String(shown.length), matched: String(items.length) },
      };
    });
  }

  function loadTokenLayers() {
    markerFeatures = null;
    return Promise.all([loadMarkers(), loadInspections(), loadRepairs()]);
  }

  // The record's own JSON: the registry resource behind the feature (the OGC item for markers).
  function recordUrl(kind, feature, asOf) {
    const id = encodeURIComponent(feature.id);
    switch (kind) {
      case 'division':
        return `/api/boundaries/divisions/${id}/geometry?asOf=${encodeURIComponent(asOf)}`;
      case 'line':
      case 'inspection':
        return `/api/boundaries/lines/${id}`;
      default:
        return `/api/boundaries/markers/${id}`;
    }
  }

  function element(tag, text, attributes) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }

    Object.assign(e, attributes || {});
    return e;
  }

  function table(values) {
    const t = element('table');
    for (const [key, value] of Object.entries(values)) {
      const row = t.insertRow();
      row.append(element('th', key));
      row.append(element('td', typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)));
    }

    return t;
  }

  async function showRecord(kind, feature, latlng, asOf, report) {
    const titles = { division: 'Division', line: 'Boundary line', inspection: 'Boundary line due for inspection',
      marker: 'Boundary marker', repair: 'Boundary marker due for repair' };
    const url = recordUrl(kind, feature, asOf);
    const withToken = kind !== 'division' && kind !== 'line' && kind !== 'inspection';
    recordPanel.replaceChildren(element('h2', `${titles[kind]} ${feature.id}`, { id: 'record-title' }));
    Object.assign(recordPanel.dataset, {
      state: 'loading', kind, id: String(feature.id), lon: latlng.lng.toFixed(6), lat: latlng.lat.toFixed(6),
    });
    delete recordPanel.dataset.http;
    recordPanel.append(element('p', `Clicked at ${latlng.lng.toFixed(5)}, ${latlng.lat.toFixed(5)}`, { className: 'hint' }));
    if (report) {
      recordPanel.append(element('h3', kind === 'repair' ? 'Open repair' : 'Inspection due'), table(report));
    }

    recordPanel.append(element('h3', 'Properties'), table(feature.properties || {}));
    const link = element('a', 'JSON record', { href: url, target: '_blank', rel: 'noopener' });
    const linkLine = element('p');
    linkLine.append(link);
    if (withToken) {
      linkLine.append(' (needs the token; shown below)');
    }

    const json = element('pre', 'loading…');
    recordPanel.append(linkLine, json);
    try {
      const { status, body } = await getJson(url, withToken);
      json.textContent = JSON.stringify(body, (key, value) => (key === 'coordinates' ? '[…]' : value), 2);
      Object.assign(recordPanel.dataset, { state: 'ready', http: String(status) });
    } catch (error) {
      json.textContent = error.message;
      Object.assign(recordPanel.dataset, { state: 'error', http: String(error.status || '') });
    }
  }

  function remember() {
    const query = new URLSearchParams({ level: levelSelect.value, asOf: asOfInput.value });
    history.replaceState(null, '', `${location.pathname}?${query}`);
  }

  const query = new URLSearchParams(location.search);
  if ([...levelSelect.options].some((o) => o.value === query.get('level'))) {
    levelSelect.value = query.get('level');
  }

  asOfInput.value = /^\d{4}-\d{2}-\d{2}$/.test(query.get('asOf') || '') ? query.get('asOf') : today();

  for (const control of [levelSelect, asOfInput]) {
    control.addEventListener('change', () => {
      if (asOfInput.value) {
        remember();
        loadDivisions();
      }
    });
  }

  document.getElementById('controls').addEventListener('submit', (e) => e.preventDefault());
  document.getElementById('token-use').addEventListener('click', () => {
    const value = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    tokenInput.value = '';
    if (value) {
      sessionStorage.setItem(tokenKey, value);
      tokenInput.placeholder = 'token in use (this tab)';
      loadTokenLayers();
    }
  });
  document.getElementById('token-forget').addEventListener('click', () => {
    sessionStorage.removeItem(tokenKey);
    tokenInput.placeholder = 'paste a bearer token (gis)';
    loadTokenLayers();
  });
  if (token()) {
    tokenInput.placeholder = 'token in use (this tab)';
  }

  remember();
  loadDivisions();
  loadLines();
  loadTokenLayers();
})();
