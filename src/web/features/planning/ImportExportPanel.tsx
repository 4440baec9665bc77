import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ImportReport } from '../../../contracts/planning.ts';
import { isApiError } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { formatDate } from '../../format.ts';
import { exportUrl, importPlan, planningKeys, type ImportFormat } from './planning-api.ts';

type Report = z.output<typeof ImportReport>;

/** The format of a plan file, from its name (then its first character). */
export function importFormatOf(name: string, text: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xml')) return 'mspdi';
  if (lower.endsWith('.json')) return 'json';
  const first = text.trimStart()[0];
  if (first === '<') return 'mspdi';
  if (first === '{') return 'json';
  return null;
}

/** Issues the server sent with a refused file, each with its line when known. */
function issuesOf(error: unknown): { line: number | null; message: string }[] {
  if (!isApiError(error)) return [];
  const details = error.details as
    { line?: unknown; issues?: unknown; message?: unknown } | undefined;
  const out: { line: number | null; message: string }[] = [];
  if (details && Array.isArray(details.issues)) {
    for (const i of details.issues as { line?: unknown; message?: unknown; path?: unknown }[]) {
      out.push({
        line: typeof i.line === 'number' ? i.line : null,
        message: stripLine(String(i.message ?? '')),
      });
    }
  }
  if (out.length === 0) {
    out.push({
      line: typeof details?.line === 'number' ? details.line : null,
      message: stripLine(error.message),
    });
  }
  return out;
}

/** Import (dry run, report, then commit) and export of a plan. */
export function ImportExportPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<{ name: string; text: string; format: ImportFormat } | null>(
    null,
  );
  const [mode, setMode] = useState<'replace' | 'append'>('replace');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean, f = file, m = mode) => {
    if (!f) return;
    setBusy(true);
    setError(null);
    try {
      const result = await importPlan(projectId, f, { dryRun, mode: m });
      setReport(result);
      if (!dryRun) {
        notifications.show({
          color: 'teal',
          message: t('planning.import.done', { count: result.tasks }),
        });
        setFile(null);
        setReport(null);
        await Promise.all([
          client.invalidateQueries({ queryKey: planningKeys.plan(projectId) }),
          client.invalidateQueries({ queryKey: planningKeys.baselines(projectId) }),
        ]);
      }
    } catch (e) {
      setReport(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const pick = async (picked: File | null) => {
    if (!picked) return;
    const text = await picked.text();
    const format = importFormatOf(picked.name, text);
    if (!format) {
      setFile(null);
      setError(new Error('format'));
      return;
    }
    const next = { name: picked.name, text, format };
    setFile(next);
    await run(true, next);
  };

  return (
    <Stack maw={860}>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('planning.export.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('planning.export.help')}
          </Text>
          <Group gap="xs">
            {(['mspdi', 'json', 'csv'] as const).map((format) => (
              <Button
                key={format}
                component="a"
                href={exportUrl(projectId, format)}
                download
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
              >
                {t(`planning.export.${format}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      </Paper>
      {canEdit && (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              {t('planning.import.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('planning.import.help')}
            </Text>
            <Group gap="sm" align="center">
              <SegmentedControl
                value={mode}
                onChange={(v) => {
                  const m = v as 'replace' | 'append';
                  setMode(m);
                  if (file) void run(true, file, m);
                }}
                aria-label={t('planning.import.mode')}
                data={[
                  { value: 'replace', label: t('planning.import.replace') },
                  { value: 'append', label: t('planning.import.append') },
                ]}
              />
              <FileButton
                onChange={(f) => void pick(f)}
                accept=".xml,.json,application/xml,text/xml,application/json"
              >
                {(props) => (
                  <Button
                    {...props}
                    leftSection={<IconFileImport size={16} aria-hidden />}
                    loading={busy && !report}
                  >
                    {t('planning.import.choose')}
                  </Button>
                )}
              </FileButton>
              {file && (
                <Text size="sm">
                  {file.name} ({file.format === 'mspdi' ? 'MS Project XML' : 'project.json'})
                </Text>
              )}
            </Group>
            {error !== null && (
              <Alert color="red" title={t('planning.import.refused')} role="alert">
                {error instanceof Error && error.message === 'format' ? (
                  <Text size="sm">{t('planning.import.unknownFormat')}</Text>
                ) : (
                  <Stack gap={4}>
                    <Text size="sm">{errorMessage(t, error)}</Text>
                    <List size="sm">
                      {issuesOf(error).map((i, k) => (
                        <List.Item key={k}>
                          {i.line !== null && (
                            <strong>{t('planning.import.line', { line: i.line })} </strong>
                          )}
                          {i.message}
                        </List.Item>
                      ))}
                    </List>
                  </Stack>
                )}
              </Alert>
            )}
            {report && (
              <Alert color="blue" title={t('planning.import.preview')} role="status">
                <Stack gap="xs">
                  <Table withRowBorders={false} verticalSpacing={2} fz="sm" maw={420}>
                    <Table.Tbody>
                      {(['tasks', 'summaries', 'milestones', 'links', 'baselines'] as const).map(
                        (k) => (
                          <Table.Tr key={k}>
                            <Table.Td>{t(`planning.import.counts.${k}`)}</Table.Td>
                            <Table.Td ta="right" fw={600}>
                              {report[k]}
                            </Table.Td>
                          </Table.Tr>
                        ),
                      )}
                      <Table.Tr>
                        <Table.Td>{t('planning.import.span')}</Table.Td>
                        <Table.Td ta="right" fw={600}>
                          {formatDate(report.projectStart)} → {formatDate(report.projectFinish)}
                        </Table.Td>
                      </Table.Tr>
                    </Table.Tbody>
                  </Table>
                  {report.warnings.length > 0 && (
                    <List size="sm">
                      {report.warnings.map((w, k) => (
                        <List.Item key={k}>
                          {w.line !== null && (
                            <strong>{t('planning.import.line', { line: w.line })} </strong>
                          )}
                          {w.message}
                        </List.Item>
                      ))}
                    </List>
                  )}
                  <Text size="sm">
                    {mode === 'replace'
                      ? t('planning.import.replaceWarning')
                      : t('planning.import.appendNote')}
                  </Text>
                  <Group>
                    <Button onClick={() => void run(false)} loading={busy}>
                      {t('planning.import.confirm')}
                    </Button>
                    <Button
                      variant="default"
                      onClick={() => {
                        setFile(null);
                        setReport(null);
                      }}
                    >
                      {t('common.cancel')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

/** The server's message may start with "line 12: ", which the report shows in its own words. */
const stripLine = (message: string) => message.replace(/^line \d+: /i, '');
