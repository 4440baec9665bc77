// @vitest-environment jsdom
import { Button, MantineProvider } from '@mantine/core';
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../i18n.ts';
import { FormActions } from './FormActions.tsx';

beforeAll(async () => {
  await initI18n('fr');
});

function show(error: string | null, onCancel: () => void = () => undefined) {
  return render(
    <MantineProvider>
      <FormActions error={error} onCancel={onCancel}>
        <Button type="submit">Enregistrer</Button>
      </FormActions>
    </MantineProvider>,
  );
}

describe('FormActions', () => {
  it('puts « Annuler » before the form’s own buttons, and cancels', () => {
    let cancelled = 0;
    show(null, () => cancelled++);
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Annuler',
      'Enregistrer',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(cancelled).toBe(1);
  });

  it('says what went wrong above the buttons, and nothing when all is well', () => {
    const { container } = show('Le code est déjà pris');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Le code est déjà pris');
    expect(
      alert.compareDocumentPosition(screen.getByRole('button', { name: 'Annuler' })) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    show(null);
    expect(container.ownerDocument.querySelectorAll('[role="alert"]')).toHaveLength(1);
  });

  it('puts the buttons that lead elsewhere at the start, before « Annuler »', () => {
    render(
      <MantineProvider>
        <FormActions onCancel={() => undefined} start={<Button>Remonter…</Button>}>
          <Button type="submit">Enregistrer</Button>
        </FormActions>
      </MantineProvider>,
    );
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Remonter…',
      'Annuler',
      'Enregistrer',
    ]);
  });
});
