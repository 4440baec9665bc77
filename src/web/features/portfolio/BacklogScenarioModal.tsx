import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKLOG_STAGES, BacklogScenario, type Scenario } from '../../../contracts/scenarios.ts';
import { apiRequest, isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { currentLocale } from '../../i18n.ts';
import { useInvalidateScenarios, useScoringModels } from '../scenarios/scenarios-api.ts';

const buildFromBacklog = (body: unknown) =>
  apiRequest('POST', '/strategy/scenarios/from-backlog', BacklogScenario, { body });

/** The next 24 months from this one, as YYYY-MM with a French (or English) label. */
function monthOptions(): { value: string; label: string }[] {
  const now = new Date();
  const fmt = new Intl.DateTimeFormat(currentLocale() === 'fr' ? 'fr-FR' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return Array.from({ length: 24 }, (_, k) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + k, 1));
    const value = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    return { value, label: fmt.format(d) };
  });
}

/**
 * Builds a scenario from the backlog: which requests, valued by a scoring model or by their
 * NPV, over which months, with which monthly budget and which share of the teams' free
 * capacity. After saving, it lists what was assumed or left out, request by request.
 */
export function BacklogScenarioModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (s: Scenario) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateScenarios();
  const models = useScoringModels();
  const months = monthOptions();
  const [name, setName] = useState('');
  const [stages, setStages] = useState<string[]>(['evaluation']);
  const [valueBasis, setValueBasis] = useState<'score' | 'npv'>('score');
  const [modelId, setModelId] = useState<string | null>(null);
  const [firstMonth, setFirstMonth] = useState(months[1]!.value);
  const [count, setCount] = useState<number | string>(12);
  const [budget, setBudget] = useState<number | string>('');
  const [windowMonths, setWindowMonths] = useState<number | string>(2);
  const [useCapacity, setUseCapacity] = useState(true);
  const [share, setShare] = useState<number | string>(50);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [built, setBuilt] = useState<BacklogScenario | null>(null);
  const pick = (label: string) => t(`portfolioSelection.backlog.${label}`);

  const save = async () => {
    setError(null);
    setSaving(true);
    try {
      const s = await buildFromBacklog({
        name: name.trim(),
        stages,
        valueBasis,
        scoringModelId: valueBasis === 'score' ? modelId : null,
        firstMonth,
        months: Number(count) || 12,
        monthlyBudget: budget === '' ? null : Math.round(Number(budget) * 100),
        windowMonths: Number(windowMonths) || 0,
        capacityShare: useCapacity ? Number(share) : null,
      });
      await invalidate(s);
      onCreated(s);
      setBuilt(s);
    } catch (err) {
      if (isApiError(err, 'VALIDATION_FAILED') && err.issues[0])
        setError(
          t('portfolioSelection.backlog.invalid', {
            field: pick(`fields.${String(err.issues[0].path[1])}`),
            message: err.issues[0].message,
          }),
        );
      else setError(errorMessage(t, err));
    } finally {
      setSaving(false);
    }
  };

  if (built) {
    const excluded = built.buildNotes.filter((n) => n.excluded);
    const assumed = built.buildNotes.filter((n) => !n.excluded);
    return (
      <Modal opened onClose={onClose} title={pick('doneTitle')} size="lg">
        <Stack>
          <Alert color="teal" variant="light">
            {t('portfolioSelection.backlog.done', {
              name: built.name,
              count: built.candidateCount,
            })}
          </Alert>
          {excluded.length > 0 && (
            <div>
              <Text fw={600} size="sm">
                {pick('excluded')}
              </Text>
              <List size="sm">
                {excluded.map((n) => (
                  <List.Item key={`${n.requestId}-${n.code}`}>
                    {n.reference} — {pick(`notes.${n.code}`)}
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          {assumed.length > 0 && (
            <div>
              <Text fw={600} size="sm">
                {pick('assumed')}
              </Text>
              <List size="sm">
                {assumed.map((n) => (
                  <List.Item key={`${n.requestId}-${n.code}`}>
                    {n.reference} — {pick(`notes.${n.code}`)}
                  </List.Item>
                ))}
              </List>
            </div>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose}>{pick('open')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  return (
    <Modal opened onClose={onClose} title={pick('title')} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {pick('help')}
        </Text>
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={pick('fields.name')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Checkbox.Group label={pick('fields.stages')} value={stages} onChange={setStages}>
          <Group mt={4}>
            {BACKLOG_STAGES.map((s) => (
              <Checkbox key={s} value={s} label={t(`strategy.stage.${s}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="backlog-value-basis">
            {pick('fields.valueBasis')}
          </Text>
          <SegmentedControl
            aria-labelledby="backlog-value-basis"
            value={valueBasis}
            onChange={(v) => setValueBasis(v as 'score' | 'npv')}
            data={[
              { value: 'score', label: pick('valueScore') },
              { value: 'npv', label: pick('valueNpv') },
            ]}
          />
        </Stack>
        {valueBasis === 'score' && (
          <Select
            label={pick('fields.scoringModelId')}
            required
            data={(models.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={modelId}
            onChange={setModelId}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={pick('fields.firstMonth')}
            data={months}
            value={firstMonth}
            onChange={(e) => setFirstMonth(e.currentTarget.value)}
          />
          <NumberInput
            label={pick('fields.months')}
            min={1}
            max={36}
            value={count}
            onChange={setCount}
          />
          <NumberInput
            label={pick('fields.windowMonths')}
            description={pick('windowHelp')}
            min={0}
            max={6}
            value={windowMonths}
            onChange={setWindowMonths}
          />
        </SimpleGrid>
        <NumberInput
          label={pick('fields.monthlyBudget')}
          description={pick('budgetHelp')}
          min={0}
          thousandSeparator=" "
          decimalSeparator=","
          suffix=" €"
          value={budget}
          onChange={setBudget}
        />
        <Switch
          label={pick('useCapacity')}
          checked={useCapacity}
          onChange={(e) => setUseCapacity(e.currentTarget.checked)}
        />
        {useCapacity && (
          <NumberInput
            label={pick('fields.capacityShare')}
            description={pick('shareHelp')}
            min={0}
            max={100}
            suffix=" %"
            value={share}
            onChange={setShare}
          />
        )}
        <FormActions onCancel={onClose}>
          <Button onClick={() => void save()} loading={saving} disabled={stages.length === 0}>
            {pick('build')}
          </Button>
        </FormActions>
      </Stack>
    </Modal>
  );
}
