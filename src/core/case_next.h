/*
 * core/case_next.h — the next legal steps of a case: which events the law allows now.
 *
 * The case page lists them (issue 13, "the next legal steps the state machine allows"),
 * so the event form offers only what would not be refused for the case's state. Read
 * from the one table of transitions (core/case.c, case_transition) and the engine's one
 * rule that is not the state's: refusal and return of the application only for a case
 * opened on application (Art 31, 51; core/case_engine.c), and the outcome of a coercion
 * decision only while one is pending (THADS.md 5.3). Whether the step is on time,
 * has its document or money to move is judged when it is recorded, not here.
 *
 * Pure: no I/O, no allocation.
 */
#ifndef THADS_CORE_CASE_NEXT_H
#define THADS_CORE_CASE_NEXT_H

#include "core/case.h"

#include <stdint.h>

/* The events that may follow in state s, in the order of case_event_t, into out (room
 * for CASE_EVENT_COUNT); returns how many. The creation events never follow. A
 * verification is listed when any of its results is allowed. on_application: the case
 * was opened on a creditor's application; coercions_pending: its coercion decisions not
 * yet carried out nor paid after (case_engine_case_t's). An out-of-range state gives none. */
int case_next_events(case_state_t s, int on_application, int64_t coercions_pending,
                     case_event_t *out);

#endif
