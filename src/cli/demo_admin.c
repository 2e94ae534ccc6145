/*
 * cli/demo_admin.c — the administrative judgments of `thads demo` (cli/demo_admin.h).
 */
#include "cli/demo_admin.h"
#include "ops/admin_judgment_ops.h"

#include <stdio.h>

#define DEMO_AJ      18  /* judgments */
#define DEMO_AJ_SPAN 760 /* days back to the first one received: two reporting years and more */

static const char *const respondents[] = {"Ủy ban nhân dân xã Nghi Phú",
                                          "Ủy ban nhân dân phường Hưng Dũng",
                                          "Sở Nông nghiệp và Môi trường tỉnh Nghệ An",
                                          "Ủy ban nhân dân xã Diễn Châu",
                                          "Chi cục Thuế khu vực X",
                                          "Ủy ban nhân dân tỉnh Nghệ An",
                                          "Ủy ban nhân dân phường Vinh Tân",
                                          "Văn phòng đăng ký đất đai tỉnh Nghệ An"};
static const char *const applicants[] = {
    "Nguyễn Văn Bình", "Trần Thị Hoa", "Công ty TNHH Xây dựng Hồng Lam",  "Lê Đình Cường",
    "Phan Thị Mai",    "Hồ Sỹ Thắng",  "Hợp tác xã Nông nghiệp Hưng Lộc", "Đặng Văn Tú"};
static const char *const contents[] = {
    "Hủy Quyết định thu hồi đất số 1234/QĐ-UBND; bồi thường, hỗ trợ theo quy định",
    "Cấp Giấy chứng nhận quyền sử dụng đất cho người khởi kiện đối với thửa đất số 215",
    "Hủy Quyết định xử phạt vi phạm hành chính số 56/QĐ-XPVPHC",
    "Giải quyết lại khiếu nại về bồi thường, hỗ trợ, tái định cư",
    "Hủy Quyết định ấn định thuế số 889/QĐ-CCT và hoàn trả số tiền đã nộp",
    "Điều chỉnh Giấy chứng nhận quyền sử dụng đất theo đúng diện tích thực tế"};
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* One step, its refusal named for the demo's report. */
static int step(db_t *db, int64_t id, aj_step_t s, civil_date_t on, const char *doc,
                const char *note, civil_date_t today, int64_t now, op_error_t *err)
{
    if (on > today)
        return 0; /* not yet */
    return aj_op_step(db, id, (int)s, on, doc, note, 0, today, now, err);
}

int demo_admin_judgments(db_t *db, int64_t agency, const int64_t *offices, int noffices,
                         civil_date_t offices_from, civil_date_t today, int64_t now,
                         op_error_t *err, int *count)
{
    *count = 0;
    for (int i = 0; i < DEMO_AJ; i++) {
        civil_date_t received = today - DEMO_AJ_SPAN + i * (DEMO_AJ_SPAN - 20) / DEMO_AJ;
        int y;
        char no[32], doc[40];
        int64_t id;
        aj_input_t in = {.unit_id = received < offices_from || noffices == 0
                                        ? agency
                                        : offices[(i * 3) % noffices],
                         .court = i % 5 == 4 ? "Tòa án nhân dân cấp cao tại Hà Nội"
                                             : "Tòa án nhân dân tỉnh Nghệ An",
                         .respondent = respondents[i % N(respondents)],
                         .applicant = applicants[(i * 5) % N(applicants)],
                         .content = contents[i % N(contents)],
                         .judgment_date = received - 18 - i % 9,
                         .received_on = received};

        civil_date_to_ymd(in.judgment_date, &y, NULL, NULL);
        snprintf(no, sizeof no, "%02d/%d/HC-%s", 3 + i * 2, y, i % 5 == 4 ? "PT" : "ST");
        in.judgment_no = no;
        if (aj_op_register(db, &in, 0, today, now, &id, err) != 0)
            return -1;
        ++*count;
        snprintf(doc, sizeof doc, "%d/CV-THADS", 100 + i * 7);
        /* most get a reminder a month in, some a second; every fourth a court decision
         * compelling compliance; two in three comply within about five months */
        if (step(db, id, AJ_STEP_REMINDED, received + 30, doc, NULL, today, now, err) != 0 ||
            (i % 2 == 1 &&
             step(db, id, AJ_STEP_REMINDED, received + 75, doc,
                  "Đôn đốc lần hai, đề nghị báo cáo kết quả thi hành", today, now, err) != 0) ||
            (i % 4 == 1 && step(db, id, AJ_STEP_COMPELLED, received + 110, "12/2025/QĐ-BTHA", NULL,
                                today, now, err) != 0) ||
            (i % 3 != 2 &&
             step(db, id, AJ_STEP_COMPLETED, received + 140 + i % 4 * 10, NULL,
                  "Cơ quan hành chính đã thi hành xong nội dung bản án", today, now, err) != 0))
            return -1;
    }
    return 0;
}
