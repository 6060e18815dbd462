// The annual statistics page: a year's figures from GET /api/statistics, twelve monthly answers drawn as plain SVG
// bar charts (one per figure counted in the period) and the year's totals. No library, no other origin.
(() => {
  'use strict';
  const svgNs = 'http://www.w3.org/2000/svg';
  const months = ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'];
  const form = document.getElementById('controls');
  const yearInput = document.getElementById('year');
  const divisionInput = document.getElementById('division');
  const tokenInput = document.getElementById('token');
  const statusLine = document.getElementById('status');
  const csvLink = document.getElementById('csv');
  const params = new URLSearchParams(location.search);

  yearInput.value = params.get('year') || String(new Date().getFullYear());
  divisionInput.value = params.get('division') || '';
  tokenInput.value = sessionStorage.getItem('registry-token') || '';

  const pad = n => String(n).padStart(2, '0');
  const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();

  function query(from, to, format) {
    const q = new URLSearchParams({ from, to });
    if (divisionInput.value) q.set('division', divisionInput.value);
    if (format) q.set('format', format);
    return '/api/statistics?' + q.toString();
  }

  async function fetchJson(url) {
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + tokenInput.value.trim(), Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const detail = body && (body.detail || body.title) || response.statusText;
      throw new Error(response.status + ' ' + detail);
    }
    return body;
  }

  function setStatus(text, kind) {
    statusLine.textContent = text;
    statusLine.dataset.kind = kind || 'info';
  }

  function chart(figure, values) {
    const width = 360, height = 160, left = 28, bottom = 18, top = 14;
    const max = Math.max(1, ...values);
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', figure.label);
    const step = (width - left) / 12;
    values.forEach((value, i) => {
      const h = (height - bottom - top) * value / max;
      const bar = document.createElementNS(svgNs, 'rect');
      bar.setAttribute('class', 'bar');
      bar.setAttribute('x', String(left + i * step + 3));
      bar.setAttribute('y', String(height - bottom - h));
      bar.setAttribute('width', String(step - 6));
      bar.setAttribute('height', String(h));
      bar.dataset.month = String(i + 1);
      bar.dataset.value = String(value);
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = `${months[i]}：${value}`;
      bar.appendChild(title);
      svg.appendChild(bar);
      const label = document.createElementNS(svgNs, 'text');
      label.setAttribute('x', String(left + i * step + step / 2));
      label.setAttribute('y', String(height - 4));
      label.setAttribute('text-anchor', 'middle');
      label.textContent = String(i + 1);
      svg.appendChild(label);
      if (value > 0) {
        const count = document.createElementNS(svgNs, 'text');
        count.setAttribute('x', String(left + i * step + step / 2));
        count.setAttribute('y', String(height - bottom - h - 2));
        count.setAttribute('text-anchor', 'middle');
        count.textContent = String(value);
        svg.appendChild(count);
      }
    });
    const axis = document.createElementNS(svgNs, 'text');
    axis.setAttribute('x', '0');
    axis.setAttribute('y', String(top));
    axis.textContent = String(max);
    svg.appendChild(axis);
    const frame = document.createElement('figure');
    frame.dataset.key = figure.key;
    const caption = document.createElement('figcaption');
    caption.textContent = figure.label;
    frame.append(caption, svg);
    return frame;
  }

  async function load() {
    const year = Number(yearInput.value);
    if (!tokenInput.value.trim()) {
      document.body.dataset.state = 'needs-token';
      setStatus('请粘贴访问令牌并查询。');
      return;
    }
    sessionStorage.setItem('registry-token', tokenInput.value.trim());
    document.body.dataset.state = 'loading';
    setStatus(`正在读取 ${year} 年统计……`);
    try {
      const yearly = fetchJson(query(`${year}-01-01`, `${year}-12-31`));
      const monthly = Promise.all(months.map((_, i) =>
        fetchJson(query(`${year}-${pad(i + 1)}-01`, `${year}-${pad(i + 1)}-${pad(lastDay(year, i + 1))}`))));
      const [total, byMonth] = await Promise.all([yearly, monthly]);
      render(total, byMonth);
      csvLink.href = query(`${year}-01-01`, `${year}-12-31`, 'csv');
      setStatus(`${year} 年统计${total.scope ? '（' + (total.scope.name || total.scope.code) + '）' : '（全国）'}。`);
      document.body.dataset.year = String(year);
      document.body.dataset.state = 'ready';
    } catch (error) {
      setStatus('读取失败：' + error.message, 'error');
      document.body.dataset.state = 'failed';
    }
  }

  function render(total, byMonth) {
    const charts = document.getElementById('charts');
    const rows = document.querySelector('#totals tbody');
    const missing = document.getElementById('not-recorded');
    charts.replaceChildren();
    rows.replaceChildren();
    missing.replaceChildren();
    for (const figure of total.figures) {
      const value = total.total[figure.key];
      const row = document.createElement('tr');
      row.dataset.key = figure.key;
      const name = document.createElement('td');
      name.textContent = figure.label;
      const cell = document.createElement('td');
      cell.className = figure.recorded ? 'value' : 'not-recorded';
      cell.textContent = !figure.recorded ? '未记录' : value === null ? '—' : String(value);
      if (!figure.recorded) cell.title = figure.notRecordedBecause;
      row.append(name, cell);
      rows.appendChild(row);
      if (figure.recorded && figure.measure === 'period') {
        charts.appendChild(chart(figure, byMonth.map(m => m.total[figure.key] || 0)));
      }
    }
    for (const item of total.notRecorded) {
      const entry = document.createElement('li');
      entry.dataset.key = item.key;
      entry.textContent = `${item.label}：${item.reason}`;
      missing.appendChild(entry);
    }
  }

  form.addEventListener('submit', event => {
    event.preventDefault();
    load();
  });
  load();
})();
