// The shapes of rolecall-ls.endpoint and rolecall-ls.console (docs/commands.md; the Go side owns them in
// internal/wire/editor.go, and both sides decode internal/wire/testdata/{endpoint,console}.json). Both
// carry a secret: the endpoint's token, and a sign-in URL. Never log them or put them in an error.

/** Result of rolecall-ls.endpoint. */
export interface EndpointResult {
  uri: string;
  token: string;
}

/** Result of rolecall-ls.console. */
export interface ConsoleResult {
  profile: string;
  url: string;
}

export function asEndpointResult(value: unknown): EndpointResult | undefined {
  return hasStrings(value, ['uri', 'token']) && /^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\//.test(value.uri)
    ? { uri: value.uri, token: value.token }
    : undefined;
}

export function asConsoleResult(value: unknown): ConsoleResult | undefined {
  return hasStrings(value, ['profile', 'url']) && /^https?:\/\//.test(value.url)
    ? { profile: value.profile, url: value.url }
    : undefined;
}

function hasStrings<K extends string>(value: unknown, keys: K[]): value is Record<K, string> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return keys.every((k) => typeof record[k] === 'string' && record[k] !== '');
}
