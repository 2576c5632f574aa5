/** Proposals for the province to consider, one per service gap, worded as a báo cáo's "đề xuất, kiến nghị". */
export const GAP_PROPOSALS: Record<string, string> = {
  "online-payment":
    "Đề nghị tỉnh xem xét cùng đơn vị cung cấp dịch vụ thanh toán rà soát các lỗi người dân gặp khi thanh toán trực tuyến (đã bị trừ tiền nhưng hồ sơ chưa ghi nhận, chưa nhận được biên lai), và bổ sung hướng dẫn thanh toán từng bước tại Bộ phận Một cửa.",
  "not-online":
    "Đề nghị tỉnh xem xét rà soát các thủ tục người dân hỏi nhưng chưa nộp được trực tuyến hoặc chỉ nộp được một phần, để đưa vào kế hoạch cung cấp dịch vụ công trực tuyến toàn trình.",
  "dossier-status":
    "Đề nghị tỉnh xem xét kiểm tra việc đồng bộ tình trạng hồ sơ giữa Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh và Cổng Dịch vụ công quốc gia, và nhắc các đơn vị cập nhật tiến độ giải quyết đúng hạn.",
  account:
    "Đề nghị tỉnh xem xét phối hợp với Công an tỉnh hỗ trợ người dân kích hoạt, khôi phục tài khoản VNeID và đăng nhập Cổng Dịch vụ công, chẳng hạn bố trí điểm hỗ trợ tại Bộ phận Một cửa cấp xã.",
  resubmit:
    "Đề nghị tỉnh xem xét chỉ đạo các đơn vị khai thác dữ liệu đã số hóa và Cơ sở dữ liệu quốc gia về dân cư, không yêu cầu người dân nộp lại giấy tờ mà cơ quan nhà nước đã có.",
  "wrong-agency":
    "Đề nghị tỉnh xem xét cập nhật và công khai rộng rãi nơi tiếp nhận hồ sơ sau khi sắp xếp chính quyền địa phương hai cấp (địa chỉ, thủ tục do xã, phường mới giải quyết).",
  connectivity:
    "Đề nghị tỉnh xem xét bố trí thêm điểm hỗ trợ có máy tính và mạng tại Bộ phận Một cửa, nhà văn hóa thôn, bản ở những nơi sóng yếu.",
  language:
    "Đề nghị tỉnh xem xét bố trí người hỗ trợ bằng tiếng dân tộc (Tày-Nùng, Mông, Dao) tại các xã đông đồng bào, chẳng hạn qua tổ công nghệ số cộng đồng.",
  "in-person":
    "Đề nghị tỉnh xem xét tăng cường tổ công nghệ số cộng đồng, đoàn viên thanh niên hướng dẫn trực tiếp người cao tuổi và người chưa quen dùng điện thoại thông minh.",
};
