import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreatePortfolioBody,
  CreateProgramBody,
  Portfolio,
  Program,
  UpdatePortfolioBody,
  UpdateProgramBody,
} from '../../../contracts/portfolio.ts';
import { api } from '../../api/client.ts';
import { ConflictAlert, useEditSession } from '../../components/conflict.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { applyApiError, validateWith } from '../../components/forms.ts';
import { PersonSelect } from '../org/pickers.tsx';
import { PortfolioSelect } from './pickers.tsx';
import { useInvalidateHierarchy } from './portfolio-api.ts';

interface PortfolioValues {
  code: string;
  name: string;
  description: string;
  ownerId: string | null;
}
const portfolioBody = (v: PortfolioValues) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  description: v.description,
  ownerId: v.ownerId,
});
const portfolioValues = (p: Portfolio): PortfolioValues => ({
  code: p.code,
  name: p.name,
  description: p.description,
  ownerId: p.owner?.id ?? null,
});
const PORTFOLIO_FIELDS = ['code', 'name', 'description', 'ownerId'];

function ErrorLine({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  ) : null;
}

/** Creates a portfolio, or edits one (with `If-Match` and conflict handling) when given. */
export function PortfolioModal({
  portfolio,
  onClose,
}: {
  portfolio?: Portfolio;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateHierarchy();
  const [error, setError] = useState<string | null>(null);
  const empty: PortfolioValues = { code: '', name: '', description: '', ownerId: null };
  const session = useEditSession({
    record: portfolio,
    schema: Portfolio,
    toValues: portfolioValues,
    toBody: portfolioBody,
  });
  const form = useForm<PortfolioValues>({
    initialValues: portfolio ? portfolioValues(portfolio) : empty,
    validate: validateWith(portfolio ? UpdatePortfolioBody : CreatePortfolioBody, portfolioBody, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await session.write(values, {
        update: (patch, version, p) => api.patch(`/portfolios/${p.id}`, Portfolio, patch, version),
        create: (body) => api.post('/portfolios', Portfolio, body),
      });
      await invalidate();
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    } catch (e) {
      if (session.catchConflict(e)) return;
      setError(applyApiError(form, e, t, PORTFOLIO_FIELDS));
    }
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={portfolio ? t('portfolio.editTitle') : t('portfolio.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            session={session}
            form={form}
            fieldLabel={(f) => t(`portfolio.fields.${f}`)}
          />
          <ErrorLine message={error} />
          <Group grow align="flex-start">
            <TextInput
              label={t('portfolio.fields.code')}
              required
              {...form.getInputProps('code')}
            />
            <TextInput
              label={t('portfolio.fields.name')}
              required
              {...form.getInputProps('name')}
            />
          </Group>
          <PersonSelect
            label={t('portfolio.fields.ownerId')}
            initial={portfolio?.owner ?? null}
            {...form.getInputProps('ownerId')}
          />
          <Textarea
            label={t('portfolio.fields.description')}
            autosize
            minRows={3}
            {...form.getInputProps('description')}
          />
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting} disabled={!!session.conflict}>
              {portfolio ? t('common.save') : t('common.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

interface ProgramValues {
  code: string;
  name: string;
  description: string;
  portfolioId: string | null;
  managerId: string | null;
}
const programBody = (v: ProgramValues) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  description: v.description,
  portfolioId: v.portfolioId ?? '',
  managerId: v.managerId,
});
const programValues = (p: Program): ProgramValues => ({
  code: p.code,
  name: p.name,
  description: p.description,
  portfolioId: p.portfolio.id,
  managerId: p.manager?.id ?? null,
});
const PROGRAM_FIELDS = ['code', 'name', 'description', 'portfolioId', 'managerId'];

/** Creates a program in a portfolio, or edits one when given. */
export function ProgramModal({
  program,
  portfolioId,
  onClose,
}: {
  program?: Program;
  portfolioId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateHierarchy();
  const [error, setError] = useState<string | null>(null);
  const empty: ProgramValues = {
    code: '',
    name: '',
    description: '',
    portfolioId: portfolioId ?? null,
    managerId: null,
  };
  const session = useEditSession({
    record: program,
    schema: Program,
    toValues: programValues,
    toBody: programBody,
  });
  const form = useForm<ProgramValues>({
    initialValues: program ? programValues(program) : empty,
    validate: validateWith(program ? UpdateProgramBody : CreateProgramBody, programBody, t),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await session.write(values, {
        update: (patch, version, p) => api.patch(`/programs/${p.id}`, Program, patch, version),
        create: (body) => api.post('/programs', Program, body),
      });
      await invalidate();
      notifications.show({ color: 'teal', message: t('common.saved') });
      onClose();
    } catch (e) {
      if (session.catchConflict(e)) return;
      setError(applyApiError(form, e, t, PROGRAM_FIELDS));
    }
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={program ? t('program.editTitle') : t('program.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ConflictAlert
            session={session}
            form={form}
            fieldLabel={(f) => t(`program.fields.${f}`)}
          />
          <ErrorLine message={error} />
          <PortfolioSelect
            label={t('program.fields.portfolioId')}
            required
            {...form.getInputProps('portfolioId')}
          />
          <Group grow align="flex-start">
            <TextInput label={t('program.fields.code')} required {...form.getInputProps('code')} />
            <TextInput label={t('program.fields.name')} required {...form.getInputProps('name')} />
          </Group>
          <PersonSelect
            label={t('program.fields.managerId')}
            initial={program?.manager ?? null}
            {...form.getInputProps('managerId')}
          />
          <Textarea
            label={t('program.fields.description')}
            autosize
            minRows={3}
            {...form.getInputProps('description')}
          />
          <FormActions onCancel={onClose}>
            <Button type="submit" loading={form.submitting} disabled={!!session.conflict}>
              {program ? t('common.save') : t('common.create')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
