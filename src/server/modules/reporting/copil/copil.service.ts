import type { z } from 'zod';
import type {
  CreatePackBody,
  CreateTemplateBody,
  Pack,
  PackTemplate,
  UpdateTemplateBody,
} from '../../../../contracts/copil.ts';
import {
  buildPack,
  CONTENT_TYPES,
  DEFAULT_TEMPLATE,
  packFileName,
  type PackFormat,
  type PackLanguage,
  type PackModel,
  type PackScope,
  type PackSection,
  type PackTemplate as CoreTemplate,
} from '../../../../core/copil/pack.ts';
import { DomainError } from '../../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../../core/platform/actor.ts';
import { roleGrants } from '../../../../core/platform/permissions.ts';
import type { Ctx } from '../../../context.ts';
import { isUniqueViolation } from '../../../db/errors.ts';
import { recordAudit } from '../../platform/audit.service.ts';
import { today } from '../reporting.service.ts';
import { gatherPack, resolveScope, type Scope } from './copil.data.ts';
import * as repo from './copil.repository.ts';
import { renderDocx } from './render-docx.ts';
import { renderPdf } from './render-pdf.ts';
import { renderPptx } from './render-pptx.ts';

const stale = (what: string, current: unknown) =>
  new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, { current });

const templateNotFound = (id: string) =>
  new DomainError('COPIL_TEMPLATE_NOT_FOUND', `No pack template ${id}`);

// ---------------------------------------------------------------- templates

function toTemplate(r: repo.TemplateRow): PackTemplate {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    subtitle: r.subtitle,
    sections: r.sections as PackSection[],
    accentColor: r.accentColor,
    footer: r.footer,
    confidentiality: r.confidentiality,
    archived: r.archived,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const canManage = (actor: Actor) => roleGrants(actor.role, 'copil.manage');

export async function listTemplates(ctx: Ctx, actor: Actor) {
  const rows = await repo.listTemplates(ctx.db);
  return { items: rows.map(toTemplate), canManage: canManage(actor) };
}

export async function getTemplate(ctx: Ctx, id: string) {
  const row = await repo.findTemplate(ctx.db, id);
  if (!row) throw templateNotFound(id);
  return toTemplate(row);
}

const duplicateName = (name: string) =>
  new DomainError('COPIL_TEMPLATE_EXISTS', `A template named "${name}" exists`, {
    issues: [{ path: ['body', 'name'], message: 'Already used' }],
  });

export async function createTemplate(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateTemplateBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertTemplate(tx, {
        ...input,
        accentColor: input.accentColor.toUpperCase(),
      });
      await recordAudit(tx, actor, {
        entityType: 'copil_template',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: { ...input },
      });
      return toTemplate(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(input.name);
    throw e;
  }
}

export async function updateTemplate(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateTemplateBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findTemplate(tx, id);
      if (!before) throw templateNotFound(id);
      const values = {
        ...input,
        ...(input.accentColor ? { accentColor: input.accentColor.toUpperCase() } : {}),
      };
      const row = await repo.updateTemplate(tx, id, version, values);
      if (!row) throw stale('template', toTemplate(before));
      await recordAudit(tx, actor, {
        entityType: 'copil_template',
        entityId: id,
        entityLabel: row.name,
        action:
          input.archived === true ? 'archive' : input.archived === false ? 'restore' : 'update',
        before: { ...before },
        after: { ...row },
      });
      return toTemplate(row);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateName(input.name ?? '');
    throw e;
  }
}

// ---------------------------------------------------------------- packs

