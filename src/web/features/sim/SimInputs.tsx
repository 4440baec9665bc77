import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskEvent, SimModel, SimTask } from '../../../contracts/sim.ts';
import { formatMoney, formatNumber } from '../../format.ts';
import {
  useDeleteCostRange,
  useDeleteEstimate,
  useDeleteEvent,
  useSaveCostRange,
  useSaveEstimate,
  useSaveEvent,
} from './sim-api.ts';

type Distribution = 'triangular' | 'pert' | 'uniform';
const DISTRIBUTIONS: Distribution[] = ['pert', 'triangular', 'uniform'];

/** What the simulation reads, edited in three tabs: estimates, risk events, cost ranges. */
export function SimInputs({ model }: { model: SimModel }) {
  const { t } = useTranslation();
  return (
    <Tabs defaultValue="estimates" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="estimates">
          {t('sim.inputs.estimates')}{' '}
          <Badge size="sm" variant="light" ml={4}>
            {model.tasks.filter((x) => x.estimate).length}
          </Badge>
        </Tabs.Tab>
        <Tabs.Tab value="events">
          {t('sim.inputs.events')}{' '}
          <Badge size="sm" variant="light" ml={4}>
            {model.events.filter((e) => !e.superseded).length + model.registerEvents.length}
          </Badge>
        </Tabs.Tab>
        {model.cost && <Tabs.Tab value="costs">{t('sim.inputs.costs')}</Tabs.Tab>}
      </Tabs.List>
      <Tabs.Panel value="estimates" pt="sm">
        <EstimatesTable model={model} />
      </Tabs.Panel>
      <Tabs.Panel value="events" pt="sm">
        <EventsTable model={model} />
      </Tabs.Panel>
      {model.cost && (
        <Tabs.Panel value="costs" pt="sm">
          <CostTable model={model} />
        </Tabs.Panel>
      )}
    </Tabs>
  );
}

const days = (x: number) => `${formatNumber(Math.round(x * 10) / 10)} j`;

/** The column heads of a three-point range: distribution, minimum, mode, maximum. */
function RangeHeads() {
  const { t } = useTranslation();
  return (
    <>
      <Table.Th>{t('sim.estimate.distribution')}</Table.Th>
      <Table.Th ta="right">{t('sim.estimate.min')}</Table.Th>
      <Table.Th ta="right">{t('sim.estimate.mode')}</Table.Th>
      <Table.Th ta="right">{t('sim.estimate.max')}</Table.Th>
    </>
  );
}

