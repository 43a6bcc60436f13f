export interface HttpResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export interface HttpClient {
  request<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResponse<T>>;
  get<T = any>(path: string): Promise<HttpResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<HttpResponse<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<HttpResponse<T>>;
  delete<T = any>(path: string, body?: unknown): Promise<HttpResponse<T>>;
  /** Send a raw string body as is (malformed JSON tests). */
  raw<T = any>(method: string, path: string, text: string, headers?: Record<string, string>): Promise<HttpResponse<T>>;
}

/** A small fetch wrapper for raw-HTTP tests: JSON in, parsed JSON (or text) out, never throws on status. */
export function createHttpClient(baseUrl: string, token: string | undefined): HttpClient {
  const raw = async (method: string, path: string, text: string | undefined, headers: Record<string, string> = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(text !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: text,
    });
    const responseText = await response.text();
    let body: unknown = responseText;
    try {
      body = JSON.parse(responseText);
    } catch {
      // not JSON (docs page); keep the text
    }
    return { status: response.status, body: body as any, headers: response.headers, text: responseText };
  };
  const request = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    raw(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path, body) => request('DELETE', path, body),
    raw,
  };
}
