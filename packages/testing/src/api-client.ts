/** A small client for Outflow's HTTP API, as a stranger would use it: JSON in, JSON out, errors as thrown ApiError. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] } },
  ) {
    super(`HTTP ${status}: ${body.error?.message ?? JSON.stringify(body)}`);
  }
}

/** Sends `Authorization: Bearer <token>` on every request when given a token (the test Stack gives its admin's). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  /** The same API as another user: with that user's token, or anonymously without one. */
  as(token?: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  /** The raw answer to any request (for tests of malformed input); `body` is sent as given. */
  send(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    // The client's token unless the request says otherwise (an explicit `authorization` header wins).
    const headers: Record<string, string> = this.token ? { authorization: `Bearer ${this.token}`, ...init.headers } : { ...init.headers };
    return fetch(`${this.baseUrl}${path}`, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) });
  }

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, {
      // Every state-changing request says JSON, also without a body (the console refuses others as forgeable).
      headers: body === undefined && method === "GET" ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    if (res.status === 204) {
      return undefined as T;
    }
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      throw new ApiError(res.status, parsed ?? {});
    }
    return parsed as T;
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  patch<T = Record<string, unknown>>(path: string, body: unknown) {
    return this.request<T>("PATCH", path, body);
  }
  delete<T = void>(path: string) {
    return this.request<T>("DELETE", path);
  }

  /** The error a request answers with (fails when it succeeds). */
  async expectError(method: string, path: string, body?: unknown): Promise<ApiError> {
    try {
      await this.request(method, path, body);
    } catch (err) {
      if (err instanceof ApiError) {
        return err;
      }
      throw err;
    }
    throw new Error(`${method} ${path} succeeded; expected an error`);
  }
}
