import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's security headers on every response. The middleware is built once: its headers
 * depend on no request (no CSP nonces). @fastify/helmet rebuilt it on every request (option
 * parsing and the CSP string: ~30–80 µs a request) from two hooks, one of them async.
 */
export function installSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const apply = helmet(options);
  app.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
