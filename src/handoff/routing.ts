import type { Topic } from "../knowledge/topics.js";

/** The teams seeded on first start; admins rename or add teams in the app. */
export const DEFAULT_TEAMS = [
  { slug: "ho-tich", name: "Hộ tịch" },
  { slug: "cu-tru-can-cuoc", name: "Cư trú và căn cước" },
  { slug: "dat-dai", name: "Đất đai, xây dựng" },
  { slug: "kinh-doanh", name: "Kinh doanh, thuế" },
  { slug: "bao-hiem", name: "Bảo hiểm, an sinh" },
  { slug: "chung", name: "Chung" },
] as const;

export type DefaultTeamSlug = (typeof DEFAULT_TEAMS)[number]["slug"];

export const FALLBACK_TEAM: DefaultTeamSlug = "chung";

/** The seed of the topic → team routes; the app keeps the configured copy. */
export const DEFAULT_TOPIC_TEAM: Record<Topic, DefaultTeamSlug> = {
  "khai-sinh": "ho-tich",
  "khai-tu": "ho-tich",
  "ket-hon": "ho-tich",
  "xac-nhan-tinh-trang-hon-nhan": "ho-tich",
  "ly-lich-tu-phap": "ho-tich",
  "chung-thuc": "ho-tich",
  "thuong-tru": "cu-tru-can-cuoc",
  "tam-tru": "cu-tru-can-cuoc",
  "luu-tru": "cu-tru-can-cuoc",
  cccd: "cu-tru-can-cuoc",
  vneid: "cu-tru-can-cuoc",
  "ho-chieu": "cu-tru-can-cuoc",
  // Driving licences and vehicle registration are police procedures, like residence and ID cards.
  gplx: "cu-tru-can-cuoc",
  "dang-ky-xe": "cu-tru-can-cuoc",
  "dat-dai": "dat-dai",
  "xay-dung": "dat-dai",
  "ho-kinh-doanh": "kinh-doanh",
  "dang-ky-doanh-nghiep": "kinh-doanh",
  thue: "kinh-doanh",
  bhyt: "bao-hiem",
  bhxh: "bao-hiem",
  "tro-cap": "bao-hiem",
  "tai-khoan-dvc": "chung",
  "nop-ho-so-truc-tuyen": "chung",
  "thanh-toan-truc-tuyen": "chung",
  "khieu-nai": "chung",
  "gio-lam-viec": "chung",
  "dia-chi": "chung",
};

export function teamForTopic(topic: string | null, routes: Map<string, string>): string {
  return (topic !== null ? routes.get(topic) : undefined) ?? FALLBACK_TEAM;
}
