import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Risk } from '../../../contracts/risks.ts';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { useEscalateRisk } from '../risks/risks-api.ts';

/** Where a risk can still be raised: its programme (a project risk), then its portfolio. */
export function escalationTargets(risk: Risk): ('program' | 'portfolio')[] {
  const targets: ('program' | 'portfolio')[] = [];
  if (risk.project && !risk.program) targets.push('program');
  if (!risk.portfolio) targets.push('portfolio');
  return targets;
}

/**
 * The escalation dialog shared by risks and issues: the target (programme or portfolio) and
 * the reason, required. `keys` is the translation namespace of the texts.
 */
export function EscalateDialog({
  title,
  keys,
  targets,
  escalate,
  onClose,
}: {
  title: string;
  keys: 'register.escalate' | 'raid.escalation';
  targets: ('program' | 'portfolio')[];
  escalate: {
    run: (to: 'program' | 'portfolio', reason: string) => void;
    isPending: boolean;
    error: unknown;
  };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState<'program' | 'portfolio'>(targets[0] ?? 'program');
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          escalate.run(to, reason.trim());
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t(`${keys}.help`)}
          </Text>
          <Select
            label={t(`${keys}.to`)}
            data={targets.map((x) => ({ value: x, label: t(`${keys}.target.${x}`) }))}
            value={to}
            allowDeselect={false}
            onChange={(x) => setTo((x ?? 'program') as 'program')}
          />
          <Textarea
            label={t(`${keys}.reason`)}
            description={t(`${keys}.reasonHelp`)}
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <FormActions
            error={escalate.error ? errorMessage(t, escalate.error) : null}
            onCancel={onClose}
          >
            <Button type="submit" disabled={!reason.trim()} loading={escalate.isPending}>
              {t(`${keys}.submit`)}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
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
  return (
    <EscalateDialog
      title={t('register.escalate.title', { code: risk.code })}
      keys="register.escalate"
      targets={escalationTargets(risk)}
      escalate={{
        run: (to, reason) =>
          escalate.mutate(
            { id: risk.id, version: risk.version, to, reason },
            {
              onSuccess: () => {
                onClose();
                onDone();
              },
            },
          ),
        isPending: escalate.isPending,
        error: escalate.error,
      }}
      onClose={onClose}
    />
  );
}
