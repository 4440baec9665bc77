// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { useEditSession } from './conflict.tsx';

const Rec = z.object({ id: z.string(), name: z.string(), status: z.string(), version: z.number() });
type Rec = z.infer<typeof Rec>;
const toBody = (r: Rec) => ({ name: r.name, status: r.status });
const mine: Rec = { id: 'p', name: 'CRM', status: 'active', version: 3 };
const theirs: Rec = { id: 'p', name: 'CRM', status: 'on_hold', version: 4 };
const stale = new ApiError(412, 'VERSION_MISMATCH', 'stale', { current: theirs });

describe('useEditSession', () => {
  it('patches only what changed since the version the form is based on', () => {
    const { result } = renderHook(() => useEditSession({ record: mine, schema: Rec, toBody }));
    expect(result.current.patchOf({ name: 'CRM 2', status: 'active' })).toEqual({ name: 'CRM 2' });
  });

  it('takes a 412 in hand and names the fields the other person changed', () => {
    const { result } = renderHook(() => useEditSession({ record: mine, schema: Rec, toBody }));
    let handled = false;
    act(() => {
      handled = result.current.catchConflict(stale);
    });
    expect(handled).toBe(true);
    expect(result.current.conflict).toEqual(theirs);
    expect(result.current.conflictFields).toEqual(['status']);
  });

  it('leaves other errors to the caller', () => {
    const { result } = renderHook(() => useEditSession({ record: mine, schema: Rec, toBody }));
    expect(result.current.catchConflict(new ApiError(409, 'DUPLICATE_CODE', 'dup'))).toBe(false);
    expect(result.current.conflict).toBeNull();
  });

  it('keeping my input re-bases it on the current version, so a new save is not stale', () => {
    const { result } = renderHook(() => useEditSession({ record: mine, schema: Rec, toBody }));
    act(() => void result.current.catchConflict(stale));
    act(() => result.current.resolveKeepingMine());
    expect(result.current.conflict).toBeNull();
    expect(result.current.version).toBe(4);
    // My edit of the name is still sent; their status change is not overwritten.
    expect(result.current.patchOf({ name: 'CRM 2', status: 'on_hold' })).toEqual({ name: 'CRM 2' });
  });

  it('reloading hands back the current record to refill the form', () => {
    const { result } = renderHook(() => useEditSession({ record: mine, schema: Rec, toBody }));
    act(() => void result.current.catchConflict(stale));
    let current: Rec | null = null;
    act(() => {
      current = result.current.resolveWithTheirs();
    });
    expect(current).toEqual(theirs);
    expect(result.current.base).toEqual(theirs);
  });
});