function toPack(r: repo.PackInfo): Pack {
  return {
    id: r.id,
    scopeType: r.scopeType as PackScope,
    scopeId: r.scopeId,
    scopeName: r.scopeName,
    asOf: r.asOf,
    format: r.format as PackFormat,
    language: r.language as PackLanguage,
    templateName: r.templateName,
    state: r.state as Pack['state'],
    progress: r.progress,
    error: r.error,
    projectCount: r.projectCount,
    fileName: r.fileName,
    size: r.size,
    durationMs: r.durationMs,
    requestedBy: r.requestedByName,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The template to use: the given one, else the first active one, else the built-in standard. */
async function templateFor(
  ctx: Ctx,
  id: string | null,
): Promise<{ id: string | null; template: CoreTemplate }> {
  if (id) {
    const row = await repo.findTemplate(ctx.db, id);
    if (!row) throw templateNotFound(id);
    return { id: row.id, template: { ...toTemplate(row) } };
  }
  const first = (await repo.listTemplates(ctx.db)).find((t) => !t.archived);
  return first
    ? { id: first.id, template: { ...toTemplate(first) } }
    : { id: null, template: DEFAULT_TEMPLATE };
}

export type Renderer = (
  model: PackModel,
  onProgress: (f: number) => void | Promise<void>,
) => Promise<Buffer>;
export const RENDERERS: Record<PackFormat, Renderer> = {
  pdf: renderPdf,
  pptx: renderPptx,
  docx: renderDocx,
};

/** Builds a pack in memory (the scheduled reports use it directly). */
export async function producePack(
  ctx: Ctx,
  actor: Actor,
  scope: Scope,
  opts: {
    asOf: string;
    format: PackFormat;
    language: PackLanguage;
    template: CoreTemplate;
    onProgress?: (fraction: number) => void | Promise<void>;
  },
) {
  const input = await gatherPack(ctx, actor, scope, {
    asOf: opts.asOf,
    generatedOn: today(),
    language: opts.language,
    template: opts.template,
  });
  await opts.onProgress?.(0.2);
  const model = buildPack(input);
  const content = await RENDERERS[opts.format](model, (f) => opts.onProgress?.(0.2 + 0.75 * f));
  return {
    content,
    fileName: packFileName(scope.code, opts.asOf, opts.format),
    contentType: CONTENT_TYPES[opts.format],
    projectCount: input.projects.length,
  };
}

/** Packs being generated by this process (tests wait on them). */
const running = new Map<string, Promise<void>>();

/** Waits for a pack started by this process to finish (tests, CLI). */
export async function waitForPack(id: string) {
  await running.get(id);
}

/**
 * Queues a pack and starts generating it in the background: the request returns at once with
 * the pack `queued`; its progress and then its file are read from the pack record.
 */
export async function requestPack(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreatePackBody>,
): Promise<Pack> {
  const scope = await resolveScope(ctx, actor, input.scopeType, input.scopeId);
  const { id: templateId, template } = await templateFor(ctx, input.templateId);
  const asOf = input.asOf ?? today();
  const row = await ctx.db.transaction(async (tx) => {
    const pack = await repo.insertPack(tx, {
      scopeType: scope.type,
      scopeId: scope.id,
      scopeName: `${scope.code} — ${scope.name}`,
      asOf,
      format: input.format,
      language: input.language,
      templateId,
      templateName: template.name,
      requestedBy: userIdOf(actor),
      requestedByName: actor.name,
    });
    await recordAudit(tx, actor, {
      entityType: 'copil_pack',
      entityId: pack.id,
      entityLabel: `${pack.scopeName} ${asOf} ${input.format}`,
      action: 'create',
      after: {
        scopeType: scope.type,
        scopeId: scope.id,
        asOf,
        format: input.format,
        language: input.language,
        template: template.name,
      },
    });
    return pack;
  });
  const job = runPack(ctx, actor, row.id, scope, {
    asOf,
    format: input.format,
    language: input.language,
    template,
  }).finally(() => running.delete(row.id));
  running.set(row.id, job);
  return toPack(row);
}

async function runPack(
  ctx: Ctx,
  actor: Actor,
  id: string,
  scope: Scope,
  opts: { asOf: string; format: PackFormat; language: PackLanguage; template: CoreTemplate },
) {
  const started = Date.now();
  try {
    await repo.setPack(ctx.db, id, { state: 'running', progress: 5 });
    let last = 5;
    const out = await producePack(ctx, actor, scope, {
      ...opts,
      onProgress: async (f) => {
        const p = Math.min(99, Math.round(f * 100));
        if (p >= last + 10) {
          last = p;
          await repo.setPack(ctx.db, id, { progress: p });
        }
      },
    });
    await repo.setPack(ctx.db, id, {
      state: 'done',
      progress: 100,
      content: out.content,
      size: out.content.length,
      fileName: out.fileName,
      projectCount: out.projectCount,
      durationMs: Date.now() - started,
      finishedAt: new Date(),
    });
  } catch (e) {
    const code = e instanceof DomainError ? e.code : 'COPIL_PACK_FAILED';
    await repo
      .setPack(ctx.db, id, {
        state: 'failed',
        error: code,
        durationMs: Date.now() - started,
        finishedAt: new Date(),
      })
      .catch(() => undefined);
  }
}

const packNotFound = (id: string) => new DomainError('COPIL_PACK_NOT_FOUND', `No pack ${id}`);

/** A pack its requester, or a PMO, may read; anyone else gets not found. */
async function visiblePack(ctx: Ctx, actor: Actor, id: string) {
  const row = await repo.findPack(ctx.db, id);
  if (!row || (!canManage(actor) && row.requestedBy !== actor.userId)) throw packNotFound(id);
  return row;
}

export async function getPack(ctx: Ctx, actor: Actor, id: string) {
  return toPack(await visiblePack(ctx, actor, id));
}

export async function listPacks(ctx: Ctx, actor: Actor, limit: number) {
  const rows = await repo.listPacks(ctx.db, limit, canManage(actor) ? undefined : actor.userId);
  return { items: rows.map(toPack) };
}

export async function downloadPack(ctx: Ctx, actor: Actor, id: string) {
  const row = await visiblePack(ctx, actor, id);
  if (row.state !== 'done')
    throw new DomainError('COPIL_PACK_NOT_READY', `Pack ${id} is ${row.state}`, {
      state: row.state,
    });
  const content = await repo.packContent(ctx.db, id);
  if (!content) throw new DomainError('COPIL_PACK_NOT_READY', `Pack ${id} has no file`);
  return { content, fileName: row.fileName!, contentType: CONTENT_TYPES[row.format as PackFormat] };
}

/** On start: packs a stopped server left unfinished (older than 15 minutes) are failed. */
export async function failInterruptedPacks(ctx: Ctx) {
  await repo.failInterrupted(ctx.db, new Date(Date.now() - 15 * 60_000));
}
