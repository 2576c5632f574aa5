/** The entries offered on the greeting and "danh mục" menu (four buttons plus "Gặp cán bộ"). */
export const MENU_ENTRY_IDS = [
  "cccd-cap-doi",
  "khai-sinh-dang-ky",
  "nop-ho-so-truc-tuyen-cac-buoc",
  "thanh-toan-truc-tuyen-cach-nop",
] as const;
