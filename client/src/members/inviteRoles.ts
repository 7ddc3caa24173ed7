import { can, MAP_ROLES, type MapRole } from '../../../shared/policy.ts';

/**
 * Customer links are managed by owners and editors (the people who build the map ask customers
 * to check it); links for internal roles stay with owners. Mirrors the server's checks.
 */
export function canManageCustomerLinks(role: MapRole): boolean {
  return can(role, 'invites.manage') || role === 'editor';
}

/** The roles my links may grant: every role but owner for owners, customers for editors. */
export function inviteRolesFor(role: MapRole): readonly MapRole[] {
  if (can(role, 'invites.manage')) return MAP_ROLES.filter((r) => r !== 'owner');
  return canManageCustomerLinks(role) ? ['customer'] : [];
}
