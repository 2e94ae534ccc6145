/*
 * core/message.c — the catalogue's entries, in the order of message_id_t.
 */
#include "core/message.h"

#include <string.h>

static const message_t messages[MSG_COUNT] = {
    [MSG_MISSING_FIELD] = {"missing_field", "This field is required.", "Trường này là bắt buộc."},
    [MSG_TEXT_INVALID] = {"invalid_value", "Must be text of at most %s characters: %s.",
                          "Phải là văn bản tối đa %s ký tự: %s."},
    [MSG_TEXT_TOO_LONG] = {"too_long", "Must be text of at most %s characters: %s.",
                           "Phải là văn bản tối đa %s ký tự: %s."},
    [MSG_OUT_OF_MEMORY] = {"internal", "Out of memory.", "Hết bộ nhớ."},
    [MSG_TRANSITION] = {"transition_not_allowed", "%s", "%s"},
    [MSG_EVENT_DATE] = {"invalid_date", "The legal date is missing or in the future.",
                        "Ngày của sự kiện bị thiếu hoặc ở tương lai."},
    [MSG_BEFORE_LAST_EVENT] = {"before_last_event",
                               "The event is dated before the case's last event; events are "
                               "recorded in the order of their legal dates.",
                               "Ngày của sự kiện trước sự kiện gần nhất của việc; sự kiện được "
                               "ghi theo thứ tự ngày."},
    [MSG_OFFICER_MISSING] = {"missing_field", "Name the officer to assign.",
                             "Cần chỉ định chấp hành viên."},
    [MSG_PERIOD_RUNNING] = {"period_running", "The voluntary period runs until %s.",
                            "Thời hạn tự nguyện thi hành án còn đến hết ngày %s."},
    [MSG_AMOUNT_NOT_POSITIVE] = {"invalid_value", "The amount must be a positive number of đồng.",
                                 "Số tiền phải là số đồng dương."},
    [MSG_AMOUNT_TOO_LARGE] = {"invalid_value", "The amount is too large.", "Số tiền quá lớn."},
    [MSG_MORE_THAN_HELD] = {"more_than_held", "More than the case holds can not be paid out.",
                            "Không thể chi trả nhiều hơn số tiền đang tạm giữ của việc."},
    [MSG_MONEY_HELD] = {"money_held", "The case still holds money: pay it out before completing.",
                        "Việc còn tiền tạm giữ: cần chi trả trước khi kết thúc."},
    [MSG_CORRECTS_SEQ] = {"invalid_value", "Name the number of the event being corrected.",
                          "Cần ghi số thứ tự của sự kiện được đính chính."},
    [MSG_TOO_MANY_EVENTS] = {"too_many_events", "At most %s events can be recorded at once.",
                             "Chỉ ghi được tối đa %s sự kiện một lần."},
    [MSG_CASE_START] = {"transition_not_allowed", "%s", "%s"},
};

static const message_t internal = {"internal", "Internal error.", "Lỗi hệ thống."};

const message_t *message_get(message_id_t id)
{
    if ((unsigned)id >= MSG_COUNT || messages[id].code == NULL)
        return &internal;
    return &messages[id];
}

/* Copy template t into out (len bytes), each "%s" replaced by the next argument. */
static void fill(const char *t, char *out, size_t len, const char *const *args, size_t nargs)
{
    size_t n = 0, next = 0;
    int cut = 0;

    if (len == 0)
        return;
    while (*t != '\0' && n + 1 < len) {
        if (t[0] == '%' && t[1] == 's') {
            const char *a = next < nargs && args[next] != NULL ? args[next] : "";
            size_t k = strlen(a);
            next++;
            if (k > len - 1 - n) {
                k = len - 1 - n;
                cut = 1;
            }
            memcpy(out + n, a, k);
            n += k;
            t += 2;
            continue;
        }
        out[n++] = *t++;
    }
    if (cut || *t != '\0') /* not half a letter: back to the start of the last one */
        while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;
    if ((cut || *t != '\0') && n > 0 && (unsigned char)out[n - 1] >= 0xC0)
        n--;
    out[n] = '\0';
}

void message_format(message_id_t id, char *en, size_t enlen, char *vi, size_t vilen,
                    const char *const *args, size_t nargs)
{
    const message_t *m = message_get(id);

    fill(m->en, en, enlen, args, nargs);
    fill(m->vi, vi, vilen, args, nargs);
}
