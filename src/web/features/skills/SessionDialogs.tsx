import { Alert, Button, Group, NumberInput, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingSession } from '../../../contracts/staffing.ts';
import { isApiError } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { errorMessage } from '../../components/errors.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { formatDate } from '../../format.ts';
import { useTrainingMutation } from '../staffing/training-api.ts';
import { sessionApi } from './training-extra-api.ts';

function useOnError() {
  const { t } = useTranslation();
  return (e: unknown) => {
    // Seats below those held: say how many are held.
    if (isApiError(e) && e.code === 'SESSION_SEATS_BELOW_TAKEN') {
      const taken = (e.details as { taken?: number } | null)?.taken ?? 0;
      notifications.show({ color: 'red', message: t('skills.session.seatsBelow', { taken }) });
      return;
    }
    notifications.show({ color: 'red', message: errorMessage(t, e) });
  };
}

/** Change a session's dates, seats or place; the people enrolled are told in their inbox. */
export function SessionEditForm({
  session,
  onDone,
}: {
  session: TrainingSession;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useTrainingMutation(sessionApi.update);
  const onError = useOnError();
  const [start, setStart] = useState<string | null>(session.start);
  const [finish, setFinish] = useState<string | null>(session.finish);
  const [seats, setSeats] = useState<number | string>(session.seats);
  const [place, setPlace] = useState(session.place);
  const order = Boolean(start && finish && finish < start);
  const enrolled = session.taken + session.waiting;
  return (
    <Stack>
      <Text size="sm" fw={500}>
        {session.course.title}
      </Text>
      <Group grow>
        <DateField
          label={t('staffing.bench.from')}
          value={start}
          onChange={(v) => setStart(v ? String(v).slice(0, 10) : null)}
          clearable={false}
        />
        <DateField
          label={t('staffing.bench.to')}
          value={finish}
          onChange={(v) => setFinish(v ? String(v).slice(0, 10) : null)}
          clearable={false}
          error={order ? t('skills.session.finishBeforeStart') : undefined}
        />
      </Group>
      <Group grow>
        <NumberInput
          label={t('staffing.training.seats')}
          description={t('skills.session.seatsHeld', { count: session.taken })}
          min={Math.max(1, session.taken)}
          value={seats}
          onChange={setSeats}
        />
        <TextInput
          label={t('staffing.training.place')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
        />
      </Group>
      {enrolled > 0 && (
        <Text size="sm" c="dimmed">
          {t('skills.session.willNotify', { count: enrolled })}
        </Text>
      )}
      <FormActions onCancel={onDone}>
        <Button
          disabled={!start || !finish || order || !Number(seats)}
          loading={update.isPending}
          onClick={() =>
            update.mutate(
              {
                id: session.id,
                version: session.version,
                body: { start: start!, finish: finish!, seats: Number(seats), place },
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('skills.session.saved') });
                  onDone();
                },
                onError,
              },
            )
          }
        >
          {t('common.save')}
        </Button>
      </FormActions>
    </Stack>
  );
}

/** Cancel a session: enrolments and their absences are cancelled, people told why. */
export function SessionCancelForm({
  session,
  onDone,
}: {
  session: TrainingSession;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useTrainingMutation(sessionApi.cancel);
  const onError = useOnError();
  const [reason, setReason] = useState('');
  const enrolled = session.taken + session.waiting;
  return (
    <Stack>
      <Alert color="orange" variant="light">
        {t('skills.session.cancelWarning', {
          course: session.course.title,
          start: formatDate(session.start),
          count: enrolled,
        })}
      </Alert>
      <Textarea
        label={t('skills.session.reason')}
        description={t('skills.session.reasonHelp')}
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('skills.session.keep')}
        </Button>
        <Button
          color="red"
          loading={cancel.isPending}
          onClick={() =>
            cancel.mutate(
              { id: session.id, version: session.version, reason },
              {
                onSuccess: () => {
                  notifications.show({
                    color: 'green',
                    message: t('skills.session.cancelled'),
                  });
                  onDone();
                },
                onError,
              },
            )
          }
        >
          {t('skills.session.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
