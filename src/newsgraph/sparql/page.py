"""The small query page ``newsgraph serve`` shows at ``/``: a text box, a Run button, a
table. Results are put on screen with ``textContent`` only; the one script runs by hash."""

from __future__ import annotations

import base64
import hashlib

EXAMPLE = """PREFIX schema: <http://schema.org/>
PREFIX ng: <https://w3id.org/newsgraph/ontology#>

# the people mentioned on the most pages
SELECT ?name (COUNT(DISTINCT ?page) AS ?pages) WHERE {
  ?person a schema:Person ; schema:name ?name .
  ?article schema:mentions ?person ; schema:isPartOf ?page .
}
GROUP BY ?name
ORDER BY DESC(?pages) ?name
LIMIT 20
"""

SCRIPT = r"""
const form = document.getElementById('f'), out = document.getElementById('out'),
      status = document.getElementById('status');
function cell(b) {
  if (!b) return '';
  return b.type === 'literal' && b['xml:lang'] ? b.value + ' @' + b['xml:lang'] : b.value;
}
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  out.replaceChildren(); status.textContent = 'running…';
  const t0 = performance.now();
  const body = new URLSearchParams({query: document.getElementById('q').value});
  let resp;
  try {
    resp = await fetch('sparql', {method: 'POST', body,
      headers: {'Accept': 'application/sparql-results+json, text/turtle;q=0.9'}});
  } catch (e) { status.textContent = String(e); return; }
  const ms = Math.round(performance.now() - t0);
  const type = resp.headers.get('Content-Type') || '';
  if (!resp.ok || !type.includes('json')) {
    const pre = document.createElement('pre');
    pre.textContent = await resp.text();
    out.append(pre);
    status.textContent = resp.status + ' ' + resp.statusText + ' · ' + ms + ' ms';
    return;
  }
  const data = await resp.json();
  if ('boolean' in data) { status.textContent = String(data.boolean) + ' · ' + ms + ' ms';
    return; }
  const vars = data.head.vars, rows = data.results.bindings;
  const table = document.createElement('table'), head = table.insertRow();
  for (const v of vars) { const th = document.createElement('th'); th.textContent = v;
    head.append(th); }
  for (const r of rows) { const tr = table.insertRow();
    for (const v of vars) tr.insertCell().textContent = cell(r[v]); }
  out.append(table);
  status.textContent = rows.length + ' rows · ' + ms + ' ms';
});
"""

STYLE = """
body { font: 14px system-ui, sans-serif; margin: 1.5em; }
textarea { width: 100%; height: 16em; font: 13px ui-monospace, monospace; }
table { border-collapse: collapse; margin-top: 1em; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } #status { margin-left: 1em; color: #555; }
"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
STYLE_HASH = "sha256-" + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = (f"default-src 'none'; connect-src 'self'; script-src '{SCRIPT_HASH}'; "
       f"style-src '{STYLE_HASH}'; form-action 'self'")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page() -> bytes:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsgraph SPARQL</title>
<style>{STYLE}</style></head>
<body><h1>newsgraph SPARQL</h1>
<p>A read-only SPARQL 1.1 endpoint over the corpus at <code>/sparql</code> (GET or POST).
Queries see the union of all page graphs; <code>GRAPH ?g</code> reaches one page.</p>
<form id="f"><textarea id="q" spellcheck="false">{_escape(EXAMPLE)}</textarea>
<p><button type="submit">Run</button><span id="status"></span></p></form>
<div id="out"></div>
<script>{SCRIPT}</script></body></html>
""".encode()
