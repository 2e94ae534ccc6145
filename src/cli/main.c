/*
 * cli/main.c — `thads COMMAND [OPTIONS]`: find the command, run it.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

int cmd_reindex(int argc, char **argv); /* cli/reindex.c */
int cmd_report(int argc, char **argv);  /* cli/report.c */
int cmd_fees(int argc, char **argv);    /* cli/fees.c */
int cmd_money(int argc, char **argv);   /* cli/money.c */

const cli_command_t cli_commands[] = {
    {"serve", cmd_serve, "serve the web UI and the JSON API",
     "usage: thads serve [--db URL] [--listen HOST:PORT] [--threads N] [--holidays FILE]\n"
     "                   [--rules FILE] [--quiet] [--secure-cookie] [--max-connections N]\n"
     "                   [--per-ip-connections N] [--timeout SECONDS] [--metrics-token T]\n"
     "                   [--request-timeout SECONDS] [--allowed-origin ORIGIN]...\n"
     "\n"
     "Migrates the database to the newest schema, then serves the UI and the API until\n"
     "SIGINT or SIGTERM, letting requests in flight finish.\n"
     "\n"
     "  --db URL          sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB
     ")\n"
     "  --listen ADDR     address and port (env THADS_LISTEN; default " CLI_DEFAULT_LISTEN ")\n"
     "  --threads N       worker threads and database connections (env THADS_THREADS; "
     "default 4)\n"
     "  --holidays FILE   announced days off/working days CSV (env THADS_HOLIDAYS;\n"
     "                    default: the built-in data/holidays.csv)\n"
     "  --rules FILE      a corrected rule table, in the format of data/rules.csv (env\n"
     "                    THADS_RULES; default: the built-in one); a file with an error,\n"
     "                    an overlap or gap between versions of a rule, or a rule\n"
     "                    missing is refused with its line, and nothing is served\n"
     "  --quiet           no access log lines\n"
     "  --secure-cookie   mark the session cookie Secure: set it when TLS is in front\n"
     "                    (env THADS_SECURE_COOKIE=1)\n"
     "  --max-connections N   connections served at once (env THADS_MAX_CONNECTIONS;\n"
     "                    default 4096; the open-file limit is raised to fit)\n"
     "  --per-ip-connections N   connections at once from one address (env\n"
     "                    THADS_PER_IP_CONNECTIONS; default 64; behind a reverse proxy\n"
     "                    every connection comes from the proxy: see docs/operations.md)\n"
     "  --timeout SECONDS a connection silent this long while sending its headers or\n"
     "                    body, or between requests, is closed (env THADS_TIMEOUT;\n"
     "                    default 10)\n"
     "  --request-timeout SECONDS   a request's database work still running this long\n"
     "                    is stopped and answered 504, nothing written (env\n"
     "                    THADS_REQUEST_TIMEOUT; default 30); a request whose client\n"
     "                    has closed its connection is stopped at once\n"
     "  --metrics-token T GET /metrics answers only to Authorization: Bearer T (env\n"
     "                    THADS_METRICS_TOKEN, better than the flag, which ps shows);\n"
     "                    default: /metrics is not served (404)\n"
     "  --allowed-origin ORIGIN   a page origin (https://thads.example.gov.vn) allowed\n"
     "                    to POST, PUT, PATCH and DELETE besides the Host the request\n"
     "                    came to; repeat for more (env THADS_ALLOWED_ORIGINS, comma-\n"
     "                    separated); other origins are refused with 403\n"
     "\n"
     "examples:\n"
     "  thads serve\n"
     "  thads serve --db postgres://thads@db1/thads --listen 0.0.0.0:8080 --threads 8\n"},
    {"migrate", cmd_migrate, "bring the database schema up to date",
     "usage: thads migrate [--db URL]\n"
     "\n"
     "Applies every migration the database lacks, each in its own transaction, and\n"
     "prints what it applied. Safe to run repeatedly and from several hosts at once.\n"
     "\n"
     "  --db URL   sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads migrate --db sqlite:var/thads.db\n"
     "  THADS_DB=postgresql:///thads?host=/run/postgresql thads migrate\n"},
    {"holidays", cmd_holidays, "list a year's public holidays and days off",
     "usage: thads holidays YEAR [--format text|json] [--holidays FILE]\n"
     "\n"
     "Lists the public holidays (fixed and lunar), compensatory days off and the days\n"
     "the government announced (from the holidays file) for YEAR (1970-2100), so an\n"
     "administrator can check the calendar that every working-day deadline uses.\n"
     "Each day shows its source: the announcing document, or the law it is computed\n"
     "from. A year with no row in the holidays file is \"computed, not announced\".\n"
     "\n"
     "  --format F        text (default) or json\n"
     "  --holidays FILE   announced days CSV (env THADS_HOLIDAYS; default: built in)\n"
     "\n"
     "examples:\n"
     "  thads holidays 2026\n"
     "  thads holidays 2025 --format json\n"},
    {"rules", cmd_rules, "list the deadlines, rates and amounts in force on a day",
     "usage: thads rules [--at DATE] [--format text|json] [--rules FILE]\n"
     "\n"
     "Lists the rules of the law in force on DATE (YYYY-MM-DD, default today): each\n"
     "deadline, rate and amount with its value and unit (CD calendar days, WD working\n"
     "days, H hours, M months, PPM parts per million, VND), its legal source, the days it\n"
     "is in force and its confidence tag (THADS.md 0.1: S seed, W found in a public\n"
     "source, M from memory, D derived). Rules tagged M are flagged UNCONFIRMED: check\n"
     "them against the official text. A deadline uses the rule in force on the legal\n"
     "date of the event that starts it, so list the day of that event to see which\n"
     "applied (Law 106/2025/QH15 replaces the 2014 law from 2026-07-01).\n"
     "\n"
     "  --at DATE         the day (default today)\n"
     "  --format F        text (default) or json\n"
     "  --rules FILE      a corrected rule table (env THADS_RULES; default: built in),\n"
     "                    checked as thads serve checks it\n"
     "\n"
     "examples:\n"
     "  thads rules\n"
     "  thads rules --at 2026-06-30\n"
     "  thads rules --at 2026-07-01 --format json --rules /etc/thads/rules.csv\n"},
    {"fees", cmd_fees, "show the enforcement fee schedule of a day and compute a fee",
     "usage: thads fees [AMOUNT] [--date DATE] [--one-third] [--exempt] [--poor PERCENT]\n"
     "                  [--found | --found-coercion] [--format text|json] [--rules FILE]\n"
     "\n"
     "Shows the enforcement fee schedule (Circular 216/2016/TT-BTC, THADS.md 4.1) in force\n"
     "on DATE (YYYY-MM-DD, default today): the base salary and the no-fee threshold, each\n"
     "band, the reductions, every number with its legal source and confidence tag (M rows\n"
     "are flagged UNCONFIRMED), all from the rule table. With AMOUNT (đồng, as 6200000000\n"
     "or 6.200.000.000), also the fee the creditor pays on that amount received on DATE,\n"
     "rounded half up to whole đồng.\n"
     "\n"
     "  --date DATE       the day the money is received (default today)\n"
     "  --one-third       the parties handed the money over directly: one third of the fee\n"
     "  --exempt          the head exempted the creditor: no fee\n"
     "  --poor PERCENT    a poor household's reduction as decided (at most the table's 80%)\n"
     "  --found           the creditor located the asset, sold without coercion (30% off)\n"
     "  --found-coercion  the same, coercion mobilizing forces was needed (20% off)\n"
     "  --format F        text (default) or json\n"
     "  --rules FILE      a corrected rule table (env THADS_RULES; default: built in)\n"
     "\n"
     "examples:\n"
     "  thads fees\n"
     "  thads fees 6.200.000.000 --date 2026-01-15\n"
     "  thads fees 100000000 --one-third --poor 50 --format json\n"},
    {"money", cmd_money, "record receipts, allocations, payouts and voids; statements, books",
     "usage: thads money collect CASE_ID --amount N --method METHOD --payer NAME\n"
     "                         [--address TEXT] [--on-behalf-of NAME] [--on DATE]\n"
     "       thads money allocate CASE_ID [--on DATE]\n"
     "       thads money approve CASE_ID [--on DATE]   (the head: what is allocated, for payout)\n"
     "       thads money deposit CASE_ID --payee PARTY_ID|budget [--cash] [--on DATE]\n"
     "       thads money pay CASE_ID --payee PARTY_ID|budget --amount N [--cash] [--on DATE]\n"
     "       thads money void RECEIPT_ID --reason TEXT [--on DATE]\n"
     "       thads money statement CASE_ID\n"
     "       thads money daybook [--unit CODE] [--day DATE]\n"
     "       thads money balances [--unit CODE]\n"
     "\n"
     "Moves a case's money through the custody ledger with the rules of the API\n"
     "(docs/internals/ledger.md), each write in one transaction with its case event, its\n"
     "ledger transaction, its receipt or voucher and its audit row (recorded as\n"
     "$SUDO_USER, else $USER). Amounts are whole đồng, written 1.234.567 đ, 1.234.567 or\n"
     "1234567. --on is the legal date of the movement (YYYY-MM-DD, default today).\n"
     "\n"
     "  collect    receive money for a case and issue its receipt, numbered without gaps\n"
     "             per unit and year; METHOD: cash, transfer, prison, auction, relative\n"
     "  allocate   confirm the split the law gives of what the case holds unallocated (the\n"
     "             legal order of payment, pro rata within a rank); prints it\n"
     "  pay        pay out of what is allocated to a payee (a party id of the case, or\n"
     "             budget for the State budget), withholding a creditor's enforcement fee,\n"
     "             with a numbered voucher; by transfer unless --cash\n"
     "  void       void a receipt whose money is not allocated: it keeps its number\n"
     "  statement  a case's money: owed, collected, paid, held, remaining, surplus, its\n"
     "             receipts, vouchers and accounts\n"
     "  daybook    the cashier's daily book of a unit and the units below it (default\n"
     "             " CLI_DEFAULT_ROOT_UNIT ", today): receipts, a void one listed but out of\n"
     "             the total, and payouts\n"
     "  balances   the ledger's balances per unit and account kind below --unit\n"
     "\n"
     "  --format F  text (default) or json, for every subcommand\n"
     "  --db URL    sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads money collect 42 --amount '15.000.000 đ' --method cash --payer 'Nguyễn Văn An'\n"
     "  thads money allocate 42\n"
     "  thads money pay 42 --payee 17 --amount 15.000.000 --cash\n"
     "  thads money void 120 --reason 'ghi nhầm việc'\n"
     "  thads money daybook --unit NA-KV1 --day 2026-03-02 --format json\n"},
    {"unit", cmd_unit, "add, move, close, rename and list organizational units",
     "usage: thads unit add CODE --name NAME --kind KIND [--parent CODE] [--from DATE]\n"
     "                          [--to DATE]\n"
     "       thads unit move CODE --to PARENT_CODE --on DATE\n"
     "       thads unit close CODE --on DATE [--successor CODE]\n"
     "       thads unit rename CODE --name NAME --on DATE\n"
     "       thads unit list [--at DATE] [--root CODE] [--format text|json]\n"
     "\n"
     "Changes the organization tree with the same rules as the API, each change in one\n"
     "transaction with its audit row (recorded as $SUDO_USER, else $USER). Dates are\n"
     "YYYY-MM-DD: --from is the first day a unit exists (default today), --to and a\n"
     "close's --on its last day, a move's --on the first day under the new parent, a\n"
     "rename's --on the day the new name takes effect. A unit can close only when no\n"
     "child unit and no active user is left in it.\n"
     "\n"
     "  --kind KIND        ministry, central_department, provincial_agency,\n"
     "                     regional_office, district_office, prison, detention_camp,\n"
     "                     court, procuracy, bank, land_office, commune, other_agency\n"
     "  --successor CODE   the unit that takes over (cases, files) the day after\n"
     "  --at DATE          list the tree as it was or will be on DATE (default today)\n"
     "  --root CODE        list below this unit (default " CLI_DEFAULT_ROOT_UNIT ")\n"
     "  --format F         text (default) or json\n"
     "  --db URL           sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB
     ")\n"
     "\n"
     "examples:\n"
     "  thads unit add BTP --kind ministry --name 'Bộ Tư pháp' --from 2002-01-01\n"
     "  thads unit add THADS-NA --kind provincial_agency --parent CQLTHADS \\\n"
     "      --name 'Thi hành án dân sự tỉnh Nghệ An' --from 2025-07-01\n"
     "  thads unit move NA-KV2 --to THADS-NA --on 2026-01-01\n"
     "  thads unit close CC-VINH --on 2025-06-30 --successor NA-KV1\n"
     "  thads unit list --root THADS-NA --at 2025-06-30\n"},
    {"user", cmd_user, "add users, set passwords, disable and list accounts",
     "usage: thads user add USERNAME --name FULLNAME --unit CODE --role ROLE[,ROLE...]\n"
     "                      [--password-stdin]\n"
     "       thads user passwd USERNAME [--password-stdin]\n"
     "       thads user disable USERNAME\n"
     "       thads user list [--unit CODE] [--format text|json]\n"
     "\n"
     "Without --password-stdin a random password is generated and printed once; give it\n"
     "to the user, who should change it. With --password-stdin the password is the first\n"
     "line of standard input (never put a password on the command line). A new password\n"
     "ends the user's sessions; so does disabling the account. Each change is one\n"
     "transaction with its audit row (recorded as $SUDO_USER, else $USER).\n"
     "\n"
     "  --role ROLES       comma-separated, or --role repeated: admin, leader, officer,\n"
     "                     examiner, secretary, accountant, warehouse_keeper,\n"
     "                     prison_officer, steering_viewer\n"
     "  --unit CODE        the user's unit (must be open today); for list, list the users\n"
     "                     of this unit and below (default " CLI_DEFAULT_ROOT_UNIT ")\n"
     "  --format F         text (default) or json\n"
     "  --db URL           sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB
     ")\n"
     "\n"
     "examples:\n"
     "  thads user add admin.na --name 'Nguyễn Văn An' --unit THADS-NA --role admin\n"
     "  printf '%s\\n' \"$PW\" | thads user passwd admin.na --password-stdin\n"
     "  thads user disable le.thi.binh\n"
     "  thads user list --unit NA-KV1 --format json\n"},
    {"import", cmd_import, "import units or cases from a CSV file",
     "usage: thads import units FILE.csv [--dry-run] [--skip-bad-rows] [--db URL]\n"
     "       thads import cases FILE.csv [--dry-run] [--skip-bad-rows] [--db URL]\n"
     "\n"
     "units: an organization tree, columns code,name,kind,parent_code,valid_from,\n"
     "valid_to in any order, parents before or after their children.\n"
     "cases: cases from legacy software, one row each (unit_code, case_no, received_on,\n"
     "status, ...), each brought to its status by the events that lead there, with\n"
     "every rule a case run in thads follows. The columns: docs/import.md.\n"
     "\n"
     "The whole file is one transaction with one audit row. Every bad row is reported\n"
     "as FILE:LINE:COLUMN: reason; by default one bad row means nothing is imported.\n"
     "A unit code or a case number (in its unit) that exists is a bad row, so importing\n"
     "a file twice changes nothing. FILE - reads standard input.\n"
     "\n"
     "  --dry-run          check everything, against the database too, and print what\n"
     "                     would be imported; change nothing\n"
     "  --skip-bad-rows    import the good rows (a unit under a bad row is bad too);\n"
     "                     the exit status is still 1 when there were bad rows\n"
     "  --db URL           sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB
     ")\n"
     "\n"
     "examples:\n"
     "  thads import units docs/samples/units.csv --dry-run\n"
     "  thads import cases docs/samples/cases.csv\n"
     "  thads import units units.csv --db postgres://thads@db1/thads\n"},
    {"fsck", cmd_fsck, "verify the audit log's hash chain",
     "usage: thads fsck [--db URL]\n"
     "\n"
     "Checks what the database cannot enforce by itself: that no audit log row was\n"
     "changed, removed or inserted (the hash chain and its head). Prints one line per\n"
     "check; exits 1 if any found damage. Only reads; safe on a live database or a\n"
     "backup copy.\n"
     "\n"
     "  --db URL   sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads fsck\n"
     "  thads fsck --db sqlite:/backup/thads-2026-01-31.db\n"},
    {"reindex", cmd_reindex, "rebuild the search documents of every case",
     "usage: thads reindex [--db URL]\n"
     "\n"
     "Rebuilds the search document of every case (case and judgment numbers, parties'\n"
     "names and ID numbers) from the case rows, in one transaction: cases created\n"
     "before the search migration have none and are not found by the search box until\n"
     "this runs. Running it again changes nothing. Shows progress on a terminal.\n"
     "\n"
     "  --db URL   sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads reindex\n"
     "  thads reindex --db postgres://thads@db1/thads\n"},
    {"report", cmd_report, "the summary report of a unit and a period, in cases and money",
     "usage: thads report --unit CODE --from DATE --to DATE [--category C]\n"
     "                    [--format json|table|xlsx --out FILE] [--db URL]\n"
     "\n"
     "Sums the statistics of the unit's subtree (as it was on --to) for the period: carried\n"
     "over, new, to enforce, eligible, completed, ... in cases and in đồng, the rates on the\n"
     "eligible base, and one row per child unit (docs/internals/statistics.md).\n"
     "\n"
     "  --category C  only cases of category C (credit, corruption, ...: docs/import.md)\n"
     "  --format xlsx --out FILE  the official forms (Circular 06/2019), a sheet in cases\n"
     "                and one in money, written to FILE\n"
     "  --db URL      sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads report --unit NA --from 2025-10-01 --to 2026-09-30\n"
     "  thads report --unit NA --from 2026-01-01 --to 2026-01-31 --format json\n"
     "  thads report --unit NA --from 2025-10-01 --to 2026-09-30 --format xlsx --out bc.xlsx\n"},
    {"demo", cmd_demo, "fill a new database with a demo province: units, users, cases",
     "usage: thads demo [--db URL] [--years N] [--cases N] [--seed N]\n"
     "\n"
     "Builds Nghệ An as it could look, in a new, empty database: the Ministry of Justice\n"
     "and its enforcement departments before and after the 2025 reorganization (the old\n"
     "provincial department and 21 district sub-departments until 2025-06-30, the\n"
     "provincial agency and 20 regional offices from 2025-07-01), prisons no. 3 and 6 and\n"
     "the provincial detention camp; one user for each role, whose passwords are printed\n"
     "once at the end; and cases of every category received over the last N statistical\n"
     "years, each moved through its legal steps on working days to where it stands today\n"
     "(every state appears). The same seed gives the same cases on the same day. Refuses a\n"
     "database that already has cases or a unit BTP. Everything is one transaction.\n"
     "\n"
     "  --years N   statistical years of cases, counted back from the current one\n"
     "              (1 October - 30 September; default 3)\n"
     "  --cases N   how many cases (default 3000)\n"
     "  --seed N    a different seed, different people and cases (default 1)\n"
     "  --db URL    sqlite:PATH or postgres://... (env THADS_DB; default " CLI_DEFAULT_DB ")\n"
     "\n"
     "examples:\n"
     "  thads demo --db sqlite:var/demo.db\n"
     "  thads demo --db postgres://thads@db1/thads_demo --cases 20000 --years 5\n"
     "  thads demo --db sqlite:/tmp/small.db --cases 300 --seed 7\n"},
    {"version", cmd_version, "print the version and library versions", "usage: thads version\n"},
    {"help", cmd_help, "show help for a command", "usage: thads help [COMMAND]\n"},
    {NULL, NULL, NULL, NULL},
};

static void print_overview(FILE *out)
{
    fprintf(out, "thads — civil judgment enforcement case management\n\n"
                 "usage: thads COMMAND [OPTIONS]\n\ncommands:\n");
    for (const cli_command_t *c = cli_commands; c->name; c++)
        fprintf(out, "  %-10s %s\n", c->name, c->summary);
    fprintf(out, "\nRun 'thads help COMMAND' for a command's options and examples.\n");
}

static const cli_command_t *find(const char *name)
{
    for (const cli_command_t *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

int cmd_help(int argc, char **argv)
{
    const cli_command_t *c;

    if (argc < 2) {
        print_overview(stdout);
        return 0;
    }
    c = find(argv[1]);
    if (c == NULL)
        return cli_usage_error("help", "unknown command '%s'", argv[1]);
    fputs(c->usage, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    const cli_command_t *c;

    if (argc < 2) {
        print_overview(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_overview(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(argc - 1, argv + 1);
    c = find(argv[1]);
    if (c == NULL) {
        fprintf(stderr, "thads: unknown command '%s' (see 'thads --help')\n", argv[1]);
        return 2;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(c->usage, stdout);
            return 0;
        }
    return c->run(argc - 1, argv + 1);
}
