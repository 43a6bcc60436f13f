import { ApiError, apiErrorFromBody } from './api-error.ts';

/**
 * Opens the live-update stream (server-sent events) with the token in the Authorization header.
 * Every JSON call goes through the SDK (fathom-api.ts); the SDK has no streaming call, so this
 * is the app's one direct fetch. Failures become ApiErrors; a 401 also calls `onUnauthorized`.
 */
export interface StreamClient {
  open(path: string, options?: { signal?: AbortSignal }): Promise<Response>;
}

export function createStreamClient(token: string, onUnauthorized: (error: ApiError) => void): StreamClient {
  return {
    async open(path, options = {}) {
      let response: Response;
      try {
        response = await fetch(new URL(path, window.location.origin), {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
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
    },
  };
}
