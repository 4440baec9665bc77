import {
  Button,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Risk, RiskSettingsView } from '../../../contracts/risks.ts';
import { strategiesFor } from '../../../core/risks/register.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { ActionsPanel } from '../raid/ActionsPanel.tsx';
import { RiskTaskImpactsPanel } from '../raid/RiskTaskImpactsPanel.tsx';
import { PersonSelect } from '../org/pickers.tsx';
import { EscalateModal, escalationTargets } from '../register/EscalateModal.tsx';
import { useRiskCategories } from '../register/register-api.ts';
import { type RiskContainer, useCreateRisk, useUpdateRisk } from './risks-api.ts';

type Settings = z.infer<typeof RiskSettingsView>;

/** Records or edits a risk: cause → event → effect, assessment, response, residual. */
export function RiskForm({
  container,
  risk,
  settings,
  onClose,
  canEdit = true,
}: {
  container: RiskContainer;
  risk: Risk | null;
  settings: Settings;
  onClose: () => void;
  canEdit?: boolean;
}) {
  const { t } = useTranslation();
  const create = useCreateRisk(container);
  const update = useUpdateRisk();
  const categories = useRiskCategories();
  const [escalating, setEscalating] = useState(false);
  const [v, setV] = useState({
    kind: risk?.kind ?? 'threat',
    title: risk?.title ?? '',
    cause: risk?.cause ?? '',
    event: risk?.event ?? '',
    effect: risk?.effect ?? '',
    probability: String(risk?.probability ?? 3),
    cost: risk?.impacts.cost ? String(risk.impacts.cost) : null,
    schedule: risk?.impacts.schedule ? String(risk.impacts.schedule) : null,
    quality: risk?.impacts.quality ? String(risk.impacts.quality) : null,
    reputation: risk?.impacts.reputation ? String(risk.impacts.reputation) : null,
    costImpact: (risk?.costImpactCents ?? 0) / 100,
    strategy: risk?.strategy ?? null,
    response: risk?.response ?? '',
    residualProbability: risk?.residualProbability ? String(risk.residualProbability) : null,
    residualImpact: risk?.residualImpact ? String(risk.residualImpact) : null,
    proximity: risk?.proximity ?? '',
    status: risk?.status ?? 'open',
    ownerId: risk?.owner?.id ?? null,
    categoryId: risk?.category?.id ?? null,
  });
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const probabilityOptions = settings.probability.map((l, k) => ({
    value: String(k + 1),
    label: `${k + 1}. ${l.label} (${l.description})`,
  }));
  const impactOptions = settings.impact.map((l, k) => ({
    value: String(k + 1),
    label: `${k + 1}. ${l.label}`,
  }));
  const num = (s: string | null) => (s ? Number(s) : null);
  const body = {
    kind: v.kind,
    title: v.title,
    cause: v.cause,
    event: v.event,
    effect: v.effect,
    probability: Number(v.probability),
    impacts: {
      cost: num(v.cost),
      schedule: num(v.schedule),
      quality: num(v.quality),
      reputation: num(v.reputation),
    },
    costImpactCents: Math.round(Number(v.costImpact || 0) * 100),
    strategy: v.strategy as Risk['strategy'],
    response: v.response,
    residualProbability: num(v.residualProbability),
    residualImpact: num(v.residualImpact),
    proximity: v.proximity || null,
    status: v.status,
    ownerId: v.ownerId,
    categoryId: v.categoryId,
  };
  const mutation = risk ? update : create;
  const submit = () => {
    const done = { onSuccess: onClose };
    if (risk) update.mutate({ id: risk.id, version: risk.version, body }, done);
    else create.mutate(body, done);
  };
  return (
    <Modal opened onClose={onClose} size="xl" title={risk ? risk.code : t('risks.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('risks.kind.label')}
              data={[
                { value: 'threat', label: t('risks.kind.threat') },
                { value: 'opportunity', label: t('risks.kind.opportunity') },
              ]}
              value={v.kind}
              allowDeselect={false}
              onChange={(x) => set({ kind: (x ?? 'threat') as 'threat', strategy: null })}
            />
            <Select
              label={t('risks.statusLabel')}
              data={(['open', 'monitoring', 'occurred', 'closed'] as const).map((s) => ({
                value: s,
                label: t(`risks.status.${s}`),
              }))}
              value={v.status}
              allowDeselect={false}
              onChange={(x) => set({ status: (x ?? 'open') as 'open' })}
            />
          </SimpleGrid>
          <TextInput
            label={t('risks.title')}
            required
            value={v.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonSelect
              label={t('risks.owner')}
              value={v.ownerId}
              initial={risk?.owner ?? null}
              onChange={(x) => set({ ownerId: x })}
            />
            <Select
              label={t('register.form.category')}
              clearable
              searchable
              data={(categories.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.code} — ${c.name}`,
              }))}
              value={v.categoryId}
              onChange={(x) => set({ categoryId: x })}
              nothingFoundMessage={t('register.form.noCategory')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Textarea
              label={t('risks.cause')}
              autosize
              minRows={2}
              value={v.cause}
              onChange={(e) => set({ cause: e.currentTarget.value })}
            />
            <Textarea
              label={t('risks.event')}
              autosize
              minRows={2}
              value={v.event}
              onChange={(e) => set({ event: e.currentTarget.value })}
            />
            <Textarea
              label={t('risks.effect')}
              autosize
              minRows={2}
              value={v.effect}
              onChange={(e) => set({ effect: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Select
            label={t('risks.probability')}
            data={probabilityOptions}
            value={v.probability}
            allowDeselect={false}
            onChange={(x) => set({ probability: x ?? '3' })}
          />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(['cost', 'schedule', 'quality', 'reputation'] as const).map((d) => (
              <Select
                key={d}
                label={t(`risks.impacts.${d}`)}
                data={impactOptions}
                value={v[d]}
                clearable
                onChange={(x) => set({ [d]: x } as Partial<typeof v>)}
              />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('risks.costImpact')}
              min={0}
              decimalScale={2}
              thousandSeparator=" "
              decimalSeparator=","
              suffix=" €"
              value={v.costImpact}
              onChange={(x) => set({ costImpact: Number(x) || 0 })}
            />
            <DateField
              label={t('risks.proximity')}
              value={v.proximity || null}
              onChange={(d) => set({ proximity: d ?? '' })}
            />
          </SimpleGrid>
          <Select
            label={t('risks.strategyLabel')}
            data={strategiesFor(v.kind).map((s) => ({ value: s, label: t(`risks.strategy.${s}`) }))}
            value={v.strategy}
            clearable
            onChange={(x) => set({ strategy: x as Risk['strategy'] })}
          />
          <Textarea
            label={t('risks.response')}
            autosize
            minRows={2}
            value={v.response}
            onChange={(e) => set({ response: e.currentTarget.value })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('risks.residualProbability')}
              data={probabilityOptions}
              value={v.residualProbability}
              clearable
              onChange={(x) => set({ residualProbability: x })}
            />
            <Select
              label={t('risks.residualImpact')}
              data={impactOptions}
              value={v.residualImpact}
              clearable
              onChange={(x) => set({ residualImpact: x })}
            />
          </SimpleGrid>
          {mutation.error && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)' }}>
              {errorMessage(t, mutation.error)}
            </div>
          )}
          <Group justify="space-between">
            <Group gap="xs">
              {risk && canEdit && escalationTargets(risk).length > 0 && (
                <Button
                  variant="light"
                  leftSection={<IconArrowUp size={16} aria-hidden />}
                  onClick={() => setEscalating(true)}
                >
                  {t('register.escalate.button')}
                </Button>
              )}
              {risk?.escalatedTo && (
                <Text size="sm" c="dimmed">
                  {t(`register.escalate.badge.${risk.escalatedTo}`)}
                  {risk.escalationReason ? ` — ${risk.escalationReason}` : ''}
                </Text>
              )}
            </Group>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              {canEdit && (
                <Button type="submit" loading={mutation.isPending}>
                  {t('common.save')}
                </Button>
              )}
            </Group>
          </Group>
          {risk && (
            <>
              {risk.project && (
                <>
                  <Divider />
                  <RiskTaskImpactsPanel risk={risk} canEdit={canEdit} />
                </>
              )}
              <Divider />
              <ActionsPanel
                sourceType="risk"
                sourceId={risk.id}
                projectId={risk.project?.id ?? null}
                canEdit={canEdit}
              />
            </>
          )}
        </Stack>
      </form>
      {risk && escalating && (
        <EscalateModal risk={risk} onClose={() => setEscalating(false)} onDone={onClose} />
      )}
    </Modal>
  );
}
