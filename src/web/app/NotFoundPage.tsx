import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/states.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} breadcrumbs={[{ label: t('notFound.title') }]} />
      <EmptyState
        title={t('notFound.title')}
        message={t('notFound.message')}
        action={
          <Button component={Link} to="/portfolios">
            {t('notFound.back')}
          </Button>
        }
      />
    </>
  );
}
