import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Delivery, SmtpSettings, Subscription } from '../../src/contracts/copil.ts';
import { isoWeekday } from '../../src/core/copil/delivery.ts';
import { runDeliveries } from '../../src/server/modules/reporting/copil/delivery.service.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';
import { unzip } from './copil-files.ts';

interface Mail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

let t: TestApp;
let admin: string;
let pmo: string;
let pmoUserId: string;
let member: string;
let portfolioId: string;
let projectId: string;
let server: SMTPServer;
let port: number;
const inbox: Mail[] = [];
const PASSWORD = 'mot-de-passe-smtp-tres-secret';

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'jalon' && auth.password === PASSWORD) cb(null, { user: 'jalon' });
      else cb(new Error('Invalid credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;

  t = await buildTestApp({ publicUrl: 'https://jalon.exemple.test' });
  admin = (await signIn(t, 'admin')).cookie;
  const p = await signIn(t, 'pmo');
  pmo = p.cookie;
  pmoUserId = p.userId;
  member = (await signIn(t, 'member')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  projectId = (await buildProject(t, portfolioId, { managerId: (await buildPerson(t)).id })).id;
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The attachment of a raw MIME message: file name and decoded content. */
function attachmentOf(raw: string) {
  const m =
    /Content-Disposition: attachment;\s*filename="?([^"\r\n;]+)"?\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(
      raw,
    );
  if (!m) return null;
  return { filename: m[1]!, content: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') };
}

async function setSmtp(body: object) {
  const current = SmtpSettings.parse((await call(t, admin, { url: '/api/v1/admin/smtp' })).json());
  return call(t, admin, {
    method: 'PUT',
    url: '/api/v1/admin/smtp',
    headers: { 'if-match': `"${current.version}"` },
    payload: body,
  });
}

describe('SMTP settings', () => {
  it('the admin sets the server; the password is never returned nor audited', async () => {
    const empty = SmtpSettings.parse((await call(t, admin, { url: '/api/v1/admin/smtp' })).json());
    expect(empty).toMatchObject({ configured: false, version: 0 });
    const res = await setSmtp({
      host: '127.0.0.1',
      port,
      username: 'jalon',
      password: PASSWORD,
      fromAddress: 'jalon@exemple.test',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(PASSWORD);
    expect(res.json()).toMatchObject({ configured: true, passwordSet: true, username: 'jalon' });
    const again = await call(t, admin, { url: '/api/v1/admin/smtp' });
    expect(again.body).not.toContain(PASSWORD);
    const audit = await call(t, admin, { url: '/api/v1/audit?entityType=smtp_settings' });
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('passwordSet');
    expect(audit.body).not.toContain(PASSWORD);
    expect((await call(t, pmo, { url: '/api/v1/admin/smtp' })).statusCode).toBe(403);
  });

  it('a test message goes through the server with the credentials', async () => {
    const res = await call(t, admin, {
      method: 'POST',
      url: '/api/v1/admin/smtp/test',
      payload: { to: 'admin@exemple.test' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const mail = inbox.at(-1)!;
    expect(mail.to).toEqual(['admin@exemple.test']);
    expect(mail.user).toBe('jalon');
  });
});

describe('scheduled reports', () => {
  let list: Subscription;
  let user: Subscription;

  it('checks subscriptions: one recipient, a valid day, a format that fits', async () => {
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/report-subscriptions',
      payload: {
        recipientEmail: 'copil@liste.exemple.test',
        recipientUserId: pmoUserId,
        content: 'portfolio_status',
        scopeType: 'project',
        scopeId: projectId,
        format: 'pdf',
        frequency: 'weekly',
        day: 9,
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['body.recipientEmail', 'body.day', 'body.format', 'body.scopeType']),
    );
    expect(
      (await call(t, member, { method: 'POST', url: '/api/v1/report-subscriptions', payload: {} }))
        .statusCode,
    ).toBe(403);
  });

  it('a mailing list gets the project pack as PDF when due, with a link to Jalon; logged once', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/report-subscriptions',
      payload: {
        recipientEmail: 'copil@liste.exemple.test',
        content: 'copil_pack',
        scopeType: 'project',
        scopeId: projectId,
        format: 'pdf',
        language: 'fr',
        frequency: 'weekly',
        day: isoWeekday(today),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    list = Subscription.parse(res.json());
    expect(list.nextRunOn).toBe(today);
    const before = inbox.length;
    const run = await call(t, pmo, { method: 'POST', url: '/api/v1/report-deliveries/run' });
    expect(run.json()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(inbox.length).toBe(before + 1);
    const mail = inbox.at(-1)!;
    expect(mail.to).toEqual(['copil@liste.exemple.test']);
    expect(mail.from).toBe('jalon@exemple.test');
    // The text part is quoted-printable: soft line breaks removed.
    expect(mail.raw.replace(/=\r\n/g, '')).toContain('https://jalon.exemple.test/reporting/copil');
    const file = attachmentOf(mail.raw)!;
    expect(file.filename).toMatch(/^COPIL_PRJ-[A-Z0-9]+_\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(file.content.subarray(0, 5).toString()).toBe('%PDF-');
    // Claimed: a second run the same day sends nothing more.
    const again = await call(t, pmo, { method: 'POST', url: '/api/v1/report-deliveries/run' });
    expect(again.json()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const subs = (await call(t, pmo, { url: '/api/v1/report-subscriptions' })).json()
      .items as Subscription[];
    const after = subs.find((s) => s.id === list.id)!;
    expect(after.lastRunOn).toBe(today);
    expect(after.nextRunOn > today).toBe(true);
    expect(after.lastDelivery?.state).toBe('sent');
  });

  it('a user gets the portfolio status as XLSX on demand', async () => {
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/report-subscriptions',
      payload: {
        recipientUserId: pmoUserId,
        content: 'portfolio_status',
        scopeType: 'portfolio',
        scopeId: portfolioId,
        format: 'xlsx',
        language: 'en',
        frequency: 'monthly',
        day: 28,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    user = Subscription.parse(res.json());
    const sent = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/report-subscriptions/${user.id}/send`,
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(Delivery.parse(sent.json())).toMatchObject({ state: 'sent', attempts: 1 });
    const mail = inbox.at(-1)!;
    expect(mail.to[0]).toMatch(/^user-.*@exemple\.test$/);
    expect(mail.raw.replace(/=\r\n/g, '')).toContain('Please find attached');
    const file = attachmentOf(mail.raw)!;
    expect(file.filename).toMatch(/\.xlsx$/);
    expect(unzip(file.content).has('xl/workbook.xml')).toBe(true);
  });

  it('a failed delivery is logged with its error, retried later, then sent', async () => {
    expect(
      (await setSmtp({ host: '127.0.0.1', port: 1, fromAddress: 'jalon@exemple.test' })).statusCode,
    ).toBe(200);
    const failed = Delivery.parse(
      (
        await call(t, pmo, { method: 'POST', url: `/api/v1/report-subscriptions/${user.id}/send` })
      ).json(),
    );
    expect(failed.state).toBe('retrying');
    expect(failed.attempts).toBe(1);
    expect(failed.error).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);
    const wait = new Date(failed.nextAttemptAt!).getTime() - Date.now();
    expect(wait).toBeGreaterThan(4 * 60_000);
    // Not yet due: nothing happens.
    expect(await runDeliveries(t.ctx)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    // The server is fixed (the stored password is kept when none is sent); six minutes later the retry goes.
    await setSmtp({
      host: '127.0.0.1',
      port,
      username: 'jalon',
      fromAddress: 'jalon@exemple.test',
    });
    const before = inbox.length;
    expect(await runDeliveries(t.ctx, new Date(Date.now() + 6 * 60_000))).toEqual({
      sent: 1,
      retrying: 0,
      failed: 0,
    });
    expect(inbox.length).toBe(before + 1);
    const log = (
      await call(t, pmo, { url: `/api/v1/report-deliveries?subscriptionId=${user.id}` })
    ).json().items as Delivery[];
    expect(log.find((d) => d.id === failed.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('pausing and deleting need the current version', async () => {
    const stale = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/report-subscriptions/${list.id}`,
      headers: { 'if-match': '"99"' },
      payload: { active: false },
    });
    expect(stale.statusCode).toBe(412);
    const current = Subscription.parse(
      (await call(t, pmo, { url: '/api/v1/report-subscriptions' }))
        .json()
        .items.find((s: Subscription) => s.id === list.id),
    );
    const paused = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/report-subscriptions/${list.id}`,
      headers: { 'if-match': `"${current.version}"` },
      payload: { active: false },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/report-subscriptions/${list.id}`,
      headers: { 'if-match': `"${paused.json().version}"` },
    });
    expect(del.statusCode).toBe(204);
  });
});
