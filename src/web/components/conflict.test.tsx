// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../api/client.ts';
import { rebaseValues, useEditSession } from './conflict.tsx';

const Rec = z.object({ id: z.string(), name: z.string(), status: z.string(), version: z.number() });
type Rec = z.infer<typeof Rec>;
interface Values {
  name: string;
  status: string;
}
const toValues = (r: Rec): Values => ({ name: r.name, status: r.status });
const toBody = (v: Values) => ({ name: v.name.trim(), status: v.status });
const mine: Rec = { id: 'p', name: 'CRM', status: 'active', version: 3 };
const theirs: Rec = { id: 'p', name: 'CRM', status: 'on_hold', version: 4 };
const stale = new ApiError(412, 'VERSION_MISMATCH', 'stale', { current: theirs });
const options = { record: mine, schema: Rec, toValues, toBody };

describe('useEditSession', () => {
  it('patches only what changed since the version the form is based on', () => {
    const { result } = renderHook(() => useEditSession(options));
    expect(result.current.patchOf({ name: 'CRM 2', status: 'active' })).toEqual({ name: 'CRM 2' });
  });

  it('writes a PATCH of the changed fields with the version, none when nothing changed, a POST when creating', async () => {
    const calls: unknown[][] = [];
    const io = {
      update: async (patch: object, version: number, record: Rec) =>
        calls.push(['update', patch, version, record.id]),
      create: async (body: object) => calls.push(['create', body]),
    };
    const edit = renderHook(() => useEditSession(options));
    await edit.result.current.write({ name: ' CRM 2 ', status: 'active' }, io);
    await edit.result.current.write({ name: 'CRM', status: 'active' }, io);
    const create = renderHook(() => useEditSession({ ...options, record: undefined }));
    await create.result.current.write({ name: ' ERP ', status: 'draft' }, io);
    expect(calls).toEqual([
      ['update', { name: 'CRM 2' }, 3, 'p'],
      ['create', { name: 'ERP', status: 'draft' }],
    ]);
  });

  it('takes a 412 in hand and names the fields the other person changed', () => {
    const { result } = renderHook(() => useEditSession(options));
    let handled = false;
    act(() => {
      handled = result.current.catchConflict(stale);
    });
    expect(handled).toBe(true);
    expect(result.current.conflict).toEqual(theirs);
    expect(result.current.conflictFields).toEqual(['status']);
  });

  it('leaves other errors to the caller', () => {
    const { result } = renderHook(() => useEditSession(options));
    expect(result.current.catchConflict(new ApiError(409, 'DUPLICATE_CODE', 'dup'))).toBe(false);
    expect(result.current.conflict).toBeNull();
  });

  it('keeping my input re-applies only my changes on the current version', () => {
    const { result } = renderHook(() => useEditSession(options));
    act(() => void result.current.catchConflict(stale));
    let values: Values | null = null;
    act(() => {
      values = result.current.resolveKeepingMine({ name: 'CRM 2', status: 'active' });
    });
    // My name stays; their status is not reverted to the one my form started from.
    expect(values).toEqual({ name: 'CRM 2', status: 'on_hold' });
    expect(result.current.conflict).toBeNull();
    expect(result.current.version).toBe(4);
    expect(result.current.patchOf(values!)).toEqual({ name: 'CRM 2' });
  });

  it('reloading hands back the current record to refill the form', () => {
    const { result } = renderHook(() => useEditSession(options));
    act(() => void result.current.catchConflict(stale));
    let values: Values | null = null;
    act(() => {
      values = result.current.resolveWithTheirs();
    });
    expect(values).toEqual({ name: 'CRM', status: 'on_hold' });
    expect(result.current.version).toBe(4);
  });
});

describe('rebaseValues', () => {
  it('keeps changed fields from mine, takes the rest from current', () => {
    const started = { a: 1, b: [1], c: 'x' };
    expect(rebaseValues({ a: 2, b: [1], c: 'x' }, started, { a: 1, b: [1, 2], c: 'y' })).toEqual({
      a: 2,
      b: [1, 2],
      c: 'y',
    });
  });
});
