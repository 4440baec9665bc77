import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTERS,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  type ProjectFilters,
} from './project-filters.ts';

const PORTFOLIO = '0b0e7c1e-9a53-4a8e-8d7b-0e5b6f1c2d3e';
const MANAGER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('project filters in the URL', () => {
  it('round-trips every filter through the search params', () => {
    const filters: ProjectFilters = {
      portfolioId: PORTFOLIO,
      programId: null,
      status: ['active', 'on_hold'],
      managerId: MANAGER,
      orgUnitId: null,
      q: 'CRM',
      includeArchived: true,
      sort: 'plannedEnd',
      order: 'desc',
    };
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
  });

  it('keeps default values out of the URL', () => {
    expect(filtersToSearch(DEFAULT_FILTERS).toString()).toBe('');
    expect(filtersToSearch({ ...DEFAULT_FILTERS, q: '  ' }).toString()).toBe('');
  });

  it('ignores malformed or unknown values from a hand-edited URL', () => {
    const filters = filtersFromSearch(
      new URLSearchParams(
        'portfolio=not-a-uuid&status=active&status=bogus&status=active&sort=drop&order=up',
      ),
    );
    expect(filters).toEqual({ ...DEFAULT_FILTERS, status: ['active'] });
  });

  it('maps to the query of GET /projects', () => {
    expect(
      filtersToQuery({ ...DEFAULT_FILTERS, portfolioId: PORTFOLIO, includeArchived: true }),
    ).toEqual({
      portfolioId: PORTFOLIO,
      programId: null,
      status: [],
      managerId: null,
      orgUnitId: null,
      q: '',
      includeArchived: 'true',
      sort: 'code',
      order: 'asc',
    });
  });
});
