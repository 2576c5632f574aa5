import type { StaffPrincipal } from "../staff/principal.js";
import type { Role } from "../staff/roles.js";

/** The only place that decides who may do what on the staff side. Every admin route asks here. */

const has = (u: StaffPrincipal, role: Role): boolean => u.roles.includes(role);
const inTeam = (u: StaffPrincipal, teamId: number): boolean => u.teamIds.includes(teamId);

export const mayManageUsers = (u: StaffPrincipal): boolean => has(u, "admin");
export const mayManageTeams = (u: StaffPrincipal): boolean => has(u, "admin");
export const mayViewAudit = (u: StaffPrincipal): boolean => has(u, "admin");
export const mayUseInbox = (u: StaffPrincipal): boolean => has(u, "agent");
/** Admins open the inbox too (to read and supervise, every team); agents see their teams'. */
export const mayOpenInbox = (u: StaffPrincipal): boolean => mayUseInbox(u) || has(u, "admin");

/** Transcripts are personal data: admins, and agents of the conversation's team. */
export const maySeeHandoff = (u: StaffPrincipal, h: { teamId: number }): boolean => has(u, "admin") || (has(u, "agent") && inTeam(u, h.teamId));

/** Only the team's agents answer citizens; an admin who is not an agent of the team reads but does not reply. */
export const mayReplyHandoff = (u: StaffPrincipal, h: { teamId: number }): boolean => has(u, "agent") && inTeam(u, h.teamId);

export const mayEditKnowledge = (u: StaffPrincipal): boolean => has(u, "editor") || has(u, "admin");
export const mayViewReports = (u: StaffPrincipal): boolean => has(u, "analyst") || has(u, "admin");

/** Deleting everything held about a citizen (their right under Luật 91/2025/QH15) is an admin's act. */
export const mayEraseCitizenData = (u: StaffPrincipal): boolean => has(u, "admin");

/** Whether publishing needs a second person, and how upstream updates arrive: an admin's choice. */
export const mayManageKnowledgeSettings = (u: StaffPrincipal): boolean => has(u, "admin");
