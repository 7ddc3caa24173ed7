import { can, MAP_ROLES, type MapRole } from '../../../shared/policy.ts';

/**
 * The roles my invite links may grant: every role but owner for owners (`invites.manage`),
 * customers for editors (`invites.customer`: the people who build the map ask customers to check
 * it); none otherwise. Mirrors the server's checks.
 */
export function inviteRolesFor(role: MapRole): readonly MapRole[] {
  if (can(role, 'invites.manage')) return MAP_ROLES.filter((r) => r !== 'owner');
  return can(role, 'invites.customer') ? ['customer'] : [];
}
