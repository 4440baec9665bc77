import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './query-client.ts';
import { router } from './routes.tsx';
import { cssVariablesResolver, localizedTheme } from './theme.ts';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { t, i18n } = useTranslation();
  const theme = useMemo(() => localizedTheme(t), [t]);
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider
        theme={theme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="auto"
      >
        <DatesProvider
          settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'fr', firstDayOfWeek: 1 }}
        >
          <Notifications position="top-right" />
          <RouterProvider router={router} />
        </DatesProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
