/** A dashboard operator's requests to an app in this process: the cookie and CSRF token. */
import { createHash } from 'node:crypto';
import type { GroupKitApp } from '../../app/createApp';

export const ORIGIN = 'https://api.groupkit.test';

/** Every seeded operator's password (the mock's demo scenarios). */
export const DEMO_PASSWORD = 'groupkit-demo-password';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface SignedIn {
  /** `groupkit_session=<token>`, as a browser sends it back. */
  cookie: string;
  token: string;
  csrfToken: string;
  /** The answer's body: operator, expiresAt, csrfToken. */
  body: { operator: { id: string; email: string; role: string }; expiresAt: string };
  setCookie: string;
}

/** Whatever a JSON answer holds, for assertions. */
export type Json = Record<string, unknown> & { error?: { code: string; message: string } };

/** `POST /v1/operator-session`: the raw answer and its parsed body. */
export async function trySignIn(
  app: Pick<GroupKitApp, 'fetch'>,
  body: Record<string, unknown>,
  origin = ORIGIN,
) {
  const response = await app.fetch(
    new Request(`${origin}/v1/operator-session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  return { response, body: (await response.json()) as Json };
}

/** Signs in (the answer must be 201) and returns what the browser would keep. */
export async function signIn(
  app: Pick<GroupKitApp, 'fetch'>,
  email: string,
  password = DEMO_PASSWORD,
  extra: Record<string, unknown> = {},
): Promise<SignedIn> {
  const { response, body } = await trySignIn(app, { email, password, ...extra });
  if (response.status !== 201) {
    throw new Error(`sign-in of ${email}: ${response.status} ${JSON.stringify(body)}`);
  }
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  return {
    cookie,
    token: cookie.slice('groupkit_session='.length),
    csrfToken: body.csrfToken as string,
    body: body as unknown as SignedIn['body'],
    setCookie,
  };
}

export interface OperatorCallInit {
  method?: string;
  json?: unknown;
  /** @default true for anything but GET */
  csrf?: boolean;
}

/** A request with the session's cookie (and its CSRF token on a write). */
export async function asOperator(
  app: Pick<GroupKitApp, 'fetch'>,
  session: Pick<SignedIn, 'cookie' | 'csrfToken'>,
  path: string,
  { method = 'GET', json, csrf = method !== 'GET' }: OperatorCallInit = {},
) {
  const headers: Record<string, string> = { cookie: session.cookie };
  if (csrf) headers['x-csrf-token'] = session.csrfToken;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await app.fetch(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
    }),
  );
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body: body as Json };
}

/** A request with a bearer key. */
export async function asKey(
  app: Pick<GroupKitApp, 'fetch'>,
  key: string,
  path: string,
  { method = 'GET', json }: { method?: string; json?: unknown } = {},
) {
  const response = await app.fetch(
    new Request(`${ORIGIN}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    }),
  );
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as Json };
}
