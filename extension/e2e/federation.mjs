// A stand-in of the AWS federation endpoint on loopback, for "AWS: Open Console": it answers
// getSigninToken with a token and Action=login with a page, and records what it was asked.
// ROLECALL_FEDERATION_ENDPOINT points the language server at it (only a loopback URL is accepted). It
// listens on 127.0.0.2, a loopback address that code-server does not rewrite into its port proxy as it
// does localhost and 127.0.0.1 URLs opened with openExternal, so the browser opens the URL as given.

import { createServer } from 'node:http';

const HOST = '127.0.0.2';

export const SIGNIN_TOKEN = 'E2E-SIGNIN-TOKEN-not-a-secret';

export async function startFederation() {
  const asked = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, `http://${HOST}`);
    asked.push(Object.fromEntries(url.searchParams));
    if (url.searchParams.get('Action') === 'getSigninToken') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ SigninToken: SIGNIN_TOKEN }));
      return;
    }
    const destination = url.searchParams.get('Destination') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>AWS console (stand-in)</title><body style="font: 16px sans-serif; padding: 2em">` +
        `<h1>AWS Management Console (federation stand-in)</h1><p>Signed in with a sign-in token.</p>` +
        `<p>Destination: <code id="destination">${destination.replace(/[<&>"]/g, '')}</code></p></body>`,
    );
  });
  await new Promise((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address();
  return { url: `http://${HOST}:${port}/federation`, asked, close: () => new Promise((r) => server.close(r)) };
}
