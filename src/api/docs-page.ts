type JsonSchema = Record<string, unknown>;

/**
 * A readable API reference rendered on the server from /openapi.json: no CDN, no script,
 * so it works on an air-gapped install.
 */
export function renderDocsPage(document: JsonSchema): string {
  const paths = document.paths as Record<string, Record<string, JsonSchema>>;
  const components = ((document.components as JsonSchema).schemas ?? {}) as Record<string, JsonSchema>;
  const byTag = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const tag = ((operation.tags as string[] | undefined) ?? ['other'])[0]!;
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(renderOperation(method, path, operation));
    }
  }
  const sections = [...byTag].map(([tag, operations]) => `<section><h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${operations.join('')}</section>`);
  const schemaList = Object.entries(components)
    .map(
      ([name, schema]) =>
        `<div class="schema" id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${schema.description ? `<p>${escapeHtml(String(schema.description))}</p>` : ''}<pre>${renderSchema(schema, 0)}</pre></div>`,
    )
    .join('');
  const info = document.info as { title: string; version: string; description: string };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} API reference</title><style>${STYLE}</style></head><body><main>
<h1>${escapeHtml(info.title)} API reference <small>v${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p>
<p>Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>. Validation errors are <code>422 {"detail":[{"loc","msg","type"}]}</code>; other errors are <code>{"detail": "…", "code": "…"}</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
<nav>${[...byTag.keys()].map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`).join(' · ')} · <a href="#schemas">schemas</a></nav>
${sections.join('')}<section><h2 id="schemas">Schemas</h2>${schemaList}</section></main></body></html>`;
}

function renderOperation(method: string, path: string, operation: JsonSchema): string {
  const parameters = (operation.parameters as JsonSchema[] | undefined) ?? [];
  const parameterRows = parameters
    .map(
      (parameter) =>
        `<tr><td><code>${escapeHtml(String(parameter.name))}</code></td><td>${escapeHtml(String(parameter.in))}</td><td>${parameter.required ? 'yes' : ''}</td><td><code>${renderSchema(parameter.schema as JsonSchema, 0)}</code></td><td>${escapeHtml(String(parameter.description ?? ''))}</td></tr>`,
    )
    .join('');
  const body = (operation.requestBody as { content: Record<string, { schema: JsonSchema }> } | undefined)?.content['application/json']?.schema;
  const responses = Object.entries(operation.responses as Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>)
    .map(
      ([status, response]) =>
        `<li><strong>${status}</strong> ${escapeHtml(response.description)}${response.content ? `: <code>${renderSchema(response.content['application/json']!.schema, 0)}</code>` : ''}</li>`,
    )
    .join('');
  const isPublic = Array.isArray(operation.security) && (operation.security as unknown[]).length === 0;
  return `<article><h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p><strong>${escapeHtml(String(operation.summary))}</strong>${isPublic ? ' <em>(no token needed)</em>' : ''}</p>
${operation.description ? `<p>${escapeHtml(String(operation.description))}</p>` : ''}
${parameterRows ? `<table><tr><th>parameter</th><th>in</th><th>required</th><th>type</th><th></th></tr>${parameterRows}</table>` : ''}
${body ? `<p>Body: <code>${renderSchema(body, 0)}</code></p>` : ''}<ul>${responses}</ul></article>`;
}

/** A compact, linked rendering of a JSON Schema. */
function renderSchema(schema: JsonSchema | undefined, depth: number): string {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop()!;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map((option) => renderSchema(option, depth)).join(' | ');
  if (Array.isArray(schema.oneOf)) return (schema.oneOf as JsonSchema[]).map((option) => renderSchema(option, depth)).join(' | ');
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((value) => escapeHtml(JSON.stringify(value))).join(' | ');
  if (schema.const !== undefined) return escapeHtml(JSON.stringify(schema.const));
  if (schema.type === 'array') return `${renderSchema(schema.items as JsonSchema, depth)}[]`;
  if (schema.type === 'object' && schema.properties && depth < 3) {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const indent = '  '.repeat(depth + 1);
    const fields = Object.entries(schema.properties as Record<string, JsonSchema>).map(
      ([name, property]) =>
        `${indent}${escapeHtml(name)}${required.has(name) ? '' : '?'}: ${renderSchema(property, depth + 1)}${property.description ? ` <span class="note">// ${escapeHtml(String(property.description))}</span>` : ''}`,
    );
    return `{\n${fields.join('\n')}\n${'  '.repeat(depth)}}`;
  }
  if (schema.type === 'object') return schema.additionalProperties ? `{ [key]: ${renderSchema(schema.additionalProperties as JsonSchema, depth)} }` : 'object';
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(' | ');
  return escapeHtml(String(schema.type ?? 'any'));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#fafafa;color:#1d1d1f}main{max-width:1000px;margin:0 auto;padding:24px}
h1 small{font-size:14px;color:#888}article{background:#fff;border:1px solid #e3e3e3;border-radius:8px;padding:12px 16px;margin:12px 0}
.method{font:600 12px monospace;padding:2px 6px;border-radius:4px;color:#fff}.get{background:#2a7ae2}.post{background:#2e9d5b}.patch{background:#c27c0e}.delete{background:#c53b3b}
table{border-collapse:collapse;font-size:13px}td,th{border-bottom:1px solid #eee;padding:4px 8px;text-align:left;vertical-align:top}
pre,code{font:13px ui-monospace,monospace;white-space:pre-wrap}.note{color:#888}nav{margin:12px 0}.schema{background:#fff;border:1px solid #eee;border-radius:8px;padding:8px 16px;margin:8px 0}`;
