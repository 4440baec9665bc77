import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '../../../contracts/risks.ts';
import { errorMessage } from '../../components/errors.ts';
import { useEscalateRisk } from '../risks/risks-api.ts';

/** Where a risk can still be raised: its programme (a project risk), then its portfolio. */
export function escalationTargets(risk: Risk): ('program' | 'portfolio')[] {
  const targets: ('program' | 'portfolio')[] = [];
  if (risk.project && !risk.program) targets.push('program');
  if (!risk.portfolio) targets.push('portfolio');
  return targets;
}

/** Raises a risk to its programme or portfolio register, with the reason written down. */
export function EscalateModal({
  risk,
  onClose,
  onDone,
}: {
  risk: Risk;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const escalate = useEscalateRisk();
  const targets = escalationTargets(risk);
  const [to, setTo] = useState<'program' | 'portfolio'>(targets[0] ?? 'program');
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('register.escalate.title', { code: risk.code })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          escalate.mutate(
            { id: risk.id, version: risk.version, to, reason: reason.trim() },
            {
              onSuccess: () => {
                onClose();
                onDone();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('register.escalate.help')}
          </Text>
          <Select
            label={t('register.escalate.to')}
            data={targets.map((x) => ({ value: x, label: t(`register.escalate.target.${x}`) }))}
            value={to}
            allowDeselect={false}
            onChange={(x) => setTo((x ?? 'program') as 'program')}
          />
          <Textarea
            label={t('register.escalate.reason')}
            description={t('register.escalate.reasonHelp')}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          {escalate.error && (
            <Text size="sm" c="red.9" role="alert">
              {errorMessage(t, escalate.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!reason.trim()} loading={escalate.isPending}>
              {t('register.escalate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
