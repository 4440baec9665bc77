import {
  Alert,
  Button,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CreateRequestBody, ProjectRequest, URGENCIES } from '../../../contracts/strategy.ts';
import { api } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError, validateWith } from '../../components/forms.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { type EffortRow, TeamEffortEditor, toTeamEffort } from '../portfolio/TeamEffort.tsx';
import { useInvalidateRequests } from './strategy-api.ts';

interface Values {
  title: string;
  problem: string;
  expectedBenefits: string;
  sponsorId: string | null;
  roughCostEuros: number | string;
  roughEffortDays: number | string;
  desiredStart: string | null;
  desiredEnd: string | null;
  urgency: string;
}

const toBody = (v: Values) => ({
  title: v.title.trim(),
  problem: v.problem.trim(),
  expectedBenefits: v.expectedBenefits.trim(),
  sponsorId: v.sponsorId,
  roughCost: v.roughCostEuros === '' ? null : Math.round(Number(v.roughCostEuros) * 100),
  roughEffortDays: v.roughEffortDays === '' ? null : Number(v.roughEffortDays),
  desiredStart: v.desiredStart || null,
  desiredEnd: v.desiredEnd || null,
  urgency: v.urgency as ProjectRequest['urgency'],
});

/** The intake form: anyone signed in describes a need; it lands in the PMO's triage column. */
export function RequestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateRequests();
  const [error, setError] = useState<string | null>(null);
  const [effortRows, setEffortRows] = useState<EffortRow[]>([]);
  const form = useForm<Values>({
    initialValues: {
      title: '',
      problem: '',
      expectedBenefits: '',
      sponsorId: null,
      roughCostEuros: '',
      roughEffortDays: '',
      desiredStart: null,
      desiredEnd: null,
      urgency: 'medium',
    },
    validate: validateWith(CreateRequestBody, toBody, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const created = await api.post('/strategy/requests', ProjectRequest, {
        ...toBody(values),
        effortByTeam: toTeamEffort(effortRows),
      });
      await invalidate(created);
      notifications.show({
        color: 'green',
        message: t('strategy.intake.submitted', { ref: created.reference }),
      });
      onClose();
      void navigate(`/strategy/intake/${created.id}`);
    } catch (err) {
      setError(
        applyApiError(form, err, t, [
          'title',
          'problem',
          'expectedBenefits',
          'sponsorId',
          'urgency',
          'desiredStart',
          'desiredEnd',
        ]),
      );
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('strategy.intake.new')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {error && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('strategy.request.title')}
            required
            data-autofocus
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('strategy.request.problem')}
            description={t('strategy.request.problemHelp')}
            required
            autosize
            minRows={3}
            {...form.getInputProps('problem')}
          />
          <Textarea
            label={t('strategy.request.expectedBenefits')}
            autosize
            minRows={2}
            {...form.getInputProps('expectedBenefits')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PersonSelect
              label={t('strategy.request.sponsor')}
              {...form.getInputProps('sponsorId')}
            />
            <Select
              label={t('strategy.request.urgency')}
              data={URGENCIES.map((u) => ({ value: u, label: t(`strategy.urgency.${u}`) }))}
              allowDeselect={false}
              {...form.getInputProps('urgency')}
            />
            <NumberInput
              label={t('strategy.request.roughCost')}
              suffix=" €"
              thousandSeparator=" "
              decimalSeparator=","
              min={0}
              decimalScale={2}
              {...form.getInputProps('roughCostEuros')}
            />
            <NumberInput
              label={t('strategy.request.roughEffort')}
              min={0}
              allowDecimal={false}
              thousandSeparator=" "
              {...form.getInputProps('roughEffortDays')}
            />
            <DateField
              label={t('strategy.request.desiredStart')}
              {...form.getInputProps('desiredStart')}
            />
            <DateField
              label={t('strategy.request.desiredEnd')}
              {...form.getInputProps('desiredEnd')}
            />
          </SimpleGrid>
          <TeamEffortEditor rows={effortRows} onChange={setEffortRows} />
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting}>
              {t('strategy.intake.submit')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
