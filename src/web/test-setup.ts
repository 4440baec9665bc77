// Web tests: every rendered tree is unmounted after its test (Testing Library cleans up by itself
// only when test globals are on, and they are not), so no component timer (a Mantine modal's
// scroll lock, a transition) fires after the file's jsdom is gone.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