/** A three-point range in its four cells (a uniform one has no mode); « — » and blanks without one. */
function RangeCells({
  range,
  format,
}: {
  range: { distribution: Distribution; min: number; mode: number; max: number } | null;
  format: (x: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td>{range ? t(`sim.distribution.${range.distribution}`) : '—'}</Table.Td>
      <Table.Td ta="right">{range ? format(range.min) : ''}</Table.Td>
      <Table.Td ta="right">
        {range && range.distribution !== 'uniform' ? format(range.mode) : ''}
      </Table.Td>
      <Table.Td ta="right">{range ? format(range.max) : ''}</Table.Td>
    </>
  );
}

function EstimatesTable({ model }: { model: SimModel }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<SimTask | null>(null);
  const remove = useDeleteEstimate(model.projectId);
  if (model.tasks.length === 0) {
    return <Text c="dimmed">{t('sim.inputs.noTasks')}</Text>;
  }
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {t('sim.inputs.estimatesHelp')}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sim.task.wbs')}</Table.Th>
              <Table.Th>{t('sim.task.name')}</Table.Th>
              <Table.Th ta="right">{t('sim.task.duration')}</Table.Th>
              <RangeHeads />
              <Table.Th>
                <span className="visually-hidden">{t('sim.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {model.tasks.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>{task.wbs}</Table.Td>
                <Table.Td style={{ paddingLeft: 8 + 16 * task.level }}>
                  <Text size="sm" fw={task.isSummary ? 600 : 400}>
                    {task.name}
                    {task.critical && !task.isSummary && (
                      <Badge size="xs" color="red" variant="light" ml={6}>
                        {t('sim.task.critical')}
                      </Badge>
                    )}
                    {task.milestone && (
                      <Badge size="xs" variant="outline" ml={6}>
                        {t('sim.task.milestone')}
                      </Badge>
                    )}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{days(task.duration)}</Table.Td>
                <RangeCells range={task.estimate} format={days} />
                <Table.Td>
                  {!task.isSummary && !task.milestone && model.can.edit && (
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Tooltip label={t('sim.estimate.edit', { name: task.name })}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('sim.estimate.edit', { name: task.name })}
                          onClick={() => setEditing(task)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      {task.estimate && (
                        <Tooltip label={t('sim.estimate.remove', { name: task.name })}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t('sim.estimate.remove', { name: task.name })}
                            onClick={() =>
                              remove.mutate({ taskId: task.id, version: task.estimate!.version })
                            }
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <RangeModal
          title={t('sim.estimate.title', { name: editing.name })}
          unit="days"
          initial={
            editing.estimate ?? {
              distribution: 'pert',
              min: Math.max(0, Math.round(editing.duration * 0.9)),
              mode: editing.duration,
              max: Math.ceil(editing.duration * 1.5),
              version: 0,
            }
          }
          projectId={model.projectId}
          onSave={(body, version) => ({ kind: 'estimate', id: editing.id, body, version })}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

interface RangeValue {
  distribution: Distribution;
  min: number;
  mode: number;
  max: number;
  version: number;
}

type SaveTarget = {
  kind: 'estimate' | 'cost';
  id: string;
  body: Omit<RangeValue, 'version'>;
  version: number;
};

/** The three-point form, for a duration (working days) or a cost (euros, sent in cents). */
function RangeModal({
  title,
  unit,
  initial,
  projectId,
  onSave,
  onClose,
}: {
  title: string;
  unit: 'days' | 'euros';
  initial: RangeValue;
  projectId: string;
  onSave: (body: Omit<RangeValue, 'version'>, version: number) => SaveTarget;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const scale = unit === 'euros' ? 100 : 1;
  const [value, setValue] = useState({
    distribution: initial.distribution,
    min: initial.min / scale,
    mode: initial.mode / scale,
    max: initial.max / scale,
  });
  const saveEstimate = useSaveEstimate(projectId);
  const saveCost = useSaveCostRange(projectId);
  const pending = saveEstimate.isPending || saveCost.isPending;
  const uniform = value.distribution === 'uniform';
  const problem =
    value.min > value.max
      ? t('sim.estimate.minAboveMax')
      : !uniform && (value.mode < value.min || value.mode > value.max)
        ? t('sim.estimate.modeOutside')
        : null;
  const submit = () => {
    const body = {
      distribution: value.distribution,
      min: Math.round(value.min * scale * 100) / 100,
      mode: Math.round((uniform ? (value.min + value.max) / 2 : value.mode) * scale * 100) / 100,
      max: Math.round(value.max * scale * 100) / 100,
    };
    if (unit === 'euros') {
      body.min = Math.round(body.min);
      body.mode = Math.round(body.mode);
      body.max = Math.round(body.max);
    }
    const target = onSave(body, initial.version);
    const done = { onSuccess: onClose };
    if (target.kind === 'estimate') {
      saveEstimate.mutate({ taskId: target.id, version: target.version, body }, done);
    } else {
      saveCost.mutate({ lineId: target.id, version: target.version, body }, done);
    }
  };
  const suffix = unit === 'euros' ? ' €' : ' j';
  const field = (key: 'min' | 'mode' | 'max') => (
    <NumberInput
      label={t(`sim.estimate.${key}`)}
      value={value[key]}
      onChange={(v) => setValue((s) => ({ ...s, [key]: typeof v === 'number' ? v : 0 }))}
      min={0}
      decimalScale={unit === 'euros' ? 2 : 1}
      decimalSeparator=","
      thousandSeparator={' '}
      suffix={suffix}
      disabled={key === 'mode' && uniform}
    />
  );
  return (
    <Modal opened onClose={onClose} title={title} size="md">
      <Stack gap="sm">
        <Select
          label={t('sim.estimate.distribution')}
          value={value.distribution}
          onChange={(v) => v && setValue((s) => ({ ...s, distribution: v as Distribution }))}
          data={DISTRIBUTIONS.map((d) => ({ value: d, label: t(`sim.distribution.${d}`) }))}
          allowDeselect={false}
        />
        <Group grow>
          {field('min')}
          {field('mode')}
          {field('max')}
        </Group>
        {problem && (
          <Text c="red.8" size="sm" role="alert">
            {problem}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('sim.cancel')}
          </Button>
          <Button onClick={submit} loading={pending} disabled={problem !== null}>
            {t('sim.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EventsTable({ model }: { model: SimModel }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<RiskEvent | 'new' | null>(null);
  const remove = useDeleteEvent(model.projectId);
  const taskName = new Map(model.tasks.map((x) => [x.id, `${x.wbs} ${x.name}`]));
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          {t('sim.inputs.eventsHelp')}
        </Text>
        {model.can.edit && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('sim.event.add')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('raid.simLink.help')}
      </Text>
      {model.events.length === 0 && model.registerEvents.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('sim.event.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sim.event.name')}</Table.Th>
                <Table.Th>{t('sim.event.risk')}</Table.Th>
                <Table.Th ta="right">{t('sim.event.probability')}</Table.Th>
                <Table.Th>{t('sim.event.impacts')}</Table.Th>
                {model.cost && <Table.Th ta="right">{t('sim.event.cost')}</Table.Th>}
                <Table.Th>
                  <span className="visually-hidden">{t('sim.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {model.registerEvents.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {e.name}
                      <Badge size="sm" variant="light" color="teal">
                        {t('raid.simLink.fromRegister')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.risk ? `${e.risk.code} ${e.risk.title}` : '—'}</Table.Td>
                  <Table.Td ta="right">{`${formatNumber(Math.round(e.probability * 1000) / 10)} %`}</Table.Td>
                  <Table.Td>
                    {e.impacts
                      .map((i) => `${taskName.get(i.taskId) ?? '?'} +${days(i.days)}`)
                      .join(' ; ')}
                  </Table.Td>
                  {model.cost && (
                    <Table.Td ta="right">{e.costImpact ? formatMoney(e.costImpact) : '—'}</Table.Td>
                  )}
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t('raid.simLink.editInRegister')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
              {model.events.map((e) => (
                <Table.Tr key={e.id} c={e.superseded ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {e.name}
                      {e.superseded && (
                        <Badge size="sm" variant="light" color="gray">
                          {t('raid.simLink.superseded')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.risk ? `${e.risk.code} ${e.risk.title}` : '—'}</Table.Td>
                  <Table.Td ta="right">{`${formatNumber(Math.round(e.probability * 1000) / 10)} %`}</Table.Td>
                  <Table.Td>
                    {e.impacts.length === 0
                      ? '—'
                      : e.impacts
                          .map((i) => `${taskName.get(i.taskId) ?? '?'} +${days(i.days)}`)
                          .join(' ; ')}
                  </Table.Td>
                  {model.cost && (
                    <Table.Td ta="right">{e.costImpact ? formatMoney(e.costImpact) : '—'}</Table.Td>
                  )}
                  <Table.Td>
                    {model.can.edit && (
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('sim.event.edit', { name: e.name })}
                          onClick={() => setEditing(e)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('sim.event.remove', { name: e.name })}
                          onClick={() => remove.mutate({ id: e.id, version: e.version })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <EventModal
          model={model}
          event={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function EventModal({
  model,
  event,
  onClose,
}: {
  model: SimModel;
  event: RiskEvent | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveEvent(model.projectId);
  const [name, setName] = useState(event?.name ?? '');
  const [riskId, setRiskId] = useState<string | null>(event?.risk?.id ?? null);
  const [probability, setProbability] = useState((event?.probability ?? 0.3) * 100);
  const [cost, setCost] = useState((event?.costImpact ?? 0) / 100);
  const [impacts, setImpacts] = useState(event?.impacts ?? []);
  const leaves = model.tasks.filter((x) => !x.isSummary);
  const submit = () => {
    const body = {
      name: name.trim(),
      riskId,
      probability: Math.round(probability * 10) / 1000,
      impacts: impacts.filter((i) => i.taskId),
      ...(model.cost ? { costImpact: Math.round(cost * 100) } : {}),
    };
    save.mutate(event ? { id: event.id, version: event.version, body } : { body }, {
      onSuccess: onClose,
    });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={event ? t('sim.event.editTitle') : t('sim.event.add')}
      size="lg"
    >
      <Stack gap="sm">
        <TextInput
          label={t('sim.event.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        <Select
          label={t('sim.event.risk')}
          placeholder={t('sim.event.noRisk')}
          value={riskId}
          onChange={setRiskId}
          clearable
          searchable
          data={model.registerRisks.map((r) => ({ value: r.id, label: `${r.code} ${r.title}` }))}
        />
        <Group grow>
          <NumberInput
            label={t('sim.event.probability')}
            value={probability}
            onChange={(v) => setProbability(typeof v === 'number' ? v : 0)}
            min={0}
            max={100}
            decimalScale={1}
            decimalSeparator=","
            suffix=" %"
          />
          {model.cost && (
            <NumberInput
              label={t('sim.event.cost')}
              value={cost}
              onChange={(v) => setCost(typeof v === 'number' ? v : 0)}
              decimalScale={2}
              decimalSeparator=","
              thousandSeparator={' '}
              suffix=" €"
            />
          )}
        </Group>
        <Text size="sm" fw={500}>
          {t('sim.event.impacts')}
        </Text>
        {impacts.map((impact, index) => (
          <Group key={index} align="flex-end" wrap="nowrap">
            <Select
              style={{ flex: 1 }}
              label={t('sim.event.task', { n: index + 1 })}
              value={impact.taskId || null}
              searchable
              onChange={(v) =>
                setImpacts((list) =>
                  list.map((x, i) => (i === index ? { ...x, taskId: v ?? '' } : x)),
                )
              }
              data={leaves.map((x) => ({ value: x.id, label: `${x.wbs} ${x.name}` }))}
            />
            <NumberInput
              w={140}
              label={t('sim.event.days')}
              value={impact.days}
              onChange={(v) =>
                setImpacts((list) =>
                  list.map((x, i) =>
                    i === index ? { ...x, days: typeof v === 'number' ? v : 0 } : x,
                  ),
                )
              }
              decimalScale={1}
              decimalSeparator=","
              suffix=" j"
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={t('sim.event.removeImpact', { n: index + 1 })}
              onClick={() => setImpacts((list) => list.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="light"
          w="fit-content"
          leftSection={<IconPlus size={16} />}
          onClick={() => setImpacts((list) => [...list, { taskId: '', days: 5 }])}
        >
          {t('sim.event.addImpact')}
        </Button>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('sim.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={name.trim() === ''}>
            {t('sim.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CostTable({ model }: { model: SimModel }) {
  const { t } = useTranslation();
  const cost = model.cost!;
  const [editing, setEditing] = useState<(typeof cost.lines)[number] | null>(null);
  const remove = useDeleteCostRange(model.projectId);
  if (cost.lines.length === 0) return <Text c="dimmed">{t('sim.inputs.noLines')}</Text>;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {t('sim.inputs.costsHelp', { budget: formatMoney(cost.budget) })}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sim.cost.line')}</Table.Th>
              <Table.Th ta="right">{t('sim.cost.budget')}</Table.Th>
              <RangeHeads />
              <Table.Th>
                <span className="visually-hidden">{t('sim.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cost.lines.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>{l.label}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.amount)}</Table.Td>
                <RangeCells range={l.range} format={formatMoney} />
                <Table.Td>
                  {model.can.edit && (
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('sim.cost.edit', { name: l.label })}
                        onClick={() => setEditing(l)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      {l.range && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('sim.cost.remove', { name: l.label })}
                          onClick={() => remove.mutate({ lineId: l.id, version: l.range!.version })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <RangeModal
          title={t('sim.cost.title', { name: editing.label })}
          unit="euros"
          initial={
            editing.range ?? {
              distribution: 'triangular',
              min: Math.round(editing.amount * 0.95),
              mode: editing.amount,
              max: Math.round(editing.amount * 1.3),
              version: 0,
            }
          }
          projectId={model.projectId}
          onSave={(body, version) => ({ kind: 'cost', id: editing.id, body, version })}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
