import { parseRoles, type Role } from "./roles.js";

/** Who is signed in, as every policy and page sees them. */
export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  teamIds: number[];
}

/** The Prisma `include` that loads what a principal needs. */
export const PRINCIPAL_INCLUDE = { memberships: { select: { teamId: true } } } as const;

export function toPrincipal(user: {
  id: number;
  username: string;
  displayName: string;
  roles: string;
  memberships: Array<{ teamId: number }>;
}): StaffPrincipal {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: parseRoles(user.roles),
    teamIds: user.memberships.map((m) => m.teamId).sort((a, b) => a - b),
  };
}
