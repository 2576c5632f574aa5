/** The topic ids are a contract with outside checks and analytics: add, never rename. */
export const TOPICS = [
  "khai-sinh", "khai-tu", "ket-hon", "xac-nhan-tinh-trang-hon-nhan", "thuong-tru", "tam-tru", "luu-tru",
  "cccd", "vneid", "tai-khoan-dvc", "nop-ho-so-truc-tuyen", "thanh-toan-truc-tuyen", "ly-lich-tu-phap",
  "chung-thuc", "gplx", "dang-ky-xe", "ho-kinh-doanh", "dang-ky-doanh-nghiep", "dat-dai", "xay-dung", "bhyt",
  "bhxh", "tro-cap", "ho-chieu", "thue", "khieu-nai", "gio-lam-viec", "dia-chi",
] as const;

export type Topic = (typeof TOPICS)[number];
