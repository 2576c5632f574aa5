import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadLiveMatcher, type LiveKnowledge } from "../../src/knowledge/live-matcher.js";
import { TOPICS } from "../../src/knowledge/topics.js";
import { fold } from "../../src/matching/index.js";

/** One plain question per topic, as a citizen would first ask it, and the entry it must reach. */
const PLAIN_QUESTIONS: Record<(typeof TOPICS)[number], [string, string]> = {
  "khai-sinh": ["Làm giấy khai sinh cho con ở đâu?", "khai-sinh-dang-ky"],
  "khai-tu": ["Bố tôi mất, làm giấy khai tử thế nào?", "khai-tu-dang-ky"],
  "ket-hon": ["Đăng ký kết hôn cần giấy tờ gì?", "ket-hon-dang-ky"],
  "xac-nhan-tinh-trang-hon-nhan": ["Xin giấy xác nhận tình trạng hôn nhân ở đâu?", "xac-nhan-tinh-trang-hon-nhan-cap"],
  "thuong-tru": ["Thủ tục đăng ký thường trú", "thuong-tru-dang-ky"],
  "tam-tru": ["Đăng ký tạm trú cho người thuê trọ", "tam-tru-dang-ky"],
  "luu-tru": ["Có khách đến ở nhà qua đêm có phải thông báo lưu trú không?", "luu-tru-thong-bao"],
  "cccd": ["Mất thẻ căn cước thì làm lại thế nào?", "cccd-cap-lai"],
  "vneid": ["Cách kích hoạt tài khoản định danh điện tử mức 2", "vneid-kich-hoat-muc-2"],
  "tai-khoan-dvc": ["Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID thế nào?", "tai-khoan-dvc-dang-nhap"],
  "nop-ho-so-truc-tuyen": ["Tra cứu tình trạng hồ sơ bằng mã hồ sơ", "nop-ho-so-tra-cuu"],
  "thanh-toan-truc-tuyen": ["Nộp lệ phí trực tuyến như thế nào?", "thanh-toan-truc-tuyen-cach-nop"],
  "ly-lich-tu-phap": ["Xin phiếu lý lịch tư pháp ở đâu?", "ly-lich-tu-phap-cap-phieu"],
  "chung-thuc": ["Chứng thực bản sao giấy tờ ở đâu?", "chung-thuc-ban-sao"],
  "gplx": ["Đổi giấy phép lái xe hết hạn", "gplx-doi"],
  "dang-ky-xe": ["Mua xe máy mới đăng ký biển số ở đâu?", "dang-ky-xe-lan-dau"],
  "ho-kinh-doanh": ["Đăng ký hộ kinh doanh cần gì?", "ho-kinh-doanh-dang-ky"],
  "dang-ky-doanh-nghiep": ["Thủ tục thành lập công ty", "dang-ky-doanh-nghiep-thanh-lap"],
  "dat-dai": ["Làm sổ đỏ lần đầu cần giấy tờ gì?", "dat-dai-cap-giay-chung-nhan-lan-dau"],
  "xay-dung": ["Xin giấy phép xây dựng nhà ở", "xay-dung-giay-phep-nha-o"],
  "bhyt": ["Mua bảo hiểm y tế hộ gia đình ở đâu?", "bhyt-ho-gia-dinh"],
  "bhxh": ["Rút bảo hiểm xã hội một lần thế nào?", "bhxh-huong-mot-lan"],
  "tro-cap": ["Người cao tuổi được trợ cấp xã hội hằng tháng không?", "tro-cap-xa-hoi-hang-thang"],
  "ho-chieu": ["Làm hộ chiếu ở đâu?", "ho-chieu-cap"],
  "thue": ["Lệ phí trước bạ nhà đất là bao nhiêu?", "thue-le-phi-truoc-ba"],
  "khieu-nai": ["Tôi muốn phản ánh cán bộ giải quyết hồ sơ chậm", "khieu-nai-phan-anh-kien-nghi"],
  "gio-lam-viec": ["Bộ phận một cửa làm việc mấy giờ?", "gio-lam-viec-mot-cua"],
  "dia-chi": ["Bỏ cấp huyện rồi thì nộp hồ sơ ở đâu?", "dia-chi-noi-nop-ho-so"],
};

let live: LiveKnowledge;
beforeAll(async () => {
  live = await loadLiveMatcher(loadConfig({ NODE_ENV: "test" }));
});

describe("a plain question about each topic reaches the right entry", () => {
  it("covers every topic", () => expect(Object.keys(PLAIN_QUESTIONS).sort()).toEqual([...TOPICS].sort()));

  for (const [topic, [question, id]] of Object.entries(PLAIN_QUESTIONS)) {
    it.each([
      ["with diacritics", question],
      ["without diacritics", fold(question)],
    ])(`${topic} (%s)`, (_form, q) => {
      const result = live.matcher.match(q);
      expect(result.top?.id, `"${q}" → ${result.band} ${result.top?.id}`).toBe(id);
      expect(result.band).not.toBe("fallback");
    });
  }
});
