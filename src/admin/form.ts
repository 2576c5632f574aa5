import type { Request } from "express";

/** Readers for urlencoded form bodies: a field may be missing, single or repeated. */

type Body = Record<string, unknown> | undefined;

export function text(body: Body, name: string): string {
  const v = body?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

export function list(body: Body, name: string): string[] {
  const v = body?.[name];
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return values.filter((x): x is string => typeof x === "string");
}

/** NaN when the field is not a whole number. */
export function int(body: Body, name: string): number {
  const v = text(body, name).trim();
  return /^-?\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
}

export function ids(body: Body, name: string): number[] {
  return list(body, name).filter((v) => /^\d{1,9}$/.test(v)).map(Number);
}

/** The numeric route parameter, or null when it is not one. */
export function idParam(req: Request, name = "id"): number | null {
  const v = req.params[name];
  return typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : null;
}
