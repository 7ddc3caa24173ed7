import { describe, expect, it } from 'vitest';
import { CHANNELS, CHANNEL_IDS, channelLabel } from './channels.ts';
import { DEFAULT_DEPARTMENTS, departmentLabel } from './departments.ts';
import { LANE_KINDS, laneKindInfo, laneKindLabel } from './lane-kinds.ts';
import { priorityScore } from './scoring.ts';

describe('vocabulary', () => {
  it('lists the fourteen lane kinds; backstage-like ones are internal by default', () => {
    expect(LANE_KINDS).toHaveLength(14);
    const internal = LANE_KINDS.filter((k) => !laneKindInfo(k).customerVisibleByDefault);
    expect([...internal].sort()).toEqual([
      'backstage',
      'departments',
      'kpis',
      'opportunities',
      'systems',
    ]);
    expect(laneKindInfo('emotions').carries).toBe('emotion');
    expect(laneKindInfo('pain-points').carries).toBe('priority');
    expect(laneKindInfo('channels').carries).toBe('channel');
    expect(laneKindLabel('moments-of-truth', 'es')).toBe('Momentos de la verdad');
  });

  it('labels every lane kind, channel and department in both languages', () => {
    for (const k of LANE_KINDS)
      for (const l of ['es', 'en'] as const) expect(laneKindLabel(k, l)).not.toBe('');
    expect(CHANNELS.map((c) => c.id)).toEqual([...CHANNEL_IDS]);
    expect(CHANNELS.every((c) => c.icon.length > 0)).toBe(true);
    expect(channelLabel('branch', 'es')).toBe('Sucursal');
    expect(DEFAULT_DEPARTMENTS.map((d) => d.id)).toEqual([
      'marketing',
      'sales',
      'digital',
      'it',
      'operations',
      'branches',
      'contact-centre',
      'compliance',
      'finance',
    ]);
    expect(departmentLabel('contact-centre', 'es')).toBe('Centro de contacto');
    expect(departmentLabel('risk', 'en')).toBe('risk');
  });

  it('scores quick wins highest and slow, costly, low-impact fixes lowest', () => {
    expect(
      priorityScore({ timeToFix: 1, costToFix: 1, customerImpact: 5, businessImpact: 5 }),
    ).toBe(25);
    expect(
      priorityScore({ timeToFix: 5, costToFix: 5, customerImpact: 1, businessImpact: 1 }),
    ).toBe(1);
  });
});
