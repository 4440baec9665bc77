import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import { createTemplate } from '../modules/reporting/copil/copil.service.ts';
import { createSubscription } from '../modules/reporting/copil/delivery.service.ts';

/**
 * The demo's steering-committee material: the PMO's two pack templates (the monthly COPIL of
 * the executive committee, a short project review) and scheduled reports — the monthly pack of
 * the largest portfolio to the executive committee's mailing list, the weekly portfolio status
 * to Claire Martin (PMO). No mail server is configured in the demo: they wait for one.
 */
export async function seedDemoCopil(ctx: Ctx, actor: Actor) {
  const monthly = await createTemplate(ctx, actor, {
    name: 'COPIL mensuel — Comité exécutif',
    title: 'Comité de pilotage du portefeuille',
    subtitle: 'Groupe Exemple — Direction de la transformation',
    sections: ['summary', 'weather', 'decisions', 'milestones', 'budget', 'risks', 'charts'],
    accentColor: '#1C5D99',
    footer: 'Groupe Exemple — PMO',
    confidentiality: 'Diffusion restreinte — Comité exécutif',
  });
  await createTemplate(ctx, actor, {
    name: 'Revue de projet (courte)',
    title: 'Revue de projet',
    subtitle: '',
    sections: ['weather', 'decisions', 'milestones', 'risks'],
    accentColor: '#2F9E44',
    footer: 'Groupe Exemple — PMO',
    confidentiality: '',
  });
  const [portfolio] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select portfolio_id as id from projects where archived_at is null
        group by portfolio_id order by count(*) desc, portfolio_id limit 1`,
  );
  const [claire] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from users where email = 'claire.martin@exemple.fr'`,
  );
  if (!portfolio) return;
  await createSubscription(ctx, actor, {
    recipientUserId: null,
    recipientEmail: 'comex@groupe-exemple.fr',
    content: 'copil_pack',
    scopeType: 'portfolio',
    scopeId: portfolio.id,
    templateId: monthly.id,
    format: 'pdf',
    language: 'fr',
    frequency: 'monthly',
    day: 5,
    active: true,
  });
  if (claire)
    await createSubscription(ctx, actor, {
      recipientUserId: claire.id,
      recipientEmail: null,
      content: 'portfolio_status',
      scopeType: 'portfolio',
      scopeId: portfolio.id,
      templateId: null,
      format: 'xlsx',
      language: 'fr',
      frequency: 'weekly',
      day: 1,
      active: true,
    });
}
