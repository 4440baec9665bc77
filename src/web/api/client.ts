import type { z } from 'zod';
import { ErrorBody } from '../../contracts/common.ts';
import type { ErrorCode } from '../../core/errors.ts';
import { takePrefetched } from './prefetch.ts';

export const API_BASE = '/api/v1';

/** One validation issue as the server reports it: `path` starts with where (`body`, `query`…). */
export interface ApiIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** An error answered by the API (or a network failure, as `INTERNAL` with status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The validation issues of a `VALIDATION_FAILED` error (empty otherwise). */
  get issues(): ApiIssue[] {
    if (this.code !== 'VALIDATION_FAILED') return [];
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as ApiIssue[]) : [];
  }

  /** The record as it is now on the server, sent with a `VERSION_MISMATCH` (412). */
  get current(): unknown {
    if (this.code !== 'VERSION_MISMATCH') return undefined;
    return (this.details as { current?: unknown } | undefined)?.current;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The version the client last read: sent as `If-Match: "N"`. */
  ifMatch?: number;
  signal?: AbortSignal;
}

/** Builds `?a=1&s=x&s=y` from a record, skipping empty values and repeating arrays. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value as readonly string[]) params.append(key, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

async function readError(response: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // A proxy or a crash may answer something that is not JSON.
  }
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(response.status, fallbackCode(response.status), response.statusText);
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 412) return 'VERSION_MISMATCH';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  return 'INTERNAL';
}

/**
 * Calls the API and parses the answer with the contract schema.
 * Throws an `ApiError` for every non-2xx answer, a network failure or an unexpected body.
 */
export async function apiRequest<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  schema: S | null,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  // The Gantt page's first reads may already be on their way (started by index.html).
  const prefetched = method === 'GET' && !options.query ? takePrefetched(path) : null;
  let response = prefetched ? await prefetched : null;
  if (!response)
    try {
      response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'INTERNAL', 'Network error');
    }
  if (!response.ok) throw await readError(response);
  if (schema === null || response.status === 204) return undefined as z.output<S>;
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.issues);
    throw new ApiError(response.status, 'INTERNAL', 'Unexpected response');
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, schema: S, options?: RequestOptions) =>
    apiRequest('GET', path, schema, options),
  post: <S extends z.ZodType>(
    path: string,
    schema: S | null,
    body?: unknown,
    options?: RequestOptions,
  ) => apiRequest('POST', path, schema, { ...options, body: body ?? {} }),
  patch: <S extends z.ZodType>(path: string, schema: S, body: unknown, ifMatch?: number) =>
    apiRequest('PATCH', path, schema, ifMatch === undefined ? { body } : { body, ifMatch }),
  delete: (path: string, ifMatch?: number) =>
    apiRequest('DELETE', path, null, ifMatch === undefined ? {} : { ifMatch }),
};
