import { describe, expect, it } from 'vitest';
import {
  MAP_ACTIONS,
  MAP_ROLES,
  can,
  canReadDocument,
  canWriteDocument,
  roleRank,
  type MapAction,
  type MapDocKind,
  type MapRole,
} from './policy.ts';

// The product's permission table, written out by hand (O = owner, E = editor, C = commenter,
// V = viewer, U = customer) so a change to the policy must also change this test on purpose.
const EXPECTED: Record<MapAction, string> = {
  'map.summary': 'OECVU',
  'map.read': 'OECV',
  'map.edit': 'OE',
  'map.rename': 'OE',
  'map.delete': 'O',
  'members.read': 'OECV',
  'members.manage': 'O',
  'invites.manage': 'O',
  'invites.customer': 'OE',
  'comments.read': 'OECV',
  'comments.write': 'OEC',
  'comments.resolve': 'OE',
  'customer.view': 'OECVU',
  'feedback.write': 'U',
  'validation.read': 'OECV',
  'validation.settings': 'OE',
  'versions.read': 'OECV',
  'versions.create': 'OE',
  'versions.restore': 'OE',
  'map.copy': 'OE',
  'map.export': 'OECV',
  'actions.read': 'OECV',
  'actions.manage': 'OE',
  'actions.update-own': 'OECV',
  'votes.run': 'OE',
  'votes.cast': 'OECV',
};

const LETTER: Record<MapRole, string> = {
  owner: 'O',
  editor: 'E',
  commenter: 'C',
  viewer: 'V',
  customer: 'U',
};

describe('the map permission policy', () => {
  it('grants every action to exactly the roles of the product table', () => {
    for (const action of MAP_ACTIONS) {
      for (const role of MAP_ROLES) {
        expect(can(role, action), `${role} ${action}`).toBe(
          EXPECTED[action].includes(LETTER[role]),
        );
      }
    }
  });

  it('grants nothing to someone who is not a member', () => {
    for (const action of MAP_ACTIONS) {
      expect(can(null, action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  it('lets only owners and editors write the map document, and nobody write server-owned documents', () => {
    const writable: Record<MapDocKind, string> = {
      map: 'OE',
      comments: '',
      customer: '',
      validation: '',
      actions: '',
      votes: '',
    };
    for (const kind of ['map', 'comments', 'customer', 'validation', 'actions', 'votes'] as const) {
      for (const role of MAP_ROLES) {
        expect(canWriteDocument(role, kind), `${role} writes ${kind}`).toBe(
          writable[kind].includes(LETTER[role]),
        );
      }
      expect(canWriteDocument(null, kind)).toBe(false);
    }
  });

  it('never lets a customer open the internal map or its comments, but lets them read the projection', () => {
    expect(canReadDocument('customer', 'map')).toBe(false);
    expect(canReadDocument('customer', 'comments')).toBe(false);
    expect(canReadDocument('customer', 'customer')).toBe(true);
    expect(canReadDocument('viewer', 'map')).toBe(true);
    expect(canReadDocument(null, 'customer')).toBe(false);
    expect(canReadDocument('customer', 'actions')).toBe(false);
    expect(canReadDocument('customer', 'votes')).toBe(false);
    expect(canReadDocument('viewer', 'actions')).toBe(true);
    expect(canReadDocument('viewer', 'votes')).toBe(true);
  });

  it('lets every internal role read the validation document, and never a customer', () => {
    for (const role of ['owner', 'editor', 'commenter', 'viewer'] as const) {
      expect(canReadDocument(role, 'validation'), role).toBe(true);
    }
    expect(canReadDocument('customer', 'validation')).toBe(false);
    expect(canReadDocument(null, 'validation')).toBe(false);
  });

  it('ranks roles from owner down to customer', () => {
    const ranks = MAP_ROLES.map(roleRank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(MAP_ROLES.length);
  });
});
