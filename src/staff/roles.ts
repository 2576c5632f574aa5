export const ROLES = ["admin", "editor", "agent", "analyst"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị",
  editor: "Biên tập viên",
  agent: "Cán bộ trả lời",
  analyst: "Phân tích",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Reads the comma-separated `roles` column; unknown names are dropped, order follows ROLES. */
export function parseRoles(column: string): Role[] {
  const names = new Set(column.split(",").map((r) => r.trim()));
  return ROLES.filter((r) => names.has(r));
}

export function serialiseRoles(roles: readonly Role[]): string {
  return ROLES.filter((r) => roles.includes(r)).join(",");
}
