import { UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

/** The title of a row as a keyboard-reachable button that opens the record. */
export function OpenButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <UnstyledButton
      onClick={onClick}
      fz="sm"
      c="blue.8"
      style={{ textAlign: 'left', textDecoration: 'underline' }}
    >
      {children}
    </UnstyledButton>
  );
}
