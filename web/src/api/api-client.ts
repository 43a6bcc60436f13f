import { ApiError, apiErrorFromBody } from './api-error.ts';

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  body: T;
  headers: Headers;
}

/**
 * A small fetch wrapper bound to one token. Every failure becomes an ApiError; a 401 also calls
 * `onUnauthorized` so the whole app can return to the sign-in screen, whichever call saw it.
 */
export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  /** Like request, with the response headers (pagination headers of `GET /v1/tables`). */
  requestWithHeaders<T>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** The raw response of a successful call, for streams (server-sent events). */
  open(path: string, options?: RequestOptions): Promise<Response>;
  /** An absolute URL for `path` with the query appended. */
  url(path: string, query?: Record<string, QueryValue>): string;
}

export function createApiClient(token: string, onUnauthorized: (error: ApiError) => void): ApiClient {
  const url = (path: string, query: Record<string, QueryValue> = {}) => {
    const address = new URL(path, window.location.origin);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      if (Array.isArray(value)) for (const item of value) address.searchParams.append(name, item);
      else address.searchParams.set(name, String(value));
    }
    return address.toString();
  };

  const send = async (method: string, path: string, options: RequestOptions = {}, accept = 'application/json') => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url(path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ApiError(0, `Could not reach the Fathom server (${(error as Error).message}). Check that it is running and try again.`, { cause: error });
    }
    if (!response.ok) {
      const error = apiErrorFromBody(response.status, response.statusText, await response.text());
      if (error.isUnauthorized) onUnauthorized(error);
      throw error;
    }
    return response;
  };

  const requestWithHeaders = async <T>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>> => {
    const response = await send(method, path, options);
    const text = await response.text();
    return { body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers };
  };

  return {
    url,
    requestWithHeaders,
    request: async <T>(method: string, path: string, options?: RequestOptions) => (await requestWithHeaders<T>(method, path, options)).body,
    open: (path, options) => send('GET', path, options, 'text/event-stream'),
  };
}
